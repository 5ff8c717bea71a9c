"""Reading and writing a plan's answers as cells and rows, with revisions and the change log.

The save path is the hot path of a workshop (every field saves itself as people type), so it
uses SQLAlchemy Core: one SELECT, one guarded UPDATE (or INSERT), one INSERT into the log.
A save names the revision the person saw; if the cell moved on since, nothing is written and the
caller gets a Conflict with both values and who changed it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from app.db import write_lock
from app.models import Cell, Change, Person, Plan, PlanRow, utcnow
from app.plan.content import Field, Template
from app.plan.data import PlanData, RowData, is_empty
from app.plan.errors import Conflict, FieldError, NotFound
from app.plan.kinds import decode, encode, is_row_id, validate_value
from app.plan.refs import check_refs

cell_t = Cell.__table__
row_t = PlanRow.__table__
change_t = Change.__table__
person_t = Person.__table__
plan_t = Plan.__table__


@dataclass(frozen=True)
class Editor:
    """Who makes a change: the person it is attributed to (on a shared laptop, the participant
    chosen in "Kas dabar rašo?"), whom it is entered for, and the signed-in account that sent
    it (``account_id``: who really typed; kept in its own column of the change log)."""

    person_id: int | None = None
    on_behalf_of: str | None = None
    account_id: int | None = None


@dataclass(frozen=True)
class Saved:
    path: str
    revision: int
    value: Any
    at: datetime
    changed: bool
    was_empty: bool = False  # the answer was empty before: progress may have moved


@dataclass(frozen=True)
class Target:
    """What a path addresses: the top-level field, and for a cell the row and column."""

    field: Field
    column: Field | None = None
    row_id: str | None = None

    @property
    def leaf(self) -> Field:
        return self.column or self.field


#: The longest path a template can have: a key, a 40-character row id and a column key.
MAX_PATH = 200


def resolve(template: Template, path: str) -> Target:
    """Map ``key`` or ``table/row_id/column`` to the fields it addresses (NotFound if none).
    Paths come from forms and URLs: an over-long one or a malformed row id is not looked up."""
    if len(path) > MAX_PATH:
        raise NotFound("path too long")
    parts = path.split("/")
    field = template.fields.get(parts[0])
    if field is None:
        raise NotFound(f"unknown field {parts[0]!r}")
    if len(parts) == 1 and not field.is_rows:
        return Target(field)
    if len(parts) == 3 and field.is_rows and is_row_id(parts[1]):
        try:
            return Target(field, field.column(parts[2]), parts[1])
        except KeyError:
            raise NotFound(f"unknown column in {path!r}") from None
    raise NotFound(f"malformed path {path!r}")


# The autosave statements, built once: building a statement per request cost more than
# running it (measured in bench/bench_autosave.py).
_ROW_ALIVE = select(row_t.c.id).where(
    row_t.c.plan_id == bindparam("plan_id"), row_t.c.row_id == bindparam("row_id"),
    row_t.c.table_key == bindparam("table_key"), row_t.c.deleted_at.is_(None))
_CURRENT = select(cell_t.c.value_json, cell_t.c.revision, cell_t.c.updated_by, cell_t.c.updated_at).where(
    cell_t.c.plan_id == bindparam("plan_id"), cell_t.c.path == bindparam("path"))
_INSERT_CELL = insert(cell_t)
_UPDATE_CELL = update(cell_t).where(and_(
    cell_t.c.plan_id == bindparam("b_plan_id"), cell_t.c.path == bindparam("b_path"),
    cell_t.c.revision == bindparam("b_revision")))
_INSERT_CHANGE = insert(change_t)
_TOUCH_PLAN = update(plan_t).where(plan_t.c.id == bindparam("b_plan_id"))


def _log(conn: Connection, plan_id: int, path: str, action: str, old: str | None,
         new: str | None, editor: Editor, at: datetime) -> None:
    """Append a change, and mark the plan changed (dashboards recompute a plan's figures only
    when ``plan.updated_at`` moved past them)."""
    conn.execute(_INSERT_CHANGE, {"plan_id": plan_id, "path": path, "action": action, "old_json": old,
                                  "new_json": new, "person_id": editor.person_id,
                                  "on_behalf_of": editor.on_behalf_of, "account_id": editor.account_id,
                                  "at": at})
    conn.execute(_TOUCH_PLAN, {"b_plan_id": plan_id, "updated_at": at})


def _row_alive(conn: Connection, plan_id: int, table_key: str, row_id: str) -> bool:
    params = {"plan_id": plan_id, "row_id": row_id, "table_key": table_key}
    return conn.execute(_ROW_ALIVE, params).first() is not None


def save_cell(engine: Engine, template: Template, plan_id: int, path: str,
              base_revision: int, value: Any, editor: Editor) -> Saved:
    """Store one answer if the person saw the current revision; else raise Conflict.

    Saving the value that is already there succeeds without a new revision, so a retried
    request (weak rural network) never turns into a false conflict, and the plain form, which
    sends every answer of a step, never trips over one the person did not touch. A ref is
    checked against the plan's live rows inside the transaction (FieldError if it is gone).
    """
    target = resolve(template, path)
    refused = validate_value(target.leaf, value)
    if refused:  # the web layer parses first; this guards imports and scripts too
        raise FieldError(refused)
    new_json = encode(value)
    now = utcnow()
    with write_lock(engine), engine.begin() as conn:
        if target.row_id and not _row_alive(conn, plan_id, target.field.key, target.row_id):
            raise NotFound(f"row {target.row_id} is gone")
        current = conn.execute(_CURRENT, {"plan_id": plan_id, "path": path}).first()
        if current is None:  # first answer here: nothing to overwrite
            check_refs(conn, template, plan_id, target.leaf, value)
            try:
                conn.execute(_INSERT_CELL, {"plan_id": plan_id, "path": path, "value_json": new_json,
                                            "revision": 1, "updated_at": now, "updated_by": editor.person_id})
            except IntegrityError:  # someone created it a moment ago (PostgreSQL race)
                raise _conflict_from_db(engine, plan_id, path, value) from None
            _log(conn, plan_id, path, "set", None, new_json, editor, now)
            return Saved(path, 1, value, now, True, was_empty=True)
        old_json, revision, by, at = current
        if decode(old_json) == value:
            return Saved(path, revision, value, at, False)
        if revision != base_revision:
            raise Conflict(path, decode(old_json), value, revision, _person_name(conn, by), at)
        check_refs(conn, template, plan_id, target.leaf, value, previous=decode(old_json))
        done = conn.execute(_UPDATE_CELL, {"b_plan_id": plan_id, "b_path": path, "b_revision": revision,
                                           "value_json": new_json, "revision": revision + 1,
                                           "updated_at": now, "updated_by": editor.person_id})
        if done.rowcount != 1:
            raise _conflict_from_db(engine, plan_id, path, value)
        _log(conn, plan_id, path, "set", old_json, new_json, editor, now)
        return Saved(path, revision + 1, value, now, True, was_empty=is_empty(decode(old_json)))


def _person_name(conn: Connection, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    return conn.execute(select(person_t.c.name).where(person_t.c.id == person_id)).scalar()


def _conflict_from_db(engine: Engine, plan_id: int, path: str, mine: Any) -> Conflict:
    with engine.connect() as conn:
        row = conn.execute(select(cell_t.c.value_json, cell_t.c.revision, cell_t.c.updated_by,
                                  cell_t.c.updated_at)
                           .where(cell_t.c.plan_id == plan_id, cell_t.c.path == path)).first()
        return Conflict(path, decode(row[0]), mine, row[1], _person_name(conn, row[2]), row[3])


@dataclass(frozen=True)
class CellState:
    value: Any
    revision: int


def load_cells(engine: Engine, plan_id: int) -> dict[str, CellState]:
    """Every cell of a plan with its revision (what a page needs to render its inputs)."""
    with engine.connect() as conn:
        rows = conn.execute(select(cell_t.c.path, cell_t.c.value_json, cell_t.c.revision)
                            .where(cell_t.c.plan_id == plan_id)).all()
    return {p: CellState(decode(v), r) for p, v, r in rows}


def load_plan_data(engine: Engine, template: Template, plan_id: int, lang: str = "lt",
                   meta: dict[str, Any] | None = None,
                   cells: dict[str, CellState] | None = None) -> PlanData:
    """The plan's answers as a PlanData (rows in order, deleted rows left out)."""
    cells = load_cells(engine, plan_id) if cells is None else cells
    with engine.connect() as conn:
        rows = conn.execute(_LIVE_ROWS, {"plan_id": plan_id}).all()
    return assemble_plan_data(template, cells, rows, lang, meta)


_LIVE_ROWS = (select(row_t.c.table_key, row_t.c.row_id, row_t.c.fixed)
              .where(row_t.c.plan_id == bindparam("plan_id"), row_t.c.deleted_at.is_(None))
              .order_by(row_t.c.position, row_t.c.id))


def read_plan_data(conn: Connection, template: Template, plan_id: int) -> tuple[PlanData, dict[str, CellState]]:
    """The plan's answers and cells read on the caller's connection (one transaction: a version
    snapshot and a restore see one state of the plan)."""
    cells = {p: CellState(decode(v), r) for p, v, r in conn.execute(
        select(cell_t.c.path, cell_t.c.value_json, cell_t.c.revision).where(cell_t.c.plan_id == plan_id))}
    rows = conn.execute(_LIVE_ROWS, {"plan_id": plan_id}).all()
    return assemble_plan_data(template, cells, rows, "lt", None), cells


def assemble_plan_data(template: Template, cells: dict[str, CellState], rows: list, lang: str,
                       meta: dict[str, Any] | None) -> PlanData:
    """A PlanData from a plan's cells and its live rows ((table_key, row_id, fixed) in order)."""
    data = PlanData(lang=lang, meta=dict(meta or {}))
    by_id: dict[str, RowData] = {}
    for table_key, row_id, fixed in rows:
        if table_key in template.fields:
            row = RowData(row_id, {}, fixed)
            data.tables.setdefault(table_key, []).append(row)
            by_id[row_id] = row
    for path, state in cells.items():
        if state.value is None:
            continue
        parts = path.split("/")
        if len(parts) == 1:
            if parts[0] in template.fields:
                data.values[parts[0]] = state.value
        elif len(parts) == 3 and parts[1] in by_id:
            by_id[parts[1]].values[parts[2]] = state.value
    return data
