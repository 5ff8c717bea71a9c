"""Soft (W) checks: the spec's warnings and the cross-section links of spec 1.13.

A field names its checks in the YAML (``warnings: [age_sum]``); ``run_checks`` runs every name
the template uses once and returns the findings. A check never blocks anything, and stays quiet
when the answers it needs are missing (that is what R and R1 report). The checks of sections
G–J (advocacy, action plan, monitoring, preparation) and the shared message helpers live in
``checks_advocacy.py``; this module holds the checks of sections A–F and the registry.
"""
from __future__ import annotations

import math
import re

from app.plan.checks_advocacy import ADVOCACY_CHECKS, Check, filled_rows, label, names, num, warn
from app.plan.computed import (
    CRITERIA, SCORE_METHODS, VOTE_METHODS, as_number, as_year, choice_slug, ref_ids, selected,
)
from app.plan.content import Template
from app.plan.data import PlanData, RowData, is_empty
from app.plan.findings import Finding


class UnknownCheck(LookupError):
    """The template names a soft check this module does not define."""


def _lt_count(n: int, one: str, few: str, many: str) -> str:
    """Lithuanian noun form after a number: 1 punktas, 2 punktai, 10 punktų."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 9 and not 12 <= n % 100 <= 19:
        return few
    return many


# ---------------------------------------------------------------- A, B, E: the profile

def period_span(plan: PlanData, template: Template) -> list[Finding]:
    """From ≤ to, at most 10 years, and a warning past 7 (years counted inclusively)."""
    start, end = as_year(plan.value("period_from")), as_year(plan.value("period_to"))
    if start is None or end is None:
        return []
    span = end - start + 1
    if start > end:
        lt = f"Plano pradžios metai ({start}) vėlesni nei pabaigos metai ({end}). Pataisykite metus."
        en = f"The first year ({start}) is after the last year ({end}). Correct the years."
    elif span > 10:
        lt = f"Plano laikotarpis – {span} m. Tai per ilgai: planas gali būti ne ilgesnis kaip 10 metų."
        en = f"The plan covers {span} years; it may cover at most 10."
    elif span > 7:
        lt = f"Plano laikotarpis – {span} m. Paprastai planuojama 3–6 metams. Ar tikrai reikia tiek?"
        en = f"The plan covers {span} years; plans usually cover 3–6. Is that intended?"
    else:
        return []
    return [warn("period_to", "period_to", lt, en)]


def vision_year_after_period(plan: PlanData, template: Template) -> list[Finding]:
    vision, end = as_year(plan.value("vision_year")), as_year(plan.value("period_to"))
    if vision is None or end is None or vision >= end:
        return []
    return [warn("vision_year", "vision_year",
                 f"Vizijos metai ({vision}) ankstesni nei plano pabaigos metai ({end}). Vizija turi "
                 "žvelgti bent iki plano pabaigos.",
                 f"The vision year ({vision}) is before the plan's last year ({end}).")]


def residents_vs_villages(plan: PlanData, template: Template) -> list[Finding]:
    total = as_number(plan.value("residents_total"))
    counts = [as_number(r.get("residents")) for r in plan.rows("villages")]
    counts = [c for c in counts if c is not None]
    if not total or not counts or abs(total - sum(counts)) <= 0.10 * total:
        return []
    t, s = num(total, "lt"), num(sum(counts), "lt")
    return [warn("residents_total", "residents_total",
                 f"Gyventojų skaičius ({t}) skiriasi nuo kaimų gyventojų sumos ({s}) daugiau nei "
                 "10 %. Patikrinkite skaičius.",
                 f"Residents ({num(total, 'en')}) differ from the villages' sum "
                 f"({num(sum(counts), 'en')}) by more than 10 %. Check the figures.")]


def age_sum(plan: PlanData, template: Template) -> list[Finding]:
    total = as_number(plan.value("residents_total"))
    counts = [as_number(r.get("count")) for r in plan.rows("age_structure")]
    counts = [c for c in counts if c is not None]
    if not total or not counts or abs(total - sum(counts)) <= 0.05 * total:
        return []
    return [warn("age_structure", "age_structure",
                 f"Amžiaus grupių suma ({num(sum(counts), 'lt')}) skiriasi nuo gyventojų skaičiaus "
                 f"({num(total, 'lt')}) daugiau nei 5 %. Patikrinkite skaičius.",
                 f"The age bands add up to {num(sum(counts), 'en')}, more than 5 % off the "
                 f"residents ({num(total, 'en')}). Check the figures.")]


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE_CANDIDATE = re.compile(r"\+?\d[\d\s()\-]{5,}\d")
_PHONE = re.compile(r"^(\+370\d{8}|370\d{8}|8\d{8}|\+(?!370)\d{8,15})$")


def contacts_format(plan: PlanData, template: Template) -> list[Finding]:
    """An e-mail or a phone should look like one (Lithuanian numbers: +370 6xx xxxxx or 8…)."""
    text = plan.value("bo_contacts")
    if not isinstance(text, str) or not text.strip():
        return []
    emails = [t.strip(".,;:()<>") for t in text.split() if "@" in t]
    phones = [re.sub(r"[\s()\-]", "", m.group()) for m in _PHONE_CANDIDATE.finditer(text)]
    bad = [e for e in emails if not _EMAIL.match(e)] + [p for p in phones if not _PHONE.match(p)]
    if bad:
        lt = (f"Kontaktuose „{bad[0]}“ neatrodo kaip el. pašto adresas ar telefono numeris. "
              "Patikrinkite, pvz.: vardas@pastas.lt, +370 612 34567.")
        en = f"“{bad[0]}” does not look like an e-mail or a phone number. Check it."
    elif not emails and not phones:
        lt = "Kontaktuose neradome nei el. pašto adreso, nei telefono numerio. Įrašykite bent vieną."
        en = "The contacts hold neither an e-mail nor a phone number. Add at least one."
    else:
        return []
    return [warn("bo_contacts", "bo_contacts", lt, en)]


def organisations_empty(plan: PlanData, template: Template) -> list[Finding]:
    # asked once the profile is started (villages entered), not on a blank plan
    if plan.rows("organisations") or not plan.rows("villages"):
        return []
    return [warn("organisations", "organisations",
                 "Neįrašėte nė vienos organizacijos ar įstaigos. Su kuo jau bendradarbiaujate arba "
                 "galėtumėte: seniūnija, mokykla, biblioteka, parapija?",
                 "No organisations yet. Who do you or could you work with: eldership, school, "
                 "library, parish?")]


ASSET_LISTS = ("assets_people", "assets_associations", "assets_institutions", "assets_physical",
               "assets_economy", "assets_culture")


def assets_all_empty(plan: PlanData, template: Template) -> list[Finding]:
    if any(plan.rows(key) for key in ASSET_LISTS) or not plan.rows("villages"):
        return []
    return [warn("assets_people", "assets_people",
                 "Bendruomenės išteklių sąrašai tušti. Surašykite bent kelis dalykus, kuriuos jau "
                 "turite: žmones, grupes, pastatus, tradicijas.",
                 "The asset lists are empty. List a few things you already have: people, groups, "
                 "buildings, traditions.")]


def vulnerable_group_served(plan: PlanData, template: Template) -> list[Finding]:
    """Spec 1.13 link 5: each vulnerable group of B is affected by a need or served by an action."""
    served = {s for r in plan.rows("needs") for s in selected(r.get("affected"))}
    served |= {s for r in plan.rows("actions") for s in selected(r.get("beneficiaries"))}
    served |= set(selected(plan.value("adv_affected")))
    if not served:  # needs and actions not yet described: too early to say
        return []
    found = []
    for row in plan.rows("vulnerable_groups"):
        group = choice_slug(row.get("group"))
        if group is None or group == "other" or group in served:
            continue  # an "other" group is free text: it cannot be matched reliably
        lt, en = names(plan, template, "vulnerable_groups", row)
        found.append(warn("vulnerable_groups", f"vulnerable_groups/{row.id}/group",
                          f"Grupė „{lt}“ nepažymėta nei prie poreikių („Kam aktualu“), nei veiksmų "
                          "plane („Kam bus naudinga“). Pažymėkite ją bent prie vieno poreikio ar "
                          "priemonės, kuri jai padės.",
                          f"The group “{en}” is never marked as affected by a need or as a "
                          "beneficiary of an action. Mark it where it is helped."))
    return found


# ---------------------------------------------------------------- C, D: SWOT and needs

def swot_min_items(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for key in ("strengths", "weaknesses", "opportunities", "threats"):
        n = len(plan.rows(key))
        if 0 < n < 3:
            word = _lt_count(n, "punktas", "punktai", "punktų")
            found.append(warn(key, key,
                              f"„{label(template, key)}“: kol kas tik {n} {word}. Pasistenkite "
                              "įrašyti bent 3.",
                              f"“{label(template, key, lang='en')}”: only {n} so far. Aim for "
                              "at least 3."))
    return found


def evidence_for_priorities(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for need_id in ref_ids(plan.value("priorities")):
        row = plan.row("needs", need_id)
        if row is not None and is_empty(row.get("evidence")):
            lt, en = names(plan, template, "needs", row)
            found.append(warn("needs", f"needs/{row.id}/evidence",
                              f"Prioritetiniam poreikiui „{lt}“ neįrašyti įrodymai. Įrašykite skaičius "
                              "ar faktus – jie padės įtikinti kitus.",
                              f"The priority “{en}” has no evidence. Add figures or facts."))
    return found


def affected_n_within_residents(plan: PlanData, template: Template) -> list[Finding]:
    total = as_number(plan.value("residents_total"))
    if not total:
        return []
    found = []
    for row in plan.rows("needs"):
        n = as_number(row.get("affected_n"))
        if n is not None and n > total:
            lt, en = names(plan, template, "needs", row)
            found.append(warn("needs", f"needs/{row.id}/affected_n",
                              f"Poreikio „{lt}“ paveiktų žmonių skaičius ({num(n, 'lt')}) didesnis už "
                              f"visų gyventojų skaičių ({num(total, 'lt')}). Patikrinkite skaičius.",
                              f"“{en}” affects {num(n, 'en')} people, more than all residents "
                              f"({num(total, 'en')}). Check the figures."))
    return found


def _method(plan: PlanData) -> str | None:
    return choice_slug(plan.value("priority_method"))


def scores_when_scoring(plan: PlanData, template: Template) -> list[Finding]:
    """Scores are required on every need when the method involves scoring (spec D)."""
    if _method(plan) not in SCORE_METHODS:
        return []
    found = []
    for row in filled_rows(plan, "needs", "title"):
        missing = [c for c in CRITERIA if as_number(row.get(c)) is None]
        if missing:
            lt, en = names(plan, template, "needs", row)
            found.append(warn("needs", f"needs/{row.id}/{missing[0]}",
                              f"Poreikis „{lt}“ įvertintas ne pagal visus kriterijus. Trūksta: "
                              f"{', '.join(label(template, 'needs', c).lower() for c in missing)}.",
                              f"“{en}” is not scored on every criterion. Missing: "
                              f"{', '.join(label(template, 'needs', c, 'en').lower() for c in missing)}."))
    return found


def votes_when_voting(plan: PlanData, template: Template) -> list[Finding]:
    """Dot votes are required on every need when the method is dot voting (spec D)."""
    if _method(plan) not in VOTE_METHODS:
        return []
    found = []
    for row in filled_rows(plan, "needs", "title"):
        if as_number(row.get("dot_votes")) is None:
            lt, en = names(plan, template, "needs", row)
            found.append(warn("needs", f"needs/{row.id}/dot_votes",
                              f"Poreikiui „{lt}“ neįrašytas balsų skaičius. Jei jis negavo nė vieno "
                              "lipduko, įrašykite 0.",
                              f"No dot votes for “{en}”. Enter 0 if it got none."))
    return found


def voting_participants(plan: PlanData, template: Template) -> list[Finding]:
    if _method(plan) not in VOTE_METHODS or as_number(plan.value("participants_voting")) is not None:
        return []
    return [warn("participants_voting", "participants_voting",
                 "Įrašykite, kiek žmonių balsavo lipdukais – tada bus galima patikrinti balsų sumą.",
                 "Enter how many people voted, so the vote total can be checked.")]


def dot_votes_total(plan: PlanData, template: Template) -> list[Finding]:
    """Votes ≤ voters × dots each. The plan does not record the dots per person, so the spec's
    rule of thumb stands in (about a quarter of the items), but never fewer than 3 dots: the
    common workshop practice, which keeps honest tallies from being flagged."""
    voters = as_number(plan.value("participants_voting"))
    needs = plan.rows("needs")
    votes = [as_number(r.get("dot_votes")) for r in needs]
    total = sum(v for v in votes if v is not None)
    if _method(plan) not in VOTE_METHODS or not voters or not needs:
        return []
    dots = max(3, math.ceil(len(needs) / 4))
    limit = int(voters) * dots
    if total <= limit:
        return []
    word = _lt_count(dots, "lipduką", "lipdukus", "lipdukų")
    return [warn("needs", "needs",
                 f"Balsų suma ({num(total, 'lt')}) per didelė: balsavo {int(voters)} žm., o jei "
                 f"kiekvienas turėjo po {dots} {word}, balsų galėjo būti ne daugiau kaip {limit}. "
                 "Patikrinkite balsus ir balsavusiųjų skaičių.",
                 f"The votes add up to {num(total, 'en')}: with {int(voters)} voters and about "
                 f"{dots} dots each there can be at most {limit}. Check the tally.")]


# ---------------------------------------------------------------- F, H: goals down to actions

def _named(plan: PlanData, template: Template, key: str) -> list[RowData]:
    field = template.fields.get(key)
    return filled_rows(plan, key, field.row_label) if field and field.row_label else plan.rows(key)


def _pointed(plan: PlanData, key: str, column: str) -> list[str]:
    return [i for r in plan.rows(key) for i in ref_ids(r.get(column))]


def priority_without_goal(plan: PlanData, template: Template) -> list[Finding]:
    """Spec 1.13 link 2: every priority need gets at least one goal."""
    if not plan.rows("goals"):
        return []
    covered = set(_pointed(plan, "goals", "needs"))
    found = []
    for need_id in ref_ids(plan.value("priorities")):
        row = plan.row("needs", need_id)
        if row is not None and need_id not in covered:
            lt, en = names(plan, template, "needs", row)
            found.append(warn("goals", "goals",
                              f"Prioritetui „{lt}“ dar nėra tikslo. Įrašykite tikslą arba prie esamo "
                              "tikslo pažymėkite šį prioritetą.",
                              f"The priority “{en}” has no goal yet. Add one, or link it to a goal."))
    return found


def objective_per_goal(plan: PlanData, template: Template) -> list[Finding]:
    """Spec F: one to five objectives per goal."""
    if not plan.rows("objectives"):
        return []
    counts = _pointed(plan, "objectives", "goal")
    found = []
    for goal in _named(plan, template, "goals"):
        n = counts.count(goal.id)
        lt, en = names(plan, template, "goals", goal)
        if n == 0:
            found.append(warn("objectives", "objectives",
                              f"Tikslas „{lt}“ dar neturi nė vieno uždavinio. Įrašykite bent vieną.",
                              f"The goal “{en}” has no objective yet. Add at least one."))
        elif n > 5:
            found.append(warn("objectives", "objectives",
                              f"Tikslui „{lt}“ įrašyta uždavinių: {n}. Daugiausia gali būti 5 – "
                              "sujunkite panašius.",
                              f"The goal “{en}” has {n} objectives; at most 5. Merge similar ones."))
    return found


def _per_objective(child: str, lt_tail: str, en_tail: str) -> Check:
    """Spec 1.13 link 3: each objective has at least one row in ``child``."""
    def check(plan: PlanData, template: Template) -> list[Finding]:
        if not plan.rows(child):
            return []
        covered = set(_pointed(plan, child, "objective"))
        found = []
        for obj in _named(plan, template, "objectives"):
            if obj.id not in covered:
                lt, en = names(plan, template, "objectives", obj)
                found.append(warn(child, child, f"Uždaviniui „{lt}“ {lt_tail}", f"The objective “{en}” {en_tail}"))
        return found
    return check


indicator_per_objective = _per_objective(
    "indicators", "nėra rodiklio. Įrašykite bent vieną: kiek yra dabar ir kiek sieksite.",
    "has no indicator. Add at least one.")
action_per_objective = _per_objective(
    "actions", "veiksmų plane nėra nė vienos priemonės. Įrašykite bent vieną.",
    "has no measure in the action plan. Add at least one.")


def smart_boxes(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for row in filled_rows(plan, "objectives", "text"):
        n = len(selected(row.get("smart")))
        if n < 4:
            lt, en = names(plan, template, "objectives", row)
            found.append(warn("objectives", f"objectives/{row.id}/smart",
                              f"Uždavinys „{lt}“ atitinka {n} iš 5 gero uždavinio požymių. Patikslinkite "
                              "jį: ką, kiek ir iki kada padarysite.",
                              f"“{en}” meets {n} of the 5 SMART criteria. Make it say what, how much "
                              "and by when."))
    return found


def target_equals_baseline(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for row in plan.rows("indicators"):
        base, target = as_number(row.get("baseline")), as_number(row.get("target"))
        if base is not None and base == target:
            lt, en = names(plan, template, "indicators", row)
            found.append(warn("indicators", f"indicators/{row.id}/target",
                              f"Rodiklio „{lt}“ siektina reikšmė tokia pati kaip dabartinė "
                              f"({num(base, 'lt')}). Įrašykite, kiek tikitės pasiekti.",
                              f"“{en}”: the target equals the baseline ({num(base, 'en')})."))
    return found


# ---------------------------------------------------------------- registry

CHECKS: dict[str, Check] = {
    **ADVOCACY_CHECKS,
    "period_span": period_span,
    "vision_year_after_period": vision_year_after_period,
    "residents_vs_villages": residents_vs_villages,
    "age_sum": age_sum,
    "contacts_format": contacts_format,
    "organisations_empty": organisations_empty,
    "assets_all_empty": assets_all_empty,
    "vulnerable_group_served": vulnerable_group_served,
    "swot_min_items": swot_min_items,
    "evidence_for_priorities": evidence_for_priorities,
    "affected_n_within_residents": affected_n_within_residents,
    "scores_when_scoring": scores_when_scoring,
    "votes_when_voting": votes_when_voting,
    "voting_participants": voting_participants,
    "dot_votes_total": dot_votes_total,
    "priority_without_goal": priority_without_goal,
    "objective_per_goal": objective_per_goal,
    "indicator_per_objective": indicator_per_objective,
    "action_per_objective": action_per_objective,
    "smart_boxes": smart_boxes,
    "target_equals_baseline": target_equals_baseline,
}


def check_names(template: Template) -> list[str]:
    """Every check name the template uses, once, in document order (fields, then columns)."""
    seen: dict[str, None] = {}
    for section in template.sections:
        for key in section.fields:
            field = template.fields[key]
            for item in (field, *field.columns):
                seen.update(dict.fromkeys(item.warnings))
    return list(seen)


def missing_checks(template: Template) -> list[str]:
    """Check names the template uses that ``CHECKS`` lacks: the loader refuses such a template."""
    return [name for name in check_names(template) if name not in CHECKS]


def run_checks(plan: PlanData, template: Template) -> list[Finding]:
    """All W findings of the plan: each check the template names, run once."""
    missing = missing_checks(template)
    if missing:
        raise UnknownCheck(f"{template.source or template.id}: unknown soft check(s) {missing}; "
                           "define them in app/plan/checks.py")
    found: list[Finding] = []
    for name in check_names(template):
        found.extend(CHECKS[name](plan, template))
    return found


__all__ = ["CHECKS", "UnknownCheck", "check_names", "missing_checks", "run_checks"]
