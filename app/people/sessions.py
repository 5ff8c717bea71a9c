"""Server-side sessions in the database: revocable, shared by every app process. The cookie
holds a random token; the table holds its SHA-256, so reading the table opens no session.
Sign-in always makes a new session (a new id); sign-out and password changes revoke."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from app.db import write_lock
from app.models import Person
from app.models_people import Membership, WebSession
from app.people import clock
from app.people.access import Grant
from app.plan.permissions import Role

session_t = WebSession.__table__
person_t = Person.__table__
membership_t = Membership.__table__

STAFF_DAYS = 14   # staff sign in again after two weeks
TEAM_DAYS = 90    # team members have no password: their device stays in for the project
TOUCH_EVERY = timedelta(minutes=10)  # last_seen is written at most this often (not per autosave)


def token_id(token: str) -> str:
    """The stored id of a cookie token."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Visitor:
    """Who is behind a request: the signed-in person with their memberships, and on a shared
    laptop who is typing now and for whom."""

    session_id: str
    person_id: int
    name: str
    email: str | None
    grants: tuple[Grant, ...] = field(default_factory=tuple)
    writer_id: int | None = None
    writer_plan_id: int | None = None
    on_behalf_of: str | None = None

    @property
    def id(self) -> int:
        """The person's id (``current_person(request).id`` reads it)."""
        return self.person_id

    @property
    def is_staff(self) -> bool:
        return self.email is not None


def create_session(engine: Engine, person_id: int, address: str = "", *, staff: bool = True,
                   replaces: str | None = None) -> str:
    """A new session for the person (and the old one of this browser revoked); returns the
    cookie token."""
    token = secrets.token_urlsafe(32)
    now = clock.now()
    days = STAFF_DAYS if staff else TEAM_DAYS
    with write_lock(engine), engine.begin() as conn:
        if replaces:
            conn.execute(update(session_t).where(session_t.c.id == token_id(replaces),
                                                 session_t.c.revoked_at.is_(None)).values(revoked_at=now))
        conn.execute(session_t.insert().values(id=token_id(token), person_id=person_id, address=address[:64],
                                               created_at=now, last_seen_at=now,
                                               expires_at=now + timedelta(days=days)))
    return token


def load_visitor(engine: Engine, token: str) -> Visitor | None:
    """The live session behind a cookie token with the person's memberships (one query), or None."""
    if not token or len(token) > 100:
        return None
    sid = token_id(token)
    query = (select(session_t.c.person_id, session_t.c.writer_id, session_t.c.writer_plan_id,
                    session_t.c.on_behalf_of, session_t.c.expires_at, session_t.c.revoked_at,
                    session_t.c.last_seen_at, person_t.c.name, person_t.c.email, membership_t.c.role,
                    membership_t.c.lag_id, membership_t.c.community_id, membership_t.c.plan_id)
             .join(person_t, person_t.c.id == session_t.c.person_id)
             .outerjoin(membership_t, membership_t.c.person_id == session_t.c.person_id)
             .where(session_t.c.id == sid))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    if not rows:
        return None
    first, now = rows[0], clock.now()
    if first.revoked_at is not None or clock.aware(first.expires_at) <= now:
        return None
    grants = tuple(Grant(Role(r.role), r.lag_id, r.community_id, r.plan_id) for r in rows if r.role)
    if now - clock.aware(first.last_seen_at) > TOUCH_EVERY:
        with write_lock(engine), engine.begin() as conn:
            conn.execute(update(session_t).where(session_t.c.id == sid).values(last_seen_at=now))
    return Visitor(sid, first.person_id, first.name, first.email, grants, first.writer_id,
                   first.writer_plan_id, first.on_behalf_of)


def revoke(engine: Engine, session_id: str) -> None:
    """End one session (sign-out)."""
    with write_lock(engine), engine.begin() as conn:
        conn.execute(update(session_t).where(session_t.c.id == session_id, session_t.c.revoked_at.is_(None))
                     .values(revoked_at=clock.now()))


def revoke_all(engine: Engine, person_id: int, keep: str | None = None) -> None:
    """End every session of a person but ``keep`` (after a password change or reset)."""
    with write_lock(engine), engine.begin() as conn:
        query = update(session_t).where(session_t.c.person_id == person_id, session_t.c.revoked_at.is_(None))
        if keep:
            query = query.where(session_t.c.id != keep)
        conn.execute(query.values(revoked_at=clock.now()))


def set_writer(engine: Engine, session_id: str, plan_id: int, writer_id: int | None) -> None:
    """On a shared laptop: from now on edits to this plan are by ``writer_id`` (None: the
    signed-in person again). "On behalf of" is cleared: a new writer starts afresh."""
    with write_lock(engine), engine.begin() as conn:
        conn.execute(update(session_t).where(session_t.c.id == session_id).values(
            writer_id=writer_id, writer_plan_id=plan_id, on_behalf_of=None))


def set_on_behalf(engine: Engine, session_id: str, plan_id: int, name: str | None) -> None:
    """Edits to this plan are entered on behalf of a named participant without a device
    (None: stop). The shared-laptop settings belong to one plan at a time."""
    with write_lock(engine), engine.begin() as conn:
        current = conn.execute(select(session_t.c.writer_plan_id).where(session_t.c.id == session_id)).scalar()
        values = {"on_behalf_of": name or None, "writer_plan_id": plan_id}
        if current != plan_id:
            values["writer_id"] = None
        conn.execute(update(session_t).where(session_t.c.id == session_id).values(**values))
