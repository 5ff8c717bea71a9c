"""Soft (W) checks of the action plan (H), the dates that must sit inside the plan period,
monitoring (I) and preparation (J)."""
from __future__ import annotations

import datetime as dt

from app.plan.checks_common import Check, day, filled_rows, label, names, num, warn
from app.plan.computed import as_date, as_number, as_year
from app.plan.content import Template
from app.plan.data import PlanData, is_empty
from app.plan.findings import Finding


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


PLAN_CHECKS: dict[str, Check] = {
    "action_dates": action_dates,
    "funding_when_budget": funding_when_budget,
    "dates_in_period": dates_in_period,
    "next_review_after_approval": next_review_after_approval,
    "vulnerable_not_above_participants": vulnerable_not_above_participants,
    "participants_consent": participants_consent,
}
