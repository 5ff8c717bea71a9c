"""SQLModel tables of people and access: memberships, credentials, server-side sessions, join
codes, invitations, reset links, sign-in attempts and the audit log (staff events one by one,
anonymous failures summarised per hour). Imported by
``app.models``; Alembic owns the schema. Everything lives in the database (DESIGN.md rule 4):
every app process sees the same sessions, codes and rate limits."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models import utcnow


class Membership(SQLModel, table=True):
    """A person's role in a LAG, a community or a plan (coordinators and administrators reach
    every plan; see ``app.plan.permissions.ROLE_REACH``)."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(max_length=20)
    lag_id: int | None = Field(default=None, foreign_key="lag.id")
    community_id: int | None = Field(default=None, foreign_key="community.id")
    plan_id: int | None = Field(default=None, foreign_key="plan.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: int | None = Field(default=None, foreign_key="person.id")


class Credential(SQLModel, table=True):
    """Secrets, kept apart from ``person`` (read for names everywhere): a staff password hash,
    or a team member's optional PIN hash (argon2 both)."""

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    password_hash: str | None = Field(default=None, max_length=255)
    pin_hash: str | None = Field(default=None, max_length=255)
    updated_at: datetime = Field(default_factory=utcnow)


class WebSession(SQLModel, table=True):
    """A signed-in browser. ``id`` is the SHA-256 of the cookie's random token (a copy of the
    table opens no session). On a shared laptop ``writer_id`` is who types now, for the plan
    ``writer_plan_id``, and ``on_behalf_of`` a participant without a device."""

    __tablename__ = "web_session"

    id: str = Field(primary_key=True, max_length=64)
    person_id: int = Field(foreign_key="person.id", index=True)
    writer_id: int | None = Field(default=None, foreign_key="person.id")
    writer_plan_id: int | None = Field(default=None, foreign_key="plan.id")
    on_behalf_of: str | None = Field(default=None, max_length=120)
    address: str = Field(default="", max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None


class JoinCode(SQLModel, table=True):
    """A short code a team types (or scans) to join a plan; it expires and can be revoked."""

    __tablename__ = "join_code"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    code: str = Field(max_length=16, unique=True)
    created_by: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None
    uses: int = 0


class AccountToken(SQLModel, table=True):
    """An administrator's one-time reset link (``purpose`` "reset"). ``id`` is the SHA-256 of
    the token in the link. The old "invite" purpose is no longer made or accepted: invitations
    are ``Invitation`` rows now."""

    __tablename__ = "account_token"

    id: str = Field(primary_key=True, max_length=64)
    person_id: int = Field(foreign_key="person.id", index=True)
    purpose: str = Field(max_length=10)  # "invite" or "reset"
    created_by: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class Invitation(SQLModel, table=True):
    """An invitation to ONE staff role, made by one inviter within their reach. It creates no
    person and no membership: accepting does, after checking the inviter may still grant the
    role. ``id`` is the SHA-256 of the token in the link."""

    id: str = Field(primary_key=True, max_length=64)
    email: str = Field(max_length=254, index=True)
    name: str = Field(max_length=120)
    role: str = Field(max_length=20)
    lag_id: int | None = Field(default=None, foreign_key="lag.id")
    created_by: int = Field(foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
    accepted_person_id: int | None = Field(default=None, foreign_key="person.id")


class AuthAttempt(SQLModel, table=True):
    """A failed sign-in, join or PIN attempt under one rate-limit key (an address, an account
    with an address, a device with an address); ``app.people.ratelimit`` counts them."""

    __tablename__ = "auth_attempt"
    __table_args__ = (Index("ix_auth_attempt_key_at", "kind", "key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    key: str = Field(max_length=300)
    at: datetime = Field(default_factory=utcnow)


class AuditEvent(SQLModel, table=True):
    """What staff and signed-in people did or were refused, one row each, append-only.
    Anonymous failures go to ``AnonymousFailures`` instead, so they cannot push these out."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    event: str = Field(max_length=40)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    address: str = Field(default="", max_length=64)
    detail: str = Field(default="", max_length=500)


class AnonymousFailures(SQLModel, table=True):
    """Failed or refused requests of visitors who are not signed in, counted per hour, event,
    address and a short detail the app chose (a matched code's id, never what was typed)."""

    __tablename__ = "audit_anon"
    __table_args__ = (UniqueConstraint("hour", "event", "address", "detail", name="uq_audit_anon_bucket"),)

    id: int | None = Field(default=None, primary_key=True)
    hour: datetime
    event: str = Field(max_length=40)
    address: str = Field(max_length=64)
    detail: str = Field(default="", max_length=100)
    count: int = 1
