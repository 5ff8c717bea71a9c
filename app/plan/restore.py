"""Restoring a saved version: the difference between now and the version is written as ordinary
changes (answers, rows added, removed, brought back and moved), so nothing is destroyed, the
restore is itself in the history, and the automatic version made just before it undoes it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.plan.answers import (_INSERT_CELL, _UPDATE_CELL, CellState, Editor, _log, change_t,
                              read_plan_data, resolve, row_t)
from app.plan.content import Template, Text
from app.plan.errors import Conflict, NotFound
from app.plan.kinds import encode, validate_value
from app.plan.rows import arrange, insert_row, live_order
from app.plan.versions import consistent, get_version, insert_version
from app.models import utcnow

BEFORE_RESTORE = Text("Prieš atkuriant {n} versiją", "Before restoring version {n}")


@dataclass
class Restored:
    """What a restore did: the automatic version made first, and how much it changed."""

    before_id: int
    before_number: int
    answers: int = 0
    rows: int = 0
    skipped: list[str] = field(default_factory=list)  # paths the template no longer accepts


def restore_version(engine: Engine, template: Template, plan_id: int, version_id: int,
                    editor: Editor, seen_seq: int | None = None, lang: str = "lt") -> Restored:
    """Bring the plan back to version ``version_id`` in one transaction, after an automatic
    version "Prieš atkuriant {n} versiją". ``seen_seq``: the last change the person saw when
    choosing; if the plan changed since, nothing is written and Conflict says so. A guarded
    write that finds a newer revision (another app process) also raises Conflict."""
    version, snapshot = get_version(engine, plan_id, version_id)
    try:
        return _restore(engine, template, plan_id, version.number, snapshot, editor, seen_seq, lang)
    except DBAPIError as exc:  # PostgreSQL: a row changed under our repeatable-read snapshot
        if getattr(exc.orig, "sqlstate", None) == "40001":
            raise Conflict("", None, None, 0, None, None) from None
        raise


def _restore(engine: Engine, template: Template, plan_id: int, number: int, snapshot: dict,
             editor: Editor, seen_seq: int | None, lang: str) -> Restored:
    with consistent(engine) as conn:
        last = conn.execute(select(func.max(change_t.c.seq)).where(change_t.c.plan_id == plan_id)).scalar() or 0
        if seen_seq is not None and last != seen_seq:
            raise Conflict("", None, None, 0, None, None)
        data, cells = read_plan_data(conn, template, plan_id)
        before = insert_version(conn, plan_id, BEFORE_RESTORE.get(lang).format(n=number),
                                "restore", editor.person_id, data)
        done = Restored(*before)
        now = utcnow()
        targets = _rows(conn, template, plan_id, snapshot, editor, now, done)
        _values(conn, template, plan_id, snapshot, cells, targets, editor, now, done)
    return done


def _rows(conn: Connection, template: Template, plan_id: int, snapshot: dict, editor: Editor,
          now: datetime, done: Restored) -> set[str]:
    """Rows as in the version: missing ones added, removed ones brought back, extra ones
    removed (fixed rows stay), then the version's order. Returns the live row ids."""
    wanted = snapshot.get("tables") or {}
    live: set[str] = set()
    for table in (f for f in template.fields.values() if f.is_rows):
        order = [str(r.get("id")) for r in wanted.get(table.key, []) if isinstance(r, dict)]
        fixed_of = {str(r.get("id")): r.get("fixed") for r in wanted.get(table.key, []) if isinstance(r, dict)}
        have = {r.row_id: r for r in conn.execute(select(row_t.c.id, row_t.c.row_id, row_t.c.position,
                                                          row_t.c.fixed, row_t.c.deleted_at).where(
            row_t.c.plan_id == plan_id, row_t.c.table_key == table.key))}
        top = max((float(r.position) for r in have.values()), default=0.0)
        for row_id in order:
            row = have.get(row_id)
            if row is None:
                top += 1
                insert_row(conn, plan_id, table.key, row_id, top, fixed_of.get(row_id), editor, now)
                done.rows += 1
            elif row.deleted_at is not None:
                _guarded_row(conn, row.id, deleted=False)
                _log(conn, plan_id, f"{table.key}/{row_id}", "row_restore", None, None, editor, now)
                done.rows += 1
        for row_id, row in have.items():
            if row_id not in fixed_of and row.deleted_at is None and not row.fixed:
                _guarded_row(conn, row.id, deleted=True, at=now)
                _log(conn, plan_id, f"{table.key}/{row_id}", "row_delete", None, None, editor, now)
                done.rows += 1
        rows = live_order(conn, plan_id, table.key)
        ids = [r.row_id for r in rows]
        target = [i for i in order if i in ids] + [i for i in ids if i not in fixed_of]  # fixed rows kept
        done.rows += arrange(conn, plan_id, table.key, rows, target, editor, now)
        live.update(ids)
    return live


def _guarded_row(conn: Connection, row_pk: int, deleted: bool, at: datetime | None = None) -> None:
    """Delete or bring back a row only if nobody did it meanwhile."""
    query = update(row_t).where(row_t.c.id == row_pk)
    query = query.where(row_t.c.deleted_at.is_(None) if deleted else row_t.c.deleted_at.is_not(None))
    if conn.execute(query.values(deleted_at=at if deleted else None)).rowcount != 1:
        raise Conflict("", None, None, 0, None, None)


def _values(conn: Connection, template: Template, plan_id: int, snapshot: dict,
            cells: dict[str, CellState], live: set[str], editor: Editor, now: datetime,
            done: Restored) -> None:
    """Every answer as in the version: the version's values, and nothing where it had none
    (answers of rows removed now are kept with their rows, for the history)."""
    wanted: dict[str, object] = dict((snapshot.get("values") or {}).items())
    for key, rows in (snapshot.get("tables") or {}).items():
        for r in rows if isinstance(rows, list) else []:
            for col, value in ((r.get("values") or {}) if isinstance(r, dict) else {}).items():
                wanted[f"{key}/{r.get('id')}/{col}"] = value
    for path, state in cells.items():
        parts = path.split("/")
        if state.value is not None and path not in wanted and (len(parts) == 1 or parts[1] in live):
            wanted[path] = None
    for path, value in wanted.items():
        current = cells.get(path)
        if (current.value if current else None) == value:
            continue
        try:
            target = resolve(template, path)
        except NotFound:
            done.skipped.append(path)
            continue
        if target.leaf.kind.value == "computed" or validate_value(target.leaf, value):
            done.skipped.append(path)
            continue
        _write(conn, plan_id, path, current, value, editor, now)
        done.answers += 1


def _write(conn: Connection, plan_id: int, path: str, current: CellState | None, value: object,
           editor: Editor, now: datetime) -> None:
    """One answer, guarded by the revision read in this transaction, logged like any save."""
    new_json = encode(value)
    if current is None:
        try:  # someone wrote the first answer here a moment ago (PostgreSQL): all rolls back
            conn.execute(_INSERT_CELL, {"plan_id": plan_id, "path": path, "value_json": new_json,
                                        "revision": 1, "updated_at": now, "updated_by": editor.person_id})
        except IntegrityError:
            raise Conflict(path, None, value, 0, None, None) from None
        _log(conn, plan_id, path, "set", None, new_json, editor, now)
        return
    done = conn.execute(_UPDATE_CELL, {"b_plan_id": plan_id, "b_path": path, "b_revision": current.revision,
                                       "value_json": new_json, "revision": current.revision + 1,
                                       "updated_at": now, "updated_by": editor.person_id})
    if done.rowcount != 1:
        raise Conflict(path, current.value, value, current.revision, None, None)
    _log(conn, plan_id, path, "set", encode(current.value), new_json, editor, now)
