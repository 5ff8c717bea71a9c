"""Rate limits on sign-in and joining, counted in the database so every app process sees the
same counts: failed attempts per address and per account within a sliding window."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine

from app.db import write_lock
from app.models_people import AuthAttempt
from app.people import clock
from app.people.errors import RateLimited

attempt_t = AuthAttempt.__table__


@dataclass(frozen=True)
class Limit:
    """At most ``failures`` failed attempts for one key within ``minutes``."""

    failures: int
    minutes: int


LIMITS = {
    "signin:address": Limit(20, 15),
    "signin:account": Limit(5, 15),
    "join:address": Limit(10, 15),
    "join:account": Limit(5, 15),  # PIN guesses for one team member
}


def _key(kind: str, value: str) -> str:
    return f"{kind}={value.strip().lower()}"[:300]


def check(engine: Engine, keys: dict[str, str]) -> None:
    """Raise RateLimited when any key (``{"signin:address": "10.0.0.1", …}``) is over its limit."""
    now = clock.now()
    with engine.connect() as conn:
        for kind, value in keys.items():
            limit = LIMITS[kind]
            count = conn.execute(select(func.count()).select_from(attempt_t).where(
                attempt_t.c.kind == kind, attempt_t.c.key == _key(kind, value),
                attempt_t.c.at > now - timedelta(minutes=limit.minutes))).scalar_one()
            if count >= limit.failures:
                raise RateLimited(limit.minutes)


def fail(engine: Engine, keys: dict[str, str]) -> None:
    """Count one failed attempt against each key; forget attempts older than a day."""
    now = clock.now()
    with write_lock(engine), engine.begin() as conn:
        for kind, value in keys.items():
            conn.execute(insert(attempt_t).values(kind=kind, key=_key(kind, value), at=now))
        conn.execute(delete(attempt_t).where(attempt_t.c.at < now - timedelta(days=1)))


def clear(engine: Engine, kind: str, value: str) -> None:
    """A success forgets the account's failures (the address keeps its count)."""
    with write_lock(engine), engine.begin() as conn:
        conn.execute(delete(attempt_t).where(attempt_t.c.kind == kind, attempt_t.c.key == _key(kind, value)))
