"""SQLModel tables only. Alembic (migrations/) owns the schema; tests create it the same way.

Answers are cells (DESIGN.md rule 3): one row per field or per table cell, with a revision, and
an append-only change log whose increasing ``seq`` serves history, audit and live refresh.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Lag(SQLModel, table=True):
    """A Local Action Group (VVG). LAGs are data: more can be added."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    short_name: str = Field(default="", max_length=80)
    is_coordinator: bool = False
    publicity_line: str = Field(default="", max_length=500)


class Community(SQLModel, table=True):
    """A community organisation (BO) selected by a LAG."""

    id: int | None = Field(default=None, primary_key=True)
    lag_id: int = Field(foreign_key="lag.id", index=True)
    name: str = Field(max_length=200)
    municipality: str = Field(default="", max_length=100)
    eldership: str = Field(default="", max_length=100)


class Person(SQLModel, table=True):
    """Anyone who edits or reviews: staff sign in, team members join with a code."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254, unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class Plan(SQLModel, table=True):
    """One community's development plan; its answers live in cells and rows."""

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    template_id: str = Field(default="community_plan", max_length=60)
    lang: str = Field(default="lt", max_length=5)
    status: str = Field(default="draft", max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Cell(SQLModel, table=True):
    """One answer: a field (``vision``) or one cell of a row (``needs/<row_id>/title``)."""

    __table_args__ = (UniqueConstraint("plan_id", "path", name="uq_cell_plan_path"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    path: str = Field(max_length=200)
    value_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    revision: int = 1
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: int | None = Field(default=None, foreign_key="person.id")


class PlanRow(SQLModel, table=True):
    """A row of a table or list. Adding appends, moving changes ``position``, deleting is soft
    so history can bring it back. Fixed rows (age bands) carry their fixed id."""

    __tablename__ = "plan_row"
    __table_args__ = (
        UniqueConstraint("plan_id", "row_id", name="uq_row_plan_rowid"),
        Index("ix_row_plan_table", "plan_id", "table_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    table_key: str = Field(max_length=60)
    row_id: str = Field(max_length=40)
    position: float = 0.0
    fixed: str | None = Field(default=None, max_length=40)
    created_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None


class Change(SQLModel, table=True):
    """Append-only change log: who changed what, when, on whose behalf, old → new."""

    __table_args__ = (Index("ix_change_plan_seq", "plan_id", "seq"),)

    seq: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    path: str = Field(max_length=200)
    action: str = Field(default="set", max_length=20)  # set, row_add, row_delete, row_move, …
    old_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    new_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    person_id: int | None = Field(default=None, foreign_key="person.id")
    on_behalf_of: str | None = Field(default=None, max_length=120)
    # the signed-in account that sent the request ("who really typed" on a shared laptop,
    # where person_id is the participant chosen in "Kas dabar rašo?")
    account_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = Field(default_factory=utcnow)


class GateOverride(SQLModel, table=True):
    """A team (or facilitator) left a session with R1 answers missing, and said why."""

    __tablename__ = "gate_override"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    session: int
    reason: str = Field(sa_column=Column(Text, nullable=False))
    missing: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    person_id: int | None = Field(default=None, foreign_key="person.id")
    at: datetime = Field(default_factory=utcnow)


# people, sessions, join codes and the audit log; review and approval: their own modules
import app.models_people  # noqa: E402, F401
import app.models_review  # noqa: E402, F401
