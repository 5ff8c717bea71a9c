"""Rate limits that stop the guesser, not the person: failures are counted per key in the
database (every app process sees the same counts) and answered with back-off.

A key is a pair (an account, a team member's PIN or a browser, each with the address it comes
from) or an address alone. The first ``free`` failures of a key cost nothing; each one after
that doubles the wait (1 min, 2, 4 … at most 60). A pair in back-off, or an address over its
own, much higher allowance, is refused without the secret being checked; nothing else is.
So an attacker elsewhere never locks the real user out: no account is locked for everyone.
Keys are stored as SHA-256 digests: no e-mail, cookie or address as typed."""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine

from app.db import write_lock
from app.models_people import AuthAttempt
from app.people import clock
from app.people.errors import RateLimited

attempt_t = AuthAttempt.__table__
FORGET_AFTER = timedelta(days=1)  # no limit remembers longer; older rows are deleted


@dataclass(frozen=True)
class Limit:
    """``free`` failures within ``memory`` cost nothing; after that each failure doubles the
    wait from ``base`` seconds, never beyond ``cap``."""

    free: int
    memory: timedelta
    base: int = 60
    cap: int = 3600

    def wait_after(self, failures: int) -> int:
        """Seconds to wait after the last of ``failures`` failures."""
        if failures <= self.free:
            return 0
        return min(self.cap, self.base * 2 ** min(failures - self.free - 1, 20))


LIMITS = {
    "signin:pair": Limit(5, timedelta(days=1)),      # one account from one address
    "signin:address": Limit(30, timedelta(hours=1)),  # every account from one address
    "join:device": Limit(5, timedelta(days=1)),      # one browser (pre-session cookie) at one address
    "join:address": Limit(40, timedelta(hours=1)),    # a whole room behind one address: codes and PINs
    "pin:pair": Limit(5, timedelta(days=1)),         # one team member's PIN from one address
}


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}\x00{value.strip().lower()}".encode("utf-8", "surrogatepass")).hexdigest()


def wait_for(engine: Engine, keys: dict[str, str]) -> int:
    """Seconds the longest-waiting key (``{"signin:address": "10.0.0.1", …}``) must still
    wait; 0: go ahead."""
    now, longest = clock.now(), 0
    with engine.connect() as conn:
        for kind, value in keys.items():
            limit = LIMITS[kind]
            count, last = conn.execute(select(func.count(), func.max(attempt_t.c.at)).where(
                attempt_t.c.kind == kind, attempt_t.c.key == _key(kind, value),
                attempt_t.c.at > now - limit.memory)).one()
            wait = limit.wait_after(count)
            if wait and last is not None:
                left = (clock.aware(last) + timedelta(seconds=wait) - now).total_seconds()
                longest = max(longest, math.ceil(left))
    return max(longest, 0)


def check(engine: Engine, keys: dict[str, str], code: str = "rate_limited", field: str | None = None) -> None:
    """Raise RateLimited (with the seconds to wait) when any key is in back-off."""
    wait = wait_for(engine, keys)
    if wait:
        raise RateLimited(wait, code, field)


def fail(engine: Engine, keys: dict[str, str]) -> int:
    """Count one failure against each key (forgetting rows older than a day); returns the wait
    now in force (0: none)."""
    now = clock.now()
    with write_lock(engine), engine.begin() as conn:
        for kind, value in keys.items():
            conn.execute(insert(attempt_t).values(kind=kind, key=_key(kind, value), at=now))
        conn.execute(delete(attempt_t).where(attempt_t.c.at < now - FORGET_AFTER))
    return wait_for(engine, keys)


def clear(engine: Engine, kind: str, value: str) -> None:
    """A success forgets that pair's failures (an address keeps its count)."""
    with write_lock(engine), engine.begin() as conn:
        conn.execute(delete(attempt_t).where(attempt_t.c.kind == kind, attempt_t.c.key == _key(kind, value)))
