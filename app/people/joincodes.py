"""Join codes: a facilitator or LAG staff member makes a short code for a plan; a team member
types it (or scans its QR code) with a name, and optionally a 4-digit PIN to come back as the
same person on another device. No e-mail needed. Codes expire and can be revoked."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.db import write_lock
from app.models import Person
from app.models_people import Credential, JoinCode, Membership
from app.people import audit, clock, ratelimit
from app.people.access import add_team_member
from app.people.errors import InvalidInput, PeopleError, RateLimited, SignInFailed
from app.people.passwords import hash_secret, verify_secret
from app.plan.permissions import Role

# readable aloud and hard to mistype: no 0/O, 1/I/L
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
EXPIRY_DAYS = (1, 7, 30)
MAX_NAME = 80
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def shown(code: str) -> str:
    """``K7MXQ2PA`` as people read it: ``K7MX-Q2PA``."""
    return f"{code[:4]}-{code[4:]}"


def normalise_code(text: str) -> str:
    """What was typed, in capitals, without spaces and dashes; InvalidInput when it cannot be a code."""
    code = _SEPARATORS.sub("", (text or "")[:40]).upper()
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        raise InvalidInput("code_format", "code")
    return code


def clean_name(text: str, field: str = "name", limit: int = MAX_NAME) -> str:
    """A person's name as typed, with spaces tidied; InvalidInput when empty or too long."""
    name = " ".join(_CONTROL.sub("", text or "").split())
    if not name:
        raise InvalidInput("name_missing", field)
    if len(name) > limit:
        raise InvalidInput("name_long", field)
    return name


def create_code(engine: Engine, plan_id: int, created_by: int | None, days: int = 7) -> JoinCode:
    """A new code for the plan, valid for ``days`` (one of EXPIRY_DAYS)."""
    if days not in EXPIRY_DAYS:
        raise InvalidInput("expiry", "days")
    for _ in range(5):
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        row = JoinCode(plan_id=plan_id, code=code, created_by=created_by, created_at=clock.now(),
                       expires_at=clock.now() + timedelta(days=days))
        try:
            with write_lock(engine), Session(engine) as db:
                db.add(row)
                db.commit()
                db.refresh(row)
                return row
        except IntegrityError:  # the same code drawn twice: draw again
            continue
    raise RuntimeError("could not draw a free join code")


def plan_codes(engine: Engine, plan_id: int) -> list[JoinCode]:
    """The plan's codes that still work, newest first."""
    now = clock.now()
    with Session(engine) as db:
        rows = db.exec(select(JoinCode).where(JoinCode.plan_id == plan_id, JoinCode.revoked_at.is_(None),
                                              JoinCode.expires_at > now).order_by(JoinCode.id.desc())).all()
        db.expunge_all()
        return list(rows)


def get_code(engine: Engine, plan_id: int, code_id: int) -> JoinCode | None:
    """One code of the plan (a code of another plan is None)."""
    with Session(engine) as db:
        row = db.get(JoinCode, code_id)
        if row is None or row.plan_id != plan_id:
            return None
        db.expunge(row)
        return row


def revoke_code(engine: Engine, plan_id: int, code_id: int) -> bool:
    """Stop a code working at once (people who joined with it stay in the team)."""
    with write_lock(engine), Session(engine) as db:
        row = db.get(JoinCode, code_id)
        if row is None or row.plan_id != plan_id:
            return False
        if row.revoked_at is None:
            row.revoked_at = clock.now()
            db.add(row)
            db.commit()
        return True


@dataclass(frozen=True)
class Joined:
    person_id: int
    plan_id: int
    returning: bool  # the same person again (name and PIN matched)


def join(engine: Engine, code_text: str, name_text: str, pin: str, address: str, device: str = "") -> Joined:
    """Join a plan's team with a code (``device``: the browser's pre-session cookie). Every
    refusal is counted in the anonymous summary by reason and, once the code matched, the
    code's id: what was typed is never logged."""
    matched: list[int] = []
    try:
        return _join(engine, code_text, name_text, pin, address, device, matched)
    except PeopleError as exc:
        audit.record_anonymous(engine, "join.fail", address,
                               f"{exc.code} kodas #{matched[0]}" if matched else exc.code)
        raise


def _join(engine: Engine, code_text: str, name_text: str, pin: str, address: str, device: str,
          matched: list[int]) -> Joined:
    """Unknown, expired and revoked codes get one answer whatever name and PIN were typed (no
    name is looked up): failures count per browser and per address, so one mistyping phone
    does not lock out the room. Only with a valid code is the name compared; PIN guesses then
    count per team member and address."""
    code = normalise_code(code_text)
    name = clean_name(name_text)
    pin = (pin or "").strip()
    if pin and not re.fullmatch(r"[0-9]{4}", pin):
        raise InvalidInput("pin_format", "pin")
    place = {"join:address": address, "join:device": f"{address} {device}"}
    ratelimit.check(engine, place)
    now = clock.now()
    with Session(engine) as db:
        row = db.exec(select(JoinCode).where(JoinCode.code == code)).first()
        if row is None or row.revoked_at is not None or clock.aware(row.expires_at) <= now:
            raise _refusal(ratelimit.fail(engine, place), SignInFailed("code_invalid", "code"))
        plan_id, code_id = row.plan_id, row.id
        matched.append(code_id)
        same = [(p.id, c.pin_hash if c else None) for p, c in db.exec(
            select(Person, Credential).join(Membership, Membership.person_id == Person.id)
            .outerjoin(Credential, Credential.person_id == Person.id)
            .where(Membership.plan_id == plan_id, Membership.role == Role.TEAM_MEMBER.value)).all()
            if p.name.casefold() == name.casefold()]
    if same:
        return Joined(_returning(engine, same, pin, address, code_id), plan_id, True)
    pin_hash = hash_secret(pin) if pin else None
    with write_lock(engine), Session(engine) as db:
        person_id = add_team_member(db, plan_id, name, None, "name")
        if pin_hash:
            db.add(Credential(person_id=person_id, pin_hash=pin_hash, updated_at=now))
        code_row = db.get(JoinCode, code_id)
        code_row.uses += 1
        db.add(code_row)
        db.commit()
        return Joined(person_id, plan_id, False)


def _returning(engine: Engine, same: list[tuple[int, str | None]], pin: str, address: str, code_id: int) -> int:
    """The team member of this name whose PIN this is. A PIN in back-off is not checked, and
    reads like a wrong one that started the back-off: only the wait differs."""
    with_pin = [(person_id, pin_hash) for person_id, pin_hash in same if pin_hash]
    if not pin or not with_pin:
        raise InvalidInput("name_taken", "name")
    pairs = {person_id: {"pin:pair": f"{person_id} {address}"} for person_id, _ in with_pin}
    waits = {person_id: ratelimit.wait_for(engine, pairs[person_id]) for person_id, _ in with_pin}
    open_ = [(person_id, pin_hash) for person_id, pin_hash in with_pin if not waits[person_id]]
    if not open_:
        raise RateLimited(min(waits.values()), "pin_wait", "pin")
    for person_id, pin_hash in open_:
        if verify_secret(pin_hash, pin):
            ratelimit.clear(engine, "pin:pair", f"{person_id} {address}")
            _count_use(engine, code_id)
            return person_id
    wait = max(ratelimit.fail(engine, pairs[person_id]) for person_id, _ in open_)
    room = ratelimit.fail(engine, {"join:address": address})
    if wait:
        raise RateLimited(wait, "pin_wait", "pin")
    raise _refusal(room, SignInFailed("pin_wrong", "pin"))


def _refusal(wait: int, plain: PeopleError) -> PeopleError:
    """``plain``, or when the failure put a key in back-off, the refusal with the wait."""
    return RateLimited(wait) if wait else plain


def _count_use(engine: Engine, code_id: int) -> None:
    with write_lock(engine), Session(engine) as db:
        row = db.get(JoinCode, code_id)
        row.uses += 1
        db.add(row)
        db.commit()
