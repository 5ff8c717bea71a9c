"""Soft (W) checks of the second half of the plan: the advocacy plan (G) and its links to D, F
and H, the action plan (H), the dates that must sit inside the plan period, monitoring (I) and
preparation (J); plus the small message helpers every soft check shares. ``checks.py`` gathers
these into ``CHECKS`` beside its own checks of sections A–F.

Each check reads a PlanData, returns findings, and stays quiet when the answers it needs are not
there yet: a missing answer is the business of the R/R1 rules, not of a warning.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from app.plan.computed import as_date, as_number, as_year, choice_slug, ref_ids, selected
from app.plan.content import FieldKind, Template, Text
from app.plan.data import PlanData, RowData, is_empty
from app.plan.findings import Finding, Severity
from app.plan.formatting import format_date, format_decimal_2

Check = Callable[[PlanData, Template], list[Finding]]

#: ``who_can_solve`` values that make a need an advocacy candidate (spec 1.13, link 1).
ADVOCACY_SOLVERS = frozenset({"municipality", "state"})


# ---------------------------------------------------------------- shared helpers

def warn(field: str, path: str, lt: str, en: str) -> Finding:
    """A W finding; ``field`` is where the wizard links to, ``path`` the exact place."""
    return Finding(field=field, path=path, message=Text(lt, en), severity=Severity.WARNING)


def num(value: Any, lang: str) -> str:
    """A number the way the language writes it: "12,5" in Lithuanian, "12.5" in English."""
    return format_decimal_2(value, lang)


def day(value: Any, lang: str) -> str:
    date = as_date(value)
    return format_date(date, lang) if date else str(value)


def label(template: Template, key: str, column: str | None = None, lang: str = "lt") -> str:
    """A field's or column's label; the key itself if the template does not declare it."""
    field = template.fields.get(key)
    if field is None:
        return column or key
    if column is None:
        return field.label.get(lang)
    try:
        return field.column(column).label.get(lang)
    except KeyError:
        return column


def _cell_text(plan: PlanData, template: Template, key: str, column: str, value: Any,
               lang: str, depth: int) -> str:
    field = template.fields.get(key)
    col = next((c for c in field.columns if c.key == column), None) if field else None
    if col is None or is_empty(value):
        return "" if is_empty(value) else str(value)
    if col.kind in (FieldKind.CHOICE, FieldKind.MULTICHOICE):
        other = value.get("other", "") if isinstance(value, dict) else ""
        return ", ".join(other if s == "other" and other else col.option_label(s, lang)
                         for s in selected(value))
    if col.kind is FieldKind.REF and col.ref_table and depth < 2:
        names = []
        for row_id in ref_ids(value):
            target = plan.row(col.ref_table, row_id)
            if target is not None:
                names.append(row_name(plan, template, col.ref_table, target, lang, depth + 1))
        return ", ".join(names)
    return str(value)


def row_name(plan: PlanData, template: Template, key: str, row: RowData, lang: str = "lt",
             depth: int = 0) -> str:
    """What a person calls this row: its fixed label, its row-label cell, or "3 eilutė"."""
    field = template.fields.get(key)
    if field is not None and row.fixed:
        for fixed in field.fixed_rows:
            if fixed.id == row.fixed:
                return fixed.label.get(lang)
    if field is not None and field.row_label:
        text = _cell_text(plan, template, key, field.row_label, row.get(field.row_label), lang, depth)
        if text.strip():
            return text.strip()
    index = next((i for i, r in enumerate(plan.rows(key), 1) if r.id == row.id), 0)
    return f"{index} eilutė" if lang == "lt" else f"row {index}"


def names(plan: PlanData, template: Template, key: str, row: RowData) -> tuple[str, str]:
    """The row's name in Lithuanian and English, for the two halves of a message."""
    return row_name(plan, template, key, row, "lt"), row_name(plan, template, key, row, "en")


def filled_rows(plan: PlanData, key: str, column: str) -> list[RowData]:
    """Rows whose naming cell is filled: a half-typed empty row should not raise warnings."""
    return [r for r in plan.rows(key) if not is_empty(r.get(column))]


# ---------------------------------------------------------------- G1 and D links

def adv_need_is_municipal(plan: PlanData, template: Template) -> list[Finding]:
    """The advocacy issue should be a need only the municipality or the state can solve."""
    need = plan.row("needs", next(iter(ref_ids(plan.value("adv_need"))), ""))
    solver = choice_slug(need.get("who_can_solve")) if need else None
    if need is None or solver is None or solver in ADVOCACY_SOLVERS:
        return []
    lt, en = names(plan, template, "needs", need)
    return [warn("adv_need", "adv_need",
                 f"Advokacijos klausimas susietas su poreikiu „{lt}“, kurį, jūsų vertinimu, galite "
                 "išspręsti patys. Advokacija skirta tam, ko be seniūnijos, savivaldybės ar valstybės "
                 "sprendimo pakeisti nepavyks. Pasirinkite kitą poreikį arba pataisykite, kas gali "
                 "jį išspręsti.",
                 f"The advocacy issue is linked to “{en}”, which you marked as solvable by yourselves. "
                 "Advocacy is for what needs a municipal or state decision. Pick another need or "
                 "correct who can solve it.")]


def needs_offered_for_advocacy(plan: PlanData, template: Template) -> list[Finding]:
    """Spec 1.13 link 1: at least one need must be an advocacy candidate for G1 to offer it."""
    solvers = [choice_slug(r.get("who_can_solve")) for r in plan.rows("needs")]
    answered = [s for s in solvers if s]
    if not answered or any(s in ADVOCACY_SOLVERS for s in answered):
        return []
    return [warn("needs", "needs",
                 "Nė vienas poreikis nepažymėtas kaip reikalaujantis seniūnijos, savivaldybės ar "
                 "valstybės sprendimo, o advokacijos klausimui reikia bent vieno tokio. Peržiūrėkite "
                 "stulpelį „Kas gali išspręsti“.",
                 "No need is marked as needing a municipal or state decision, and the advocacy issue "
                 "needs one. Review the “Who can solve it” column.")]


def problem_tree_for_adv_need(plan: PlanData, template: Template) -> list[Finding]:
    """The problem tree is optional, except for the advocacy issue (spec 1.4)."""
    need_id = next(iter(ref_ids(plan.value("adv_need"))), None)
    need = plan.row("needs", need_id) if need_id else None
    if need is None:
        return []
    for row in plan.rows("problem_tree"):
        if need_id in ref_ids(row.get("need")) and not is_empty(row.get("causes")):
            return []
    lt, en = names(plan, template, "needs", need)
    lt_hint, en_hint = "", ""
    if need_id not in ref_ids(plan.value("priorities")):
        lt_hint = " Pirmiausia įtraukite šį poreikį į prioritetus."
        en_hint = " First add this need to the priorities."
    return [warn("problem_tree", "problem_tree",
                 f"Advokacijos klausimui („{lt}“) reikia problemų medžio: įrašykite, kodėl taip yra "
                 f"ir prie ko tai veda.{lt_hint}",
                 f"The advocacy issue (“{en}”) needs a problem tree: its causes and effects.{en_hint}")]


# ---------------------------------------------------------------- G3–G6

def decision_window_past(plan: PlanData, template: Template) -> list[Finding]:
    window = as_date(plan.value("decision_window"))
    if window is None or window >= dt.date.today():
        return []
    return [warn("decision_window", "decision_window",
                 f"Sprendimo „langas“ ({day(window, 'lt')}) jau praėjo. Įrašykite artimiausią datą, "
                 "kada dar galima pateikti pasiūlymus.",
                 f"The window of opportunity ({day(window, 'en')}) has passed. Enter the next date "
                 "when proposals can still be made.")]


def _primary(plan: PlanData) -> list[RowData]:
    return [r for r in plan.rows("targets") if choice_slug(r.get("role")) == "primary"]


def primary_target_present(plan: PlanData, template: Template) -> list[Finding]:
    roles = [choice_slug(r.get("role")) for r in plan.rows("targets")]
    if not any(roles) or "primary" in roles:
        return []
    return [warn("targets", "targets",
                 "Galios žemėlapyje nėra nė vieno pirminio asmens – to, kuris priima sprendimą. "
                 "Bent vienam pažymėkite „Pirminis (sprendžia)“.",
                 "The power map has no primary target, the one who decides. Mark at least one "
                 "as “Primary (decides)”.")]


def primary_target_motives(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for row in _primary(plan):
        if is_empty(row.get("motives")) and not is_empty(row.get("name")):
            lt, en = names(plan, template, "targets", row)
            found.append(warn("targets", f"targets/{row.id}/motives",
                              f"Neįrašėte, kas svarbu sprendėjui „{lt}“. Pagalvokite, kas jam rūpi – "
                              "taip lengviau rasite žodžių, kurie įtikins.",
                              f"You have not noted what matters to “{en}”. Knowing it helps you "
                              "find words that convince."))
    return found


def opponents_empty(plan: PlanData, template: Template) -> list[Finding]:
    # asked only once the power map is started, so a new plan does not open with this question
    if plan.rows("opponents") or not plan.rows("targets"):
        return []
    return [warn("opponents", "opponents",
                 "Ar tikrai niekas neprieštaraus? Pagalvokite, kam šis pokytis gali nepatikti ir ką "
                 "jiems atsakysite.",
                 "Will really nobody object? Think who may dislike the change and what you would "
                 "answer.")]


# ---------------------------------------------------------------- G7–G11

def ask_per_primary_target(plan: PlanData, template: Template) -> list[Finding]:
    if not plan.rows("asks"):  # no asks at all: the R rule already says so
        return []
    asked = {i for r in plan.rows("asks") for i in ref_ids(r.get("target"))}
    found = []
    for row in _primary(plan):
        if row.id not in asked and not is_empty(row.get("name")):
            lt, en = names(plan, template, "targets", row)
            found.append(warn("asks", "asks",
                              f"Pirminiam sprendėjui „{lt}“ dar neįrašėte prašymo. Įrašykite, ko "
                              "konkrečiai iš jo prašote.",
                              f"There is no ask yet for the primary target “{en}”. Write what "
                              "exactly you ask of them."))
    return found


def audience_messages_needed(plan: PlanData, template: Template) -> list[Finding]:
    """Required when there is more than one kind of target (spec G8)."""
    roles = {choice_slug(r.get("role")) for r in plan.rows("targets")} - {None}
    if len(roles) < 2 or plan.rows("audience_messages"):
        return []
    return [warn("audience_messages", "audience_messages",
                 "Turite ir sprendžiančių, ir įtaką darančių asmenų. Parašykite bent vieną žinutę, "
                 "pritaikytą konkrečiam klausytojui.",
                 "You have both decision-makers and influencers. Write at least one message "
                 "framed for a particular listener.")]


def adv_actions_before_window(plan: PlanData, template: Template) -> list[Finding]:
    window = as_date(plan.value("decision_window"))
    if window is None:
        return []
    found = []
    for row in plan.rows("adv_actions"):
        when = as_date(row.get("date"))
        if when is not None and when > window:
            lt, en = names(plan, template, "adv_actions", row)
            found.append(warn("adv_actions", f"adv_actions/{row.id}/date",
                              f"Veiksmas „{lt}“ suplanuotas {day(when, 'lt')}, o tai vėliau nei "
                              f"sprendimo „langas“ ({day(window, 'lt')}). Perkelkite jį anksčiau, "
                              "kad spėtumėte.",
                              f"“{en}” is planned for {day(when, 'en')}, after the window of "
                              f"opportunity ({day(window, 'en')}). Move it earlier."))
    return found


def adv_actions_in_plan(plan: PlanData, template: Template) -> list[Finding]:
    """Spec 1.13 link 4: advocacy activities also appear in the action plan (H)."""
    if not filled_rows(plan, "adv_actions", "activity"):
        return []
    if any(choice_slug(r.get("kind")) == "advocacy" for r in plan.rows("actions")):
        return []
    return [warn("actions", "actions",
                 "Advokacijos veiksmai dar neperkelti į bendrą veiksmų planą. Įrašykite juos ten kaip "
                 "priemones, kurių pobūdis – „Advokacija“.",
                 "The advocacy activities are not in the action plan yet. Add them there as measures "
                 "of kind “Advocacy”.")]


def advocacy_objective_mirrored(plan: PlanData, template: Template) -> list[Finding]:
    """Spec 1.13 link 4: each advocacy objective is also an objective with is_advocacy."""
    wanted = len(filled_rows(plan, "adv_objectives", "text"))
    mirrored = sum(1 for r in plan.rows("objectives") if r.get("is_advocacy") is True)
    if wanted == 0 or mirrored >= wanted:
        return []
    return [warn("objectives", "objectives",
                 f"Advokacijos uždavinių: {wanted}, o plano uždavinių, pažymėtų „Advokacijos "
                 f"uždavinys“: {mirrored}. Kiekvieną advokacijos uždavinį įrašykite ir tarp plano "
                 "uždavinių, pažymėję šį langelį.",
                 f"Advocacy objectives: {wanted}; plan objectives marked “Advocacy objective”: "
                 f"{mirrored}. Add each advocacy objective to the plan's objectives and tick the box.")]


def adv_risks_empty(plan: PlanData, template: Template) -> list[Finding]:
    if plan.rows("adv_risks") or not plan.rows("adv_actions"):  # not before activities exist
        return []
    return [warn("adv_risks", "adv_risks",
                 "Neįrašėte nė vienos rizikos. Pagalvokite, kas galėtų nepavykti ir ką tada darysite.",
                 "No risks yet. Think what could go wrong and what you would do then.")]


# ---------------------------------------------------------------- H: the action plan

def action_dates(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for row in plan.rows("actions"):
        start, end = as_date(row.get("start")), as_date(row.get("end"))
        if start and end and start > end:
            lt, en = names(plan, template, "actions", row)
            found.append(warn("actions", f"actions/{row.id}/end",
                              f"Priemonės „{lt}“ pabaiga ({day(end, 'lt')}) ankstesnė nei pradžia "
                              f"({day(start, 'lt')}). Pataisykite datas.",
                              f"“{en}” ends ({day(end, 'en')}) before it starts ({day(start, 'en')})."))
    return found


def funding_when_budget(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for row in plan.rows("actions"):
        budget = as_number(row.get("budget_eur"))
        if budget and budget > 0 and is_empty(row.get("funding")):
            lt, en = names(plan, template, "actions", row)
            found.append(warn("actions", f"actions/{row.id}/funding",
                              f"Priemonei „{lt}“ numatyta {num(budget, 'lt')} Eur, bet nenurodyta, iš "
                              "kur bus lėšų. Pažymėkite finansavimo šaltinį.",
                              f"“{en}” has a budget of EUR {num(budget, 'en')} but no funding source."))
    return found


# ---------------------------------------------------------------- dates, I, J

#: Dates that plan the future, so belong inside the plan period (spec 1.13 link 6). The dates
#: that record the past (sessions, approval, data date) naturally fall before it.
DATED_CELLS = (("indicators", "target_date"), ("actions", "start"), ("actions", "end"),
               ("adv_objectives", "deadline"), ("asks", "deadline"), ("adv_actions", "date"),
               ("adv_milestones", "target_date"))
DATED_FIELDS = ("mon_next_review",)


def dates_in_period(plan: PlanData, template: Template) -> list[Finding]:
    start, end = as_year(plan.value("period_from")), as_year(plan.value("period_to"))
    if start is None or end is None or start > end:
        return []

    def finding(key: str, path: str, what_lt: str, what_en: str, when: dt.date) -> Finding:
        return warn(key, path,
                    f"{what_lt} ({day(when, 'lt')}) yra už plano laikotarpio ({start}–{end} m.) "
                    "ribų. Patikrinkite datą arba plano laikotarpį.",
                    f"{what_en} ({day(when, 'en')}) is outside the plan period {start}–{end}. "
                    "Check the date or the period.")

    found = []
    for key in DATED_FIELDS:
        when = as_date(plan.value(key))
        if when and not start <= when.year <= end:
            found.append(finding(key, key, f"Data „{label(template, key)}“",
                                 f"The date “{label(template, key, lang='en')}”", when))
    for key, col in DATED_CELLS:
        for row in plan.rows(key):
            when = as_date(row.get(col))
            if when and not start <= when.year <= end:
                lt, en = names(plan, template, key, row)
                found.append(finding(key, f"{key}/{row.id}/{col}",
                                     f"„{lt}“: data „{label(template, key, col)}“",
                                     f"“{en}”: the date “{label(template, key, col, 'en')}”", when))
    return found


def next_review_after_approval(plan: PlanData, template: Template) -> list[Finding]:
    review, approved = as_date(plan.value("mon_next_review")), as_date(plan.value("approved_date"))
    if review is None or approved is None or review > approved:
        return []
    return [warn("mon_next_review", "mon_next_review",
                 f"Kita peržiūra ({day(review, 'lt')}) turi būti vėliau nei plano pritarimo data "
                 f"({day(approved, 'lt')}). Pataisykite datą.",
                 f"The next review ({day(review, 'en')}) must come after the approval "
                 f"({day(approved, 'en')}).")]


def vulnerable_not_above_participants(plan: PlanData, template: Template) -> list[Finding]:
    found = []
    for row in plan.rows("sessions"):
        vulnerable, everyone = as_number(row.get("vulnerable_n")), as_number(row.get("participants_n"))
        if vulnerable is not None and everyone is not None and vulnerable > everyone:
            lt, en = names(plan, template, "sessions", row)
            found.append(warn("sessions", f"sessions/{row.id}/vulnerable_n",
                              f"{lt}: pažeidžiamų grupių atstovų ({num(vulnerable, 'lt')}) daugiau nei "
                              f"visų dalyvių ({num(everyone, 'lt')}). Patikrinkite skaičius.",
                              f"{en}: more people from vulnerable groups ({num(vulnerable, 'en')}) "
                              f"than participants ({num(everyone, 'en')})."))
    return found


def participants_consent(plan: PlanData, template: Template) -> list[Finding]:
    """Names reach the DOCX only with consent (GDPR); say so before the team expects them."""
    if plan.value("participants_numbers_only") is True or plan.value("participants_consent") is True:
        return []
    if not filled_rows(plan, "participants", "name"):
        return []
    return [warn("participants_consent", "participants_consent",
                 "Dalyvių vardai plane nebus rodomi, kol nepažymėsite, kad dalyviai sutiko. Paklauskite "
                 "jų sutikimo arba pažymėkite „Rodyti tik skaičius“.",
                 "Participants' names will not appear in the plan until you tick that they agreed. "
                 "Ask them, or tick “Show numbers only”.")]


ADVOCACY_CHECKS: dict[str, Check] = {
    "adv_need_is_municipal": adv_need_is_municipal,
    "needs_offered_for_advocacy": needs_offered_for_advocacy,
    "problem_tree_for_adv_need": problem_tree_for_adv_need,
    "decision_window_past": decision_window_past,
    "primary_target_present": primary_target_present,
    "primary_target_motives": primary_target_motives,
    "opponents_empty": opponents_empty,
    "ask_per_primary_target": ask_per_primary_target,
    "audience_messages_needed": audience_messages_needed,
    "adv_actions_before_window": adv_actions_before_window,
    "adv_actions_in_plan": adv_actions_in_plan,
    "advocacy_objective_mirrored": advocacy_objective_mirrored,
    "adv_risks_empty": adv_risks_empty,
    "action_dates": action_dates,
    "funding_when_budget": funding_when_budget,
    "dates_in_period": dates_in_period,
    "next_review_after_approval": next_review_after_approval,
    "vulnerable_not_above_participants": vulnerable_not_above_participants,
    "participants_consent": participants_consent,
}

__all__ = ["ADVOCACY_CHECKS", "Check", "day", "filled_rows", "label", "names", "num", "row_name",
           "warn"]
