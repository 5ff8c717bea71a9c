"""Rows of tables and lists: appending (no conflict with a neighbour appending too), moving,
soft deleting and restoring, and the fixed rows a plan is created with. Every change goes to the
change log."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from app.db import write_lock
from app.models import utcnow
from app.plan.answers import Editor, _log, cell_t, row_t
from app.plan.content import Field, Template
from app.plan.errors import FieldError, LimitReached, NotFound
from app.plan.kinds import encode, is_row_id, validate_value
from app.plan.refs import check_refs


def new_row_id() -> str:
    return secrets.token_hex(4)


def _live_rows(conn: Connection, plan_id: int, table_key: str) -> int:
    return conn.execute(select(func.count()).select_from(row_t).where(
        row_t.c.plan_id == plan_id, row_t.c.table_key == table_key, row_t.c.deleted_at.is_(None))).scalar() or 0


def _check_room(conn: Connection, plan_id: int, field: Field) -> None:
    """A table that already holds ``max_rows`` live rows takes no more (LimitReached). Counted
    inside the write transaction, so two people adding the last row at once cannot both win."""
    if field.max_rows is not None and _live_rows(conn, plan_id, field.key) >= field.max_rows:
        n = field.max_rows
        raise LimitReached(field.label.labelled(
            f"daugiausia eilučių – {n}. Naujos pridėti negalima: pakeiskite arba pašalinkite esamą.",
            f"at most {n} rows. Change or remove one to add another."))


def add_row(engine: Engine, template: Template, plan_id: int, table_key: str,
            editor: Editor, values: dict[str, Any] | None = None) -> str:
    """Append a row (no conflict with someone appending at the same time) and return its id.

    Refused for a table of fixed rows or one at its ``max_rows`` (LimitReached), and for values
    a column cannot hold (FieldError): every caller (autosave, plain form, demo, import) alike."""
    field = template.fields.get(table_key)
    if field is None or not field.is_rows:
        raise NotFound(f"no table {table_key!r}")
    if field.fixed_rows:
        raise LimitReached(field.label.labelled("šios lentelės eilutės nustatytos iš anksto.",
                                                "the rows of this table are fixed."))
    for col, value in (values or {}).items():
        try:
            refused = validate_value(field.column(col), value)
        except KeyError:
            raise NotFound(f"no column {table_key}.{col}") from None
        if refused:
            raise FieldError(refused)
    row_id, now = new_row_id(), utcnow()
    with write_lock(engine), engine.begin() as conn:
        _check_room(conn, plan_id, field)
        for col, value in (values or {}).items():
            # the picking field (only_selected) may come after the rows in an import
            check_refs(conn, template, plan_id, field.column(col), value, only_selected=False)
        last = conn.execute(select(func.max(row_t.c.position)).where(
            row_t.c.plan_id == plan_id, row_t.c.table_key == table_key)).scalar()
        insert_row(conn, plan_id, table_key, row_id, (last or 0) + 1, None, editor, now)
        for col, value in (values or {}).items():
            path = f"{table_key}/{row_id}/{col}"
            conn.execute(insert(cell_t).values(plan_id=plan_id, path=path, value_json=encode(value),
                                               revision=1, updated_at=now, updated_by=editor.person_id))
            _log(conn, plan_id, path, "set", None, encode(value), editor, now)
    return row_id


def delete_row(engine: Engine, template: Template, plan_id: int, table_key: str, row_id: str,
               editor: Editor, restore: bool = False) -> None:
    """Soft-delete a row (or bring it back, within ``max_rows``); fixed rows cannot be deleted."""
    field = template.fields.get(table_key)
    if field is None or not field.is_rows or not is_row_id(row_id):
        raise NotFound(f"no table {table_key!r} or malformed row id")
    now = utcnow()
    with write_lock(engine), engine.begin() as conn:
        row = conn.execute(select(row_t.c.id, row_t.c.fixed, row_t.c.deleted_at).where(
            row_t.c.plan_id == plan_id, row_t.c.table_key == table_key,
            row_t.c.row_id == row_id)).first()
        if row is None or row.fixed:
            raise NotFound(f"no removable row {row_id}")
        if (row.deleted_at is None) == restore:
            return
        if restore:
            _check_room(conn, plan_id, field)
        conn.execute(update(row_t).where(row_t.c.id == row.id)
                     .values(deleted_at=None if restore else now))
        _log(conn, plan_id, f"{table_key}/{row_id}", "row_restore" if restore else "row_delete",
             None, None, editor, now)


def move_row(engine: Engine, plan_id: int, table_key: str, row_id: str, offset: int,
             editor: Editor) -> None:
    """Move a row one place up (-1) or down (+1), past its live neighbour.

    The row takes a position between its new neighbours, so one row changes and the change log
    holds its old and new position (not list indexes): the log alone rebuilds the order."""
    if not is_row_id(row_id) or len(table_key) > 60:
        raise NotFound("malformed row id or table key")
    now = utcnow()
    with write_lock(engine), engine.begin() as conn:
        rows = live_order(conn, plan_id, table_key)
        ids = [r.row_id for r in rows]
        if row_id not in ids:
            raise NotFound(f"no row {row_id}")
        i = ids.index(row_id)
        j = i + (1 if offset > 0 else -1)
        if not 0 <= j < len(rows):
            return
        order = ids[:]
        order.insert(j, order.pop(i))
        arrange(conn, plan_id, table_key, rows, order, editor, now, prefer=row_id)


def live_order(conn: Connection, plan_id: int, table_key: str) -> list:
    """The live rows of a table in order: (id, row_id, position)."""
    return conn.execute(select(row_t.c.id, row_t.c.row_id, row_t.c.position).where(
        row_t.c.plan_id == plan_id, row_t.c.table_key == table_key,
        row_t.c.deleted_at.is_(None)).order_by(row_t.c.position, row_t.c.id)).all()


def place_row(conn: Connection, plan_id: int, table_key: str, row_id: str, old: float,
              new: float, editor: Editor, at: datetime) -> None:
    """Give one row a new position and log it as a move (old → new position)."""
    conn.execute(update(row_t).where(row_t.c.plan_id == plan_id, row_t.c.row_id == row_id)
                 .values(position=new))
    _log(conn, plan_id, f"{table_key}/{row_id}", "row_move", encode(float(old)), encode(float(new)),
         editor, at)


def arrange(conn: Connection, plan_id: int, table_key: str, rows: list, order: list[str],
            editor: Editor, at: datetime, prefer: str | None = None) -> int:
    """Bring the live ``rows`` (as ``live_order`` reads them) into ``order``, logging each row
    that moves; returns how many moved. One row out of place takes a position between its new
    neighbours; otherwise (or when the gap is too narrow for a float) the rows are numbered
    anew, each changed one logged."""
    pos = {r.row_id: float(r.position) for r in rows}
    if [r.row_id for r in rows] == order:
        return 0
    # the row the person moved first: the log should name it, not the neighbour it passed
    for rid in sorted(order, key=lambda x: x != prefer):  # only rid out of place?
        k = order.index(rid)
        rest = [x for x in order if x != rid]
        if [r.row_id for r in rows if r.row_id != rid] != rest or \
                any(pos[a] >= pos[b] for a, b in zip(rest, rest[1:])):
            continue
        lo = pos[order[k - 1]] if k > 0 else None
        hi = pos[order[k + 1]] if k + 1 < len(order) else None
        new = (lo + hi) / 2 if lo is not None and hi is not None else \
            (hi - 1 if lo is None else lo + 1)
        if (lo is None or lo < new) and (hi is None or new < hi):
            place_row(conn, plan_id, table_key, rid, pos[rid], new, editor, at)
            return 1
        break
    moved = 0
    for k, rid in enumerate(order, start=1):
        if pos[rid] != float(k):
            place_row(conn, plan_id, table_key, rid, pos[rid], float(k), editor, at)
            moved += 1
    return moved


def insert_row(conn: Connection, plan_id: int, table_key: str, row_id: str, position: float,
               fixed: str | None, editor: Editor, at: datetime) -> None:
    """Insert a row and log it with its position (``row_add``, new = position)."""
    conn.execute(insert(row_t).values(plan_id=plan_id, table_key=table_key, row_id=row_id,
                                      position=position, fixed=fixed, created_at=at))
    _log(conn, plan_id, f"{table_key}/{row_id}", "row_add", None, encode(float(position)), editor, at)


def fixed_row_id(table_key: str, fixed_id: str) -> str:
    """The stable row id of a fixed row (the same in every plan)."""
    return f"{table_key}-{fixed_id}"[:40]


def create_fixed_rows(conn: Connection, template: Template, plan_id: int,
                      editor: Editor = Editor(), at: datetime | None = None) -> None:
    """Fixed rows (age bands, infrastructure items, the three sessions) come with the plan,
    each logged (in the plan's own transaction) so the change log alone rebuilds the plan."""
    at = at or utcnow()
    for field in template.fields.values():
        for pos, fixed in enumerate(field.fixed_rows, start=1):
            insert_row(conn, plan_id, field.key, fixed_row_id(field.key, fixed.id), pos, fixed.id, editor, at)
