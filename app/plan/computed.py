"""Computed fields and columns: values the app derives from the answers and shows read-only.

The YAML names a computation (``compute: goal_code``); ``compute()`` looks it up in
``COMPUTATIONS`` and returns a display-ready value (str, number or None). Every computation has
the signature ``(plan, template, table_key, row)`` so one call shape serves top-level fields
(``table_key``/``row`` are None) and table columns alike.

The small readers at the top (``as_number``, ``as_date``, ``selected``, ``ref_ids``,
``choice_slug``) are shared with the soft checks in ``checks.py``: both read the same decoded
values (see ``kinds.py`` for their shapes) and must agree on what "empty" or "a number" means.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable

from app.plan.content import OTHER, Template, Text
from app.plan.data import PlanData, RowData

Computation = Callable[[PlanData, Template, str | None, RowData | None], Any]

#: The six scoring criteria of section D: columns of ``needs`` and fixed rows of
#: ``criteria_weights`` share these ids.
CRITERIA = ("scale", "severity", "urgency", "vulnerable_impact", "feasibility", "support")
SCORE_METHODS = frozenset({"scores", "combined"})
VOTE_METHODS = frozenset({"dots", "combined"})

#: Engagement approach of a target (influence × interest), shown in the power-map table.
QUADRANT_LABELS: dict[str, Text] = {
    "manage_closely": Text("dirbti glaudžiai", "manage closely"),
    "keep_satisfied": Text("palaikyti patenkintus", "keep satisfied"),
    "keep_informed": Text("informuoti", "keep informed"),
    "monitor": Text("stebėti", "monitor"),
}


# ---------------------------------------------------------------- value readers

def as_number(value: Any) -> float | None:
    """A stored number as float; None for empty or anything that is not a number (a bool is
    not a number here, though Python says it is)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", ".").strip())
    except ValueError:
        return None


def as_date(value: Any) -> dt.date | None:
    """A stored ISO date ("YYYY-MM-DD") as a date; None if empty or malformed."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def as_year(value: Any) -> int | None:
    number = as_number(value)
    return int(number) if number is not None else None


def selected(value: Any) -> list[str]:
    """The picked slugs of a multichoice ({"selected": [...]}), a choice or a plain list."""
    if isinstance(value, dict):
        value = value.get("selected")
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return []


def choice_slug(value: Any) -> str | None:
    """A choice's slug; "other" for an {"selected": "other", "other": text} answer."""
    if isinstance(value, dict):
        value = value.get("selected")
        return OTHER if value == OTHER else (value if isinstance(value, str) else None)
    return value if isinstance(value, str) and value else None


def ref_ids(value: Any) -> list[str]:
    """Row ids a ref points to, for single and multiple refs alike."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return []


def _position(plan: PlanData, table_key: str | None, row: RowData | None) -> int | None:
    if row is None or table_key is None:
        return None
    for index, candidate in enumerate(plan.rows(table_key)):
        if candidate.id == row.id:
            return index
    return None


# ---------------------------------------------------------------- computations

def row_number(plan: PlanData, template: Template, table_key: str | None, row: RowData | None) -> int | None:
    """1-based position of the row in its table (the "Eil. Nr." of the action plan)."""
    index = _position(plan, table_key, row)
    return None if index is None else index + 1


def goal_code(plan: PlanData, template: Template, table_key: str | None, row: RowData | None) -> str | None:
    """"1", "2"… by the goal's position; objectives build their codes on it."""
    index = _position(plan, table_key or "goals", row)
    return None if index is None else str(index + 1)


def objective_code(plan: PlanData, template: Template, table_key: str | None, row: RowData | None) -> str | None:
    """"<goal code>.<n within that goal>", e.g. "2.1"; "–" while the goal is not picked, so the
    team sees the gap instead of a misleading number."""
    if row is None:
        return None
    goal_ids = [g.id for g in plan.rows("goals")]
    goal = next(iter(ref_ids(row.get("goal"))), None)
    if goal not in goal_ids:
        return "–"
    n = 0
    for candidate in plan.rows(table_key or "objectives"):
        if next(iter(ref_ids(candidate.get("goal"))), None) == goal:
            n += 1
        if candidate.id == row.id:
            break
    return f"{goal_ids.index(goal) + 1}.{n}"


def share_pct(plan: PlanData, template: Template, table_key: str | None, row: RowData | None) -> float | None:
    """An age band's share of all residents, in percent with one decimal."""
    total = as_number(plan.value("residents_total"))
    count = as_number(row.get("count")) if row is not None else None
    if not total or count is None:
        return None
    # half-up, as people round by hand (31.25 → 31.3), not Python's round-half-even
    share = Decimal(str(count / total * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(share)


def _weights(plan: PlanData) -> dict[str, float]:
    weights = {c: 1.0 for c in CRITERIA}
    for row in plan.rows("criteria_weights"):
        weight = as_number(row.get("weight"))
        key = row.fixed or row.id
        if key in weights and weight is not None:
            weights[key] = weight
    return weights


def _total(plan: PlanData, row: RowData, weights: dict[str, float]) -> float | None:
    scores = [(c, as_number(row.get(c))) for c in CRITERIA]
    if all(score is None for _, score in scores):
        return None
    total = sum(score * weights[c] for c, score in scores if score is not None)
    return int(total) if total == int(total) else round(total, 2)


def needs_total(plan: PlanData, template: Template, table_key: str | None, row: RowData | None) -> float | None:
    """Sum of the six criteria scores, each times its weight (default 1); None if unscored."""
    if row is None:
        return None
    return _total(plan, row, _weights(plan))


def _rank_key(plan: PlanData, row: RowData, weights: dict[str, float], method: Any) -> tuple | None:
    total = _total(plan, row, weights)
    votes = as_number(row.get("dot_votes"))
    if method == "scores":
        return None if total is None else (total,)
    if method == "combined":
        if total is None and votes is None:
            return None
        # scores first, votes break ties; an unscored need ranks after every scored one
        return (total if total is not None else float("-inf"), votes or 0.0)
    return None if votes is None else (votes,)


def needs_rank(plan: PlanData, template: Template, table_key: str | None, row: RowData | None) -> int | None:
    """Competition rank (1, 1, 3…) of a need, by total score, by dot votes, or both
    (``combined``: total first, then votes); ties share a rank and the facilitator breaks them."""
    if row is None:
        return None
    method = choice_slug(plan.value("priority_method"))
    weights = _weights(plan)
    own = _rank_key(plan, row, weights, method)
    if own is None:
        return None
    keys = [_rank_key(plan, other, weights, method) for other in plan.rows(table_key or "needs")]
    return 1 + sum(1 for key in keys if key is not None and key > own)


def quadrant(plan: PlanData, template: Template, table_key: str | None, row: RowData | None) -> str | None:
    """Engagement approach slug (see QUADRANT_LABELS) from influence × interest. Interest is
    optional; without it a clear position for or against (|position| ≥ 1) counts as high
    interest, a neutral or unknown one as low."""
    if row is None:
        return None
    influence = as_number(row.get("influence"))
    interest = as_number(row.get("interest"))
    if interest is None:
        position = as_number(choice_slug(row.get("position")))
        if position is None:
            return None
        interest = 3.0 if abs(position) >= 1 else 1.0
    if influence is None:
        return None
    if influence >= 3:
        return "manage_closely" if interest >= 3 else "keep_satisfied"
    return "keep_informed" if interest >= 3 else "monitor"


def plan_version(plan: PlanData, template: Template, table_key: str | None, row: RowData | None) -> Any:
    """The plan's version, kept by the workflow outside the answers."""
    return plan.meta.get("version")


def plan_status(plan: PlanData, template: Template, table_key: str | None, row: RowData | None) -> Any:
    """The plan's status, kept by the workflow outside the answers."""
    return plan.meta.get("status")


COMPUTATIONS: dict[str, Computation] = {
    "row_number": row_number,
    "goal_code": goal_code,
    "objective_code": objective_code,
    "share_pct": share_pct,
    "needs_total": needs_total,
    "needs_rank": needs_rank,
    "quadrant": quadrant,
    "plan_version": plan_version,
    "plan_status": plan_status,
}


def compute(name: str, plan: PlanData, template: Template, table_key: str | None = None,
            row: RowData | None = None) -> Any:
    """The value of computation ``name`` for a top-level field or for one row of a table."""
    try:
        fn = COMPUTATIONS[name]
    except KeyError:
        raise KeyError(f"unknown computation {name!r}; known: {sorted(COMPUTATIONS)}") from None
    return fn(plan, template, table_key, row)


def missing_computations(template: Template) -> list[str]:
    """Computation names the template uses that this module does not define (for the loader)."""
    names = {item.compute for f in template.fields.values() for item in (f, *f.columns) if item.compute}
    return sorted(n for n in names if n not in COMPUTATIONS)
