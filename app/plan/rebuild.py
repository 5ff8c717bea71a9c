"""A plan rebuilt from its change log alone (DESIGN.md: "the change log alone must rebuild a
plan"): replaying every change in order gives the values, the rows, their order and which rows
are deleted. Tests hold the live plan against it; it also shows a plan as it was at any change."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.engine import Engine

from app.plan.answers import change_t
from app.plan.content import Template
from app.plan.data import PlanData, RowData
from app.plan.kinds import decode


@dataclass
class _Row:
    table: str
    position: float
    added: int  # the seq of its row_add: ties in position keep the order rows were added in
    fixed: str | None
    deleted: bool = False


@dataclass
class Rebuilt:
    """The plan as its log says: answers (as ``load_plan_data`` reads them) and deleted rows."""

    data: PlanData
    deleted: dict[str, set[str]] = field(default_factory=dict)


def _fixed_ids(template: Template) -> dict[str, str]:
    from app.plan.rows import fixed_row_id

    return {fixed_row_id(f.key, fr.id): fr.id for f in template.fields.values() for fr in f.fixed_rows}


def _position(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def replay(template: Template, changes: Iterable[tuple[int, str, str, str | None, str | None]],
           lang: str = "lt") -> Rebuilt:
    """Apply ``(seq, path, action, old_json, new_json)`` in seq order to an empty plan."""
    cells: dict[str, Any] = {}
    rows: dict[str, _Row] = {}
    fixed = _fixed_ids(template)
    for seq, path, action, _old, new in changes:
        if action == "set":
            cells[path] = decode(new)
            continue
        table, _, row_id = path.partition("/")
        if action == "row_add":
            position = _position(decode(new))
            if position is None:  # logged before positions were: add_row appended
                position = max((r.position for r in rows.values() if r.table == table), default=0.0) + 1
            rows[row_id] = _Row(table, position, seq, fixed.get(row_id))
        elif row_id in rows and action in ("row_delete", "row_restore"):
            rows[row_id].deleted = action == "row_delete"
        elif row_id in rows and action == "row_move" and _position(decode(new)) is not None:
            rows[row_id].position = _position(decode(new))
    data = PlanData(lang=lang)
    deleted: dict[str, set[str]] = {}
    live: dict[str, RowData] = {}
    for row_id, row in sorted(rows.items(), key=lambda item: (item[1].position, item[1].added)):
        if row.table not in template.fields:
            continue
        if row.deleted:
            deleted.setdefault(row.table, set()).add(row_id)
            continue
        live[row_id] = RowData(row_id, {}, row.fixed)
        data.tables.setdefault(row.table, []).append(live[row_id])
    for path, value in cells.items():
        parts = path.split("/")
        if value is None:
            continue
        if len(parts) == 1 and parts[0] in template.fields:
            data.values[parts[0]] = value
        elif len(parts) == 3 and parts[1] in live and rows[parts[1]].table == parts[0]:
            live[parts[1]].values[parts[2]] = value
    return Rebuilt(data, deleted)


def rebuild_plan(engine: Engine, template: Template, plan_id: int, upto_seq: int | None = None,
                 lang: str = "lt") -> Rebuilt:
    """The plan from its change log alone (up to change ``upto_seq``, when given)."""
    query = (select(change_t.c.seq, change_t.c.path, change_t.c.action, change_t.c.old_json,
                    change_t.c.new_json).where(change_t.c.plan_id == plan_id).order_by(change_t.c.seq))
    if upto_seq is not None:
        query = query.where(change_t.c.seq <= upto_seq)
    with engine.connect() as conn:
        return replay(template, conn.execute(query).all(), lang)
