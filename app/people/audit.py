"""The audit log: what staff and signed-in people did or were refused (sign-ins, sign-outs,
account changes, refusals), one row each, append-only; the journal page reads it.

Failures of visitors who are not signed in (a wrong join code, a sign-in that failed, a forged
form) are counted per hour, event and address instead (``AnonymousFailures``): a flood of them
cannot push real events out of the journal, and nothing a visitor typed is kept. Their detail
is chosen by the app (a matched code's id, an existing account's e-mail), never a typed code
or PIN. Old summary rows are pruned."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db import write_lock
from app.models import Person
from app.models_people import AnonymousFailures, AuditEvent
from app.people import clock

audit_t = AuditEvent.__table__
anon_t = AnonymousFailures.__table__
KEEP_ANONYMOUS = timedelta(days=30)


def record(engine: Engine, event: str, person_id: int | None = None, address: str = "",
           detail: str = "") -> None:
    """Append one event (details are cut to fit; never a password). Without a person it is an
    anonymous failure: counted, and its detail (what a visitor may have typed) dropped."""
    if person_id is None:
        record_anonymous(engine, event, address)
        return
    with write_lock(engine), engine.begin() as conn:
        conn.execute(insert(audit_t).values(at=clock.now(), event=event[:40], person_id=person_id,
                                            address=_printable(address)[:64], detail=_printable(detail)[:500]))


def record_anonymous(engine: Engine, event: str, address: str, detail: str = "") -> None:
    """Count one anonymous failure in its hour. ``detail`` must come from the app (a code's id,
    a reason), so the number of rows stays bounded; typed text never goes here."""
    now = clock.now()
    hour = now.replace(minute=0, second=0, microsecond=0)
    values = {"hour": hour, "event": event[:40], "address": _printable(address)[:64],
              "detail": _printable(detail)[:100], "count": 1}
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(anon_t).values(**values)
    upsert = upsert.on_conflict_do_update(index_elements=["hour", "event", "address", "detail"],
                                          set_={"count": anon_t.c.count + 1})
    with write_lock(engine), engine.begin() as conn:
        conn.execute(upsert)
        conn.execute(delete(anon_t).where(anon_t.c.hour < hour - KEEP_ANONYMOUS))


def _printable(text: str) -> str:
    """What was typed may hold control characters (PostgreSQL refuses NUL): show them escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text or "")


def recent(engine: Engine, limit: int = 200) -> list[tuple[AuditEvent, str | None]]:
    """The latest events of staff and signed-in people, newest first, with the person's name."""
    with Session(engine) as db:
        rows = db.exec(select(AuditEvent, Person.name).outerjoin(Person, Person.id == AuditEvent.person_id)
                       .order_by(AuditEvent.id.desc()).limit(limit)).all()
        db.expunge_all()
        return [(event, name) for event, name in rows]


def anonymous_summary(engine: Engine, days: int = 7, limit: int = 200) -> list[tuple[datetime, str, str, str, int]]:
    """Anonymous failures of the last ``days``: (hour, event, address, detail, count), the
    latest hours first and the most frequent first within an hour."""
    since = clock.now() - timedelta(days=days)
    with engine.connect() as conn:
        rows = conn.execute(sa_select(anon_t.c.hour, anon_t.c.event, anon_t.c.address, anon_t.c.detail,
                                      anon_t.c.count).where(anon_t.c.hour >= since)
                            .order_by(anon_t.c.hour.desc(), anon_t.c.count.desc(), anon_t.c.id).limit(limit)).all()
    return [(clock.aware(r.hour), r.event, r.address, r.detail, r.count) for r in rows]
