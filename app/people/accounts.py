"""Staff accounts: sign-in with e-mail and password, invitations and administrator's reset
links (one-time, expiring), password changes, and the first administrator. An unknown e-mail
and a wrong password are one and the same failure, and take the same time."""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db import write_lock
from app.models import Person
from app.models_people import AccountToken, Credential
from app.people import audit, clock, ratelimit, sessions
from app.people.access import add_membership
from app.people.errors import InvalidInput, RateLimited, SignInFailed
from app.people.passwords import MAX_PASSWORD, hash_secret, needs_rehash, password_problem, verify_secret
from app.plan.permissions import Role

EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,185}\.[^@\s]{2,63}")
TOKEN_HOURS = {"invite": 7 * 24, "reset": 24}


def _person_by_email(db: Session, email: str, name: str) -> Person:
    """The person with this e-mail, created with this name if there is none yet."""
    person = db.exec(select(Person).where(Person.email == email)).first()
    if person is None:
        person = Person(name=name, email=email, created_at=clock.now())
        db.add(person)
        db.commit()
        db.refresh(person)
    return person


def normalise_email(text: str) -> str:
    """An e-mail address as stored: trimmed, lower case; InvalidInput if it cannot be one."""
    email = (text or "").strip().lower()
    if len(email) > 254 or not EMAIL.fullmatch(email) or not email.isprintable():
        raise InvalidInput("email_format", "email")
    return email


def authenticate(engine: Engine, email_text: str, password: str, address: str) -> int:
    """The person signing in, or SignInFailed / RateLimited (counted per address and account)."""
    email = normalise_email(email_text)
    if not password:
        raise InvalidInput("password_missing", "password")
    keys = {"signin:address": address, "signin:account": email}
    try:
        ratelimit.check(engine, keys)
    except RateLimited:
        audit.record(engine, "signin.limited", address=address, detail=email)
        raise
    with Session(engine) as db:
        found = db.exec(select(Person.id, Credential.password_hash).outerjoin(
            Credential, Credential.person_id == Person.id).where(Person.email == email)).first()
    person_id, stored = found if found else (None, None)
    ok = verify_secret(stored, password[:MAX_PASSWORD]) and len(password) <= MAX_PASSWORD
    if not ok:
        ratelimit.fail(engine, keys)
        audit.record(engine, "signin.fail", person_id, address, email)
        raise SignInFailed("bad_credentials")
    if needs_rehash(stored):
        _set_password(engine, person_id, password)
    ratelimit.clear(engine, "signin:account", email)
    audit.record(engine, "signin.ok", person_id, address)
    return person_id


def _set_password(engine: Engine, person_id: int, password: str) -> None:
    digest = hash_secret(password)
    with write_lock(engine), Session(engine) as db:
        cred = db.get(Credential, person_id) or Credential(person_id=person_id)
        cred.password_hash, cred.updated_at = digest, clock.now()
        db.add(cred)
        db.commit()


def _new_token(engine: Engine, person_id: int, purpose: str, created_by: int | None) -> str:
    token = secrets.token_urlsafe(32)
    now = clock.now()
    with write_lock(engine), Session(engine) as db:
        db.add(AccountToken(id=hashlib.sha256(token.encode()).hexdigest(), person_id=person_id, purpose=purpose,
                            created_by=created_by, created_at=now,
                            expires_at=now + timedelta(hours=TOKEN_HOURS[purpose])))
        db.commit()
    return token


def invite(engine: Engine, inviter_id: int, name: str, email_text: str, role: Role,
           lag_id: int | None) -> tuple[int, str | None]:
    """Invite a staff member (the caller checked the inviter may): the person with their
    membership, and a link token to set a password (None if they already have one)."""
    email = normalise_email(email_text)
    with write_lock(engine), Session(engine) as db:
        person = _person_by_email(db, email, name)
        person_id = person.id
        cred = db.get(Credential, person_id)
        has_password = bool(cred and cred.password_hash)
    add_membership(engine, person_id, role, lag_id=lag_id, created_by=inviter_id)
    audit.record(engine, "invite", inviter_id, detail=f"{role.value} {email}")
    return person_id, None if has_password else _new_token(engine, person_id, "invite", inviter_id)


def reset_link(engine: Engine, admin_id: int, person_id: int) -> str | None:
    """An administrator's one-time link to set a new password (None: no such staff member)."""
    with Session(engine) as db:
        person = db.get(Person, person_id)
        if person is None or not person.email:
            return None
    audit.record(engine, "password.reset_link", admin_id, detail=f"person {person_id}")
    return _new_token(engine, person_id, "reset", admin_id)


@dataclass(frozen=True)
class LinkHolder:
    person_id: int
    name: str
    email: str
    purpose: str


def token_holder(engine: Engine, token: str) -> LinkHolder | None:
    """Whose unused, unexpired link this is (None for anything else)."""
    if not token or len(token) > 100:
        return None
    with Session(engine) as db:
        row = db.get(AccountToken, hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest())
        if row is None or row.used_at is not None or clock.aware(row.expires_at) <= clock.now():
            return None
        person = db.get(Person, row.person_id)
        return LinkHolder(person.id, person.name, person.email or "", row.purpose)


def accept_link(engine: Engine, token: str, password: str, repeat: str, address: str = "") -> int:
    """Set the password from a link: the link is used up, every other session ends."""
    holder = token_holder(engine, token)
    if holder is None:
        raise SignInFailed("link_invalid")
    problem = password_problem(password, repeat)
    if problem:
        raise InvalidInput(problem, "password")
    with write_lock(engine), Session(engine) as db:
        for row in db.exec(select(AccountToken).where(AccountToken.person_id == holder.person_id,
                                                      AccountToken.used_at.is_(None))):
            row.used_at = clock.now()
            db.add(row)
        db.commit()
    _set_password(engine, holder.person_id, password)
    sessions.revoke_all(engine, holder.person_id)
    audit.record(engine, f"password.{holder.purpose}", holder.person_id, address)
    return holder.person_id


def change_password(engine: Engine, person_id: int, email: str, current: str, new: str, repeat: str,
                    keep_session: str, address: str = "") -> None:
    """Change one's own password: the current one must be right; other sessions end."""
    keys = {"signin:account": email}
    ratelimit.check(engine, keys)
    with Session(engine) as db:
        cred = db.get(Credential, person_id)
    if not verify_secret(cred.password_hash if cred else None, current[:MAX_PASSWORD]):
        ratelimit.fail(engine, keys)
        raise InvalidInput("current_wrong", "current")
    problem = password_problem(new, repeat)
    if problem:
        raise InvalidInput(problem, "password")
    _set_password(engine, person_id, new)
    sessions.revoke_all(engine, person_id, keep=keep_session)
    audit.record(engine, "password.change", person_id, address)


def create_admin(engine: Engine, email_text: str, name: str, password: str) -> int:
    """The first administrator (or make an existing account an administrator)."""
    email = normalise_email(email_text)
    problem = password_problem(password)
    if problem:
        raise InvalidInput(problem, "password")
    with write_lock(engine), Session(engine) as db:
        person = _person_by_email(db, email, name)
        person_id = person.id
    _set_password(engine, person_id, password)
    add_membership(engine, person_id, Role.ADMIN)
    audit.record(engine, "admin.create", person_id, detail="python -m app create-admin")
    return person_id
