"""Soft (W) checks: the spec's warnings and the cross-section links of spec 1.13.

A field names its checks in the YAML (``warnings: [age_sum]``); ``run_checks`` runs every name
the template uses once and returns the findings. A check never blocks anything, and stays quiet
when the answers it needs are missing (that is what R and R1 report). The checks of sections
G–J (advocacy, action plan, monitoring, preparation) and the shared message helpers live in
``checks_advocacy.py``; this module holds the checks of sections A–F and the registry.
"""
from __future__ import annotations

import re

from app.plan.checks_advocacy import ADVOCACY_CHECKS
from app.plan.checks_common import Check, names, num, warn
from app.plan.checks_goals import GOAL_CHECKS
from app.plan.checks_needs import NEEDS_CHECKS
from app.plan.checks_plan import PLAN_CHECKS
from app.plan.computed import (
    as_number, as_year, choice_slug, selected,
)
from app.plan.content import Template
from app.plan.data import PlanData
from app.plan.findings import Finding


class UnknownCheck(LookupError):
    """The template names a soft check this module does not define."""


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


# ---------------------------------------------------------------- registry

CHECKS: dict[str, Check] = {
    **ADVOCACY_CHECKS,
    **GOAL_CHECKS,
    **PLAN_CHECKS,
    **NEEDS_CHECKS,
    "period_span": period_span,
    "vision_year_after_period": vision_year_after_period,
    "residents_vs_villages": residents_vs_villages,
    "age_sum": age_sum,
    "contacts_format": contacts_format,
    "organisations_empty": organisations_empty,
    "assets_all_empty": assets_all_empty,
    "vulnerable_group_served": vulnerable_group_served,
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
