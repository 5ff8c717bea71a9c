"""Soft (W) checks of goals, objectives and indicators (F): every priority gets a goal, every
goal objectives, every objective an indicator and an action."""
from __future__ import annotations


from app.plan.checks_common import Check, filled_rows, names, num, warn
from app.plan.computed import (
    as_number, ref_ids, selected,
)
from app.plan.content import Template
from app.plan.data import PlanData, RowData
from app.plan.findings import Finding


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


GOAL_CHECKS: dict[str, Check] = {
    "indicator_per_objective": indicator_per_objective,
    "action_per_objective": action_per_objective,
    "priority_without_goal": priority_without_goal,
    "objective_per_goal": objective_per_goal,
    "smart_boxes": smart_boxes,
    "target_equals_baseline": target_equals_baseline,
}
