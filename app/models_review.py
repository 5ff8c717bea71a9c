"""SQLModel tables of review and approval (issue 8): the plan's workflow timeline, sessions
held, per-section review marks, comment threads, named versions, the frozen approved document,
notices to people and the per-plan figures the dashboards read. Alembic owns the schema."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models import utcnow


class PlanEvent(SQLModel, table=True):
    """One step of a plan's timeline: a status transition (from → to), a session closed or
    reopened, a version made. Append-only; ``note`` is the facilitator's note or the reason."""

    __tablename__ = "plan_event"
    __table_args__ = (Index("ix_plan_event_plan_at", "plan_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    kind: str = Field(max_length=30)  # status, session_close, session_reopen
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str | None = Field(default=None, max_length=20)
    session: int | None = None
    note: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    person_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = Field(default_factory=utcnow)


class PlanSession(SQLModel, table=True):
    """A workshop session of a plan as the facilitator closed it: the date it was held, and
    when closing went past missing R1 answers, the reason and what was missing."""

    __tablename__ = "plan_session"
    __table_args__ = (UniqueConstraint("plan_id", "session", name="uq_plan_session"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    session: int
    held_on: date | None = None
    closed: bool = False
    closed_at: datetime | None = None
    closed_by: int | None = Field(default=None, foreign_key="person.id")
    override_reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    missing: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class SectionReview(SQLModel, table=True):
    """The facilitator's mark on one section (by its letter): reviewed and approved, or not yet.
    "Yra pastabų" is not stored: it is read from the section's open comments."""

    __tablename__ = "section_review"
    __table_args__ = (UniqueConstraint("plan_id", "section", name="uq_section_review"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    section: str = Field(max_length=10)
    status: str = Field(default="unreviewed", max_length=20)  # unreviewed, approved
    person_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = Field(default_factory=utcnow)


class Comment(SQLModel, table=True):
    """A comment, or a reply in a thread (``parent_id``). Anchored by an answer path: a section
    (``@B``), a field (``vision``), a row (``needs/<row_id>``) or a cell; a row id is stable, so a
    comment on a row stays with it when rows move. Only a thread's first comment is resolved."""

    __table_args__ = (Index("ix_comment_plan_anchor", "plan_id", "anchor"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    parent_id: int | None = Field(default=None, foreign_key="comment.id", index=True)
    anchor: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    person_id: int | None = Field(default=None, foreign_key="person.id")
    on_behalf_of: str | None = Field(default=None, max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    resolved_at: datetime | None = None
    resolved_by: int | None = Field(default=None, foreign_key="person.id")


class PlanVersion(SQLModel, table=True):
    """A named point in a plan's change log (``upto_seq``) with the plan as it was then
    (``snapshot_json``: values and rows in order), numbered per plan from 1."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "number", name="uq_plan_version_number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    number: int
    name: str = Field(max_length=200)
    kind: str = Field(default="manual", max_length=30)  # manual, session_close, status, approved
    upto_seq: int = 0
    snapshot_json: str = Field(sa_column=Column(Text, nullable=False))
    person_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)


class ApprovedDocument(SQLModel, table=True):
    """The DOCX as it was approved, byte for byte, with its SHA-256. Reopening the plan marks
    it superseded (it stays, with its version)."""

    __tablename__ = "approved_document"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    version_id: int | None = Field(default=None, foreign_key="plan_version.id")
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str = Field(max_length=64)
    filename: str = Field(max_length=200)
    approved_by: int | None = Field(default=None, foreign_key="person.id")
    approved_at: datetime = Field(default_factory=utcnow)
    superseded_at: datetime | None = None


class Notice(SQLModel, table=True):
    """Something a person should know about a plan (submitted, returned, approved, reopened, a
    comment): shown until read; e-mailed once when SMTP is configured."""

    __table_args__ = (Index("ix_notice_person_read", "person_id", "read_at"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    plan_id: int = Field(foreign_key="plan.id", index=True)
    kind: str = Field(max_length=30)
    text: str = Field(max_length=500)
    link: str = Field(default="", max_length=300)
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
    read_at: datetime | None = None
    emailed_at: datetime | None = None


class PlanStats(SQLModel, table=True):
    """The figures a dashboard shows for a plan, computed from its answers when the plan has
    changed since (``computed_at`` < ``plan.updated_at``): dashboards read one row per plan."""

    __tablename__ = "plan_stats"

    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    computed_at: datetime = Field(default_factory=utcnow)
    answered: int = 0
    required: int = 0
    session_answered_json: str = Field(default="[]", sa_column=Column(Text, nullable=False, server_default="[]"))
    participants: int = 0
    vulnerable_participants: int = 0
    title: str = Field(default="", max_length=300)
