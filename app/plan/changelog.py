"""Reading the change log: what changed since a change number (live refresh) and the history
of a plan or of one answer (who, when, old → new), which the history page restores from."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import aliased
from sqlalchemy.engine import Engine

from app.plan.answers import change_t, person_t
from app.plan.kinds import decode


_CHANGES_SINCE = select(change_t.c.seq, change_t.c.path, change_t.c.action).where(
    change_t.c.plan_id == bindparam("plan_id"), change_t.c.seq > bindparam("since")).order_by(change_t.c.seq)


def changes_since(engine: Engine, plan_id: int, since: int) -> tuple[int, list[tuple[str, str]]]:
    """What changed in a plan after change ``since``: (the newest seq, [(path, action)]). Every
    app process sees the same log, so live refresh works behind any number of them."""
    with engine.connect() as conn:
        rows = conn.execute(_CHANGES_SINCE, {"plan_id": plan_id, "since": since}).all()
    if not rows:
        return since, []
    return rows[-1].seq, [(r.path, r.action) for r in rows]


@dataclass(frozen=True)
class ChangeEntry:
    seq: int
    path: str
    action: str
    old: Any
    new: Any
    person: str | None
    on_behalf_of: str | None
    at: datetime
    account: str | None = None  # the signed-in account that sent it, when not the person itself


def history(engine: Engine, plan_id: int, path: str | None = None, limit: int = 200,
            seq: int | None = None) -> list[ChangeEntry]:
    """The plan's change log, newest first (one answer's, when a path is given; one change,
    when a change number is given)."""
    account_t = aliased(person_t)
    query = (select(change_t.c.seq, change_t.c.path, change_t.c.action, change_t.c.old_json,
                    change_t.c.new_json, person_t.c.name, change_t.c.on_behalf_of, change_t.c.at,
                    account_t.c.name, change_t.c.account_id, change_t.c.person_id)
             .select_from(change_t.outerjoin(person_t, person_t.c.id == change_t.c.person_id)
                          .outerjoin(account_t, account_t.c.id == change_t.c.account_id))
             .where(change_t.c.plan_id == plan_id).order_by(change_t.c.seq.desc()).limit(limit))
    if path:
        query = query.where(change_t.c.path == path)
    if seq is not None:
        query = query.where(change_t.c.seq == seq)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [ChangeEntry(r[0], r[1], r[2], decode(r[3]), decode(r[4]), r[5], r[6], r[7],
                        r[8] if r[9] is not None and r[9] != r[10] else None) for r in rows]
