"""Accepting invitations, and the ones still open. An invitation (made by
``accounts.invite``) gives ONE role and nothing else, and only while its inviter may still
give it. For an e-mail without an account the link creates the account with the password typed
there. For an e-mail that has one, the link never sets a password: its owner signs in as usual
and then accepts, so a second link for the same address can take nothing over. While an
earlier invitation from someone else waits for the same e-mail, a later one cannot create the
account either (else whoever invited second could set the password the first inviter's
person will later be asked for); it is accepted after that account exists."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.db import write_lock
from app.models import Lag, Person
from app.models_people import Credential, Invitation, Membership
from app.people import audit, clock
from app.people.access import Grant, add_membership, all_roles, reachable_lags
from app.people.accounts import may_grant
from app.people.errors import InvalidInput, SignInFailed
from app.people.passwords import hash_secret, password_problem
from app.plan.permissions import ROLE_REACH, Role, invitable_roles

invitation_t = Invitation.__table__


@dataclass(frozen=True)
class OpenInvitation:
    """An unused, unexpired invitation as its link page shows it."""

    id: str
    email: str
    name: str
    role: Role
    lag_name: str
    expires_at: datetime
    created_by: int
    lag_id: int | None
    has_account: bool  # the e-mail belongs to a person already: sign in, then accept
    waits_for_earlier: bool = False  # someone else's earlier invitation must create the account


def _id(token: str) -> str | None:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest() if token and len(token) <= 100 else None


def open_invitation(engine: Engine, token: str) -> OpenInvitation | None:
    """The invitation behind a link, while it can be accepted (None for anything else)."""
    invitation_id = _id(token)
    if invitation_id is None:
        return None
    now = clock.now()
    with Session(engine) as db:
        row = db.get(Invitation, invitation_id)
        if row is None or row.used_at is not None or clock.aware(row.expires_at) <= now:
            return None
        lag = db.get(Lag, row.lag_id) if row.lag_id else None
        exists = db.exec(select(Person.id).where(Person.email == row.email)).first() is not None
        earlier = db.exec(select(Invitation.id).where(
            Invitation.email == row.email, Invitation.created_by != row.created_by,
            Invitation.used_at.is_(None), Invitation.expires_at > now,
            (Invitation.created_at < row.created_at)
            | ((Invitation.created_at == row.created_at) & (Invitation.id < row.id)))).first() is not None
        return OpenInvitation(row.id, row.email, row.name, Role(row.role), lag.name if lag else "",
                              clock.aware(row.expires_at), row.created_by, row.lag_id, exists,
                              not exists and earlier)


def _usable(engine: Engine, token: str) -> OpenInvitation:
    found = open_invitation(engine, token)
    if found is None:
        raise SignInFailed("link_invalid")
    if not may_grant(engine, found.created_by, found.role, found.lag_id):
        raise SignInFailed("invitation_void")  # the inviter lost the right to give this role
    return found


def _claim(db: Session, invitation_id: str, person_id: int) -> None:
    """Mark the invitation used in the caller's transaction; only the first claim succeeds
    (two app processes accepting the same link at once: one of them gets "link_invalid")."""
    now = clock.now()
    done = db.exec(update(invitation_t).where(invitation_t.c.id == invitation_id, invitation_t.c.used_at.is_(None),
                                              invitation_t.c.expires_at > now)
                   .values(used_at=now, accepted_person_id=person_id))
    if done.rowcount != 1:
        raise SignInFailed("link_invalid")


def accept_new(engine: Engine, token: str, password: str, repeat: str, address: str = "") -> int:
    """Create the invited account with this password and its one role; returns the person.
    SignInFailed "account_exists" when the e-mail has an account (sign in and accept instead),
    "invitation_earlier" while someone else's earlier invitation to it waits."""
    found = _usable(engine, token)
    if found.has_account:
        raise SignInFailed("account_exists")
    if found.waits_for_earlier:
        raise SignInFailed("invitation_earlier")
    problem = password_problem(password, repeat)
    if problem:
        raise InvalidInput(problem, "password")
    digest, now = hash_secret(password), clock.now()
    try:
        with write_lock(engine), Session(engine) as db:
            person = Person(name=found.name, email=found.email, created_at=now)
            db.add(person)
            db.flush()  # a person with this e-mail made meanwhile: IntegrityError, nothing kept
            person_id = person.id
            db.add(Credential(person_id=person_id, password_hash=digest, updated_at=now))
            db.add(Membership(person_id=person_id, role=found.role.value, lag_id=found.lag_id,
                              created_by=found.created_by, created_at=now))
            _claim(db, found.id, person_id)
            db.commit()
    except IntegrityError:
        raise SignInFailed("account_exists") from None
    audit.record(engine, "invite.accept", person_id, address, _what(found))
    return person_id


def accept_signed_in(engine: Engine, token: str, person_id: int, email: str | None, address: str = "") -> None:
    """Add the invitation's one role to the signed-in account, if it is the invited e-mail."""
    found = _usable(engine, token)
    if (email or "").lower() != found.email:
        raise SignInFailed("invitation_other_account")
    with write_lock(engine), Session(engine) as db:
        _claim(db, found.id, person_id)
        db.commit()
    add_membership(engine, person_id, found.role, lag_id=found.lag_id, created_by=found.created_by)
    audit.record(engine, "invite.accept", person_id, address, _what(found))


def _what(found: OpenInvitation) -> str:
    return f"{found.role.value} lag {found.lag_id or '-'} from person {found.created_by}"


@dataclass(frozen=True)
class PendingInvitation:
    id: str
    email: str
    role: Role
    lag_name: str
    expires_at: datetime
    can_withdraw: bool  # the viewer made it, or may give that role in that LAG


def withdraw(engine: Engine, person_id: int, invitation_id: str) -> bool:
    """Stop an open invitation working now (a mistyped e-mail, a person who will not come): its
    inviter, or anyone who may give that role in that LAG, may. False: no such open invitation
    for this person (the page answers 404, as for a plan out of reach)."""
    now = clock.now()
    with Session(engine) as db:
        row = db.get(Invitation, invitation_id) if len(invitation_id) == 64 else None
        if row is None or row.used_at is not None or clock.aware(row.expires_at) <= now:
            return False
        role, lag_id, created_by = Role(row.role), row.lag_id, row.created_by
    if created_by != person_id and not may_grant(engine, person_id, role, lag_id):
        return False
    with write_lock(engine), engine.begin() as conn:
        done = conn.execute(update(invitation_t).where(invitation_t.c.id == invitation_id,
                                                       invitation_t.c.used_at.is_(None)).values(used_at=now))
    if done.rowcount == 1:
        audit.record(engine, "invite.withdraw", person_id, detail=f"{role.value} lag {lag_id or '-'}")
    return True


def pending_in_reach(engine: Engine, grants: tuple[Grant, ...], person_id: int) -> list[PendingInvitation]:
    """Open invitations the person may see: all for coordinators and administrators, otherwise
    those to their own LAGs; the soonest to expire first."""
    everyone = any(ROLE_REACH[g.role] == "all" for g in grants)
    with Session(engine) as db:
        rows = db.exec(select(Invitation, Lag.short_name, Lag.name).outerjoin(Lag, Lag.id == Invitation.lag_id)
                       .where(Invitation.used_at.is_(None), Invitation.expires_at > clock.now())
                       .order_by(Invitation.expires_at)).all()
    own = set(reachable_lags(grants, [row.lag_id for row, _, _ in rows if row.lag_id]))
    mine = set(invitable_roles(all_roles(grants)))
    return [PendingInvitation(row.id, row.email, Role(row.role), short or name or "", clock.aware(row.expires_at),
                              row.created_by == person_id or (Role(row.role) in mine and (
                                  row.lag_id in own if row.lag_id else ROLE_REACH[Role(row.role)] == "all")))
            for row, short, name in rows if everyone or row.lag_id in own]
