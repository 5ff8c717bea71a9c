"""Rows of tables and lists: appending (no conflict with a neighbour appending too), moving,
soft deleting and restoring, and the fixed rows a plan is created with. Every change goes to the
change log."""
from __future__ import annotations

import secrets
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
        conn.execute(insert(row_t).values(plan_id=plan_id, table_key=table_key, row_id=row_id,
                                          position=(last or 0) + 1, created_at=now))
        _log(conn, plan_id, f"{table_key}/{row_id}", "row_add", None, None, editor, now)
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
    """Move a row one place up (-1) or down (+1) by swapping with its live neighbour."""
    if not is_row_id(row_id) or len(table_key) > 60:
        raise NotFound("malformed row id or table key")
    now = utcnow()
    with write_lock(engine), engine.begin() as conn:
        rows = conn.execute(select(row_t.c.id, row_t.c.row_id, row_t.c.position).where(
            row_t.c.plan_id == plan_id, row_t.c.table_key == table_key,
            row_t.c.deleted_at.is_(None)).order_by(row_t.c.position, row_t.c.id)).all()
        ids = [r.row_id for r in rows]
        if row_id not in ids:
            raise NotFound(f"no row {row_id}")
        i = ids.index(row_id)
        j = i + (1 if offset > 0 else -1)
        if not 0 <= j < len(rows):
            return
        a, b = rows[i], rows[j]
        pa, pb = (a.position, b.position) if a.position != b.position else (float(i), float(j))
        conn.execute(update(row_t).where(row_t.c.id == a.id).values(position=pb))
        conn.execute(update(row_t).where(row_t.c.id == b.id).values(position=pa))
        _log(conn, plan_id, f"{table_key}/{row_id}", "row_move", encode(i), encode(j), editor, now)


def fixed_row_id(table_key: str, fixed_id: str) -> str:
    """The stable row id of a fixed row (the same in every plan)."""
    return f"{table_key}-{fixed_id}"[:40]


def create_fixed_rows(conn: Connection, template: Template, plan_id: int) -> None:
    """Fixed rows (age bands, infrastructure items, the three sessions) come with the plan."""
    for field in template.fields.values():
        for pos, fixed in enumerate(field.fixed_rows, start=1):
            conn.execute(insert(row_t).values(plan_id=plan_id, table_key=field.key,
                                              row_id=fixed_row_id(field.key, fixed.id),
                                              position=pos, fixed=fixed.id, created_at=utcnow()))
