"""Staff accounts: sign-in with e-mail and password, making invitations (accepted in
``app.people.invitations``), administrator's reset links (one-time, expiring), password
changes, and the first administrator. An unknown e-mail and a wrong password are one and the
same failure, and take the same time; failures count per account and address, and per address
(``app.people.ratelimit``)."""
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
from app.models_people import AccountToken, Credential, Invitation
from app.people import audit, clock, ratelimit, sessions
from app.people.access import add_membership, all_roles, grants_of, reachable_lags
from app.people.errors import InvalidInput, RateLimited, SignInFailed
from app.people.passwords import MAX_PASSWORD, hash_secret, needs_rehash, password_problem, verify_secret
from app.plan.permissions import ROLE_REACH, Role, invitable_roles

EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,185}\.[^@\s]{2,63}")
RESET_HOURS = 24
INVITE_DAYS = 7


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


def _signin_keys(email: str, address: str) -> dict[str, str]:
    return {"signin:address": address, "signin:pair": f"{email} {address}"}


def authenticate(engine: Engine, email_text: str, password: str, address: str) -> int:
    """The person signing in, or SignInFailed / RateLimited. A right password gets through
    unless this address is abusive or this account is in back-off from this very address."""
    email = normalise_email(email_text)
    if not password:
        raise InvalidInput("password_missing", "password")
    keys = _signin_keys(email, address)
    try:
        ratelimit.check(engine, keys)
    except RateLimited:
        audit.record_anonymous(engine, "signin.limited", address)
        raise
    with Session(engine) as db:
        found = db.exec(select(Person.id, Credential.password_hash).outerjoin(
            Credential, Credential.person_id == Person.id).where(Person.email == email)).first()
    person_id, stored = found if found else (None, None)
    ok = verify_secret(stored, password[:MAX_PASSWORD]) and len(password) <= MAX_PASSWORD
    if not ok:
        wait = ratelimit.fail(engine, keys)
        # an existing account's address is worth showing; what a stranger typed is not kept
        audit.record_anonymous(engine, "signin.fail", address, email if person_id else "")
        raise RateLimited(wait) if wait else SignInFailed("bad_credentials")
    if needs_rehash(stored):
        _set_password(engine, person_id, password)
    ratelimit.clear(engine, "signin:pair", keys["signin:pair"])
    audit.record(engine, "signin.ok", person_id, address)
    return person_id


def _set_password(engine: Engine, person_id: int, password: str) -> None:
    digest = hash_secret(password)
    with write_lock(engine), Session(engine) as db:
        cred = db.get(Credential, person_id) or Credential(person_id=person_id)
        cred.password_hash, cred.updated_at = digest, clock.now()
        db.add(cred)
        db.commit()


def _new_reset_token(engine: Engine, person_id: int, created_by: int | None) -> str:
    token = secrets.token_urlsafe(32)
    now = clock.now()
    with write_lock(engine), Session(engine) as db:
        db.add(AccountToken(id=hashlib.sha256(token.encode()).hexdigest(), person_id=person_id, purpose="reset",
                            created_by=created_by, created_at=now, expires_at=now + timedelta(hours=RESET_HOURS)))
        db.commit()
    return token


def may_grant(engine: Engine, granter_id: int, role: Role, lag_id: int | None) -> bool:
    """May this person (still) give ``role`` in ``lag_id``: a role they may invite to
    (``invitable_roles``), in a LAG they manage; only roles that reach everything go without
    a LAG."""
    grants = grants_of(engine, granter_id)
    if role not in invitable_roles(all_roles(grants)):
        return False
    if lag_id is None:
        return ROLE_REACH[role] == "all"
    return lag_id in reachable_lags(grants, [lag_id])


def invite(engine: Engine, inviter_id: int, name: str, email_text: str, role: Role,
           lag_id: int | None) -> tuple[str, str]:
    """An invitation to one role, within the inviter's reach: its id and the token for the link.
    It makes no person and no membership (accepting does), and it is a new link every time,
    whether the e-mail is unknown, pending or has an account: the inviter learns nothing."""
    email = normalise_email(email_text)
    if not may_grant(engine, inviter_id, role, lag_id):
        raise InvalidInput("role", "role")
    token = secrets.token_urlsafe(32)
    invitation_id = hashlib.sha256(token.encode()).hexdigest()
    now = clock.now()
    with write_lock(engine), Session(engine) as db:
        db.add(Invitation(id=invitation_id, email=email, name=name[:120], role=role.value, lag_id=lag_id,
                          created_by=inviter_id, created_at=now, expires_at=now + timedelta(days=INVITE_DAYS)))
        db.commit()
    audit.record(engine, "invite", inviter_id, detail=f"{role.value} {email}")
    return invitation_id, token


def reset_link(engine: Engine, admin_id: int, person_id: int) -> str | None:
    """An administrator's one-time link to set a new password (None: no such staff member)."""
    with Session(engine) as db:
        person = db.get(Person, person_id)
        if person is None or not person.email:
            return None
    audit.record(engine, "password.reset_link", admin_id, detail=f"person {person_id}")
    return _new_reset_token(engine, person_id, admin_id)


@dataclass(frozen=True)
class LinkHolder:
    person_id: int
    name: str
    email: str
    purpose: str


def token_holder(engine: Engine, token: str) -> LinkHolder | None:
    """Whose unused, unexpired reset link this is (None for anything else: a legacy "invite"
    link never sets a password)."""
    if not token or len(token) > 100:
        return None
    with Session(engine) as db:
        row = db.get(AccountToken, hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest())
        if row is None or row.purpose != "reset" or row.used_at is not None \
                or clock.aware(row.expires_at) <= clock.now():
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
    """Change one's own password: the current one must be right (guesses count as sign-in
    failures of this account from this address); other sessions end."""
    keys = _signin_keys(email, address)
    ratelimit.check(engine, keys)
    with Session(engine) as db:
        cred = db.get(Credential, person_id)
    if not verify_secret(cred.password_hash if cred else None, current[:MAX_PASSWORD]):
        wait = ratelimit.fail(engine, keys)
        raise RateLimited(wait) if wait else InvalidInput("current_wrong", "current")
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
