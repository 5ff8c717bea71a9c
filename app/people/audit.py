"""The audit log: sign-ins (good and bad), sign-outs, account changes and permission refusals.
Append-only; the administrator's journal page reads it."""
from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db import write_lock
from app.models import Person
from app.models_people import AuditEvent
from app.people import clock

audit_t = AuditEvent.__table__


def record(engine: Engine, event: str, person_id: int | None = None, address: str = "",
           detail: str = "") -> None:
    """Append one event (details are cut to fit; never a password)."""
    with write_lock(engine), engine.begin() as conn:
        conn.execute(insert(audit_t).values(at=clock.now(), event=event[:40], person_id=person_id,
                                            address=_printable(address)[:64], detail=_printable(detail)[:500]))


def _printable(text: str) -> str:
    """What was typed may hold control characters (PostgreSQL refuses NUL): show them escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text or "")


def recent(engine: Engine, limit: int = 200) -> list[tuple[AuditEvent, str | None]]:
    """The latest events, newest first, with the person's name."""
    with Session(engine) as db:
        rows = db.exec(select(AuditEvent, Person.name).outerjoin(Person, Person.id == AuditEvent.person_id)
                       .order_by(AuditEvent.id.desc()).limit(limit)).all()
        db.expunge_all()
        return [(event, name) for event, name in rows]
