"""Named versions of a plan: a snapshot of every answer and row at a point of the change log,
made at every session close and status change and on request with a name."""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection, Engine

from app.db import write_lock
from app.models import Change, Person, utcnow
from app.models_review import PlanVersion
from app.plan.answers import read_plan_data
from app.plan.catalogue import get_template
from app.plan.data import PlanData, RowData
from app.plan.errors import NotFound

version_t = PlanVersion.__table__
change_t = Change.__table__
person_t = Person.__table__

#: A version's name as people give it ("Po 2 susitikimo"): one line, at most this long.
MAX_NAME = 200
VILNIUS = ZoneInfo("Europe/Vilnius")


def snapshot_of(data: PlanData) -> dict:
    """The plan's answers as plain data: values by key, and each table's rows in order."""
    return {"values": dict(data.values),
            "tables": {key: [{"id": r.id, "fixed": r.fixed, "values": dict(r.values)} for r in rows]
                       for key, rows in data.tables.items()}}


def data_of(snapshot: dict, lang: str = "lt") -> PlanData:
    """A snapshot back as a PlanData (what display, compare and restore read)."""
    tables = {key: [RowData(str(r.get("id")), dict(r.get("values") or {}), r.get("fixed")) for r in rows]
              for key, rows in (snapshot.get("tables") or {}).items()}
    return PlanData(values=dict(snapshot.get("values") or {}), tables=tables, lang=lang)


@contextmanager
def consistent(engine: Engine) -> Iterator[Connection]:
    """A write transaction whose reads all see one state of the plan (PostgreSQL's default,
    read committed, lets each statement see newer commits; SQLite writes one at a time)."""
    with write_lock(engine), engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def insert_version(conn: Connection, plan_id: int, name: str, kind: str, person_id: int | None,
                   data: PlanData) -> tuple[int, int]:
    """Record ``data`` as the plan's next version, inside the caller's transaction."""
    upto = conn.execute(select(func.max(change_t.c.seq)).where(change_t.c.plan_id == plan_id)).scalar() or 0
    number = (conn.execute(select(func.max(version_t.c.number)).where(version_t.c.plan_id == plan_id))
              .scalar() or 0) + 1
    new_id = conn.execute(insert(version_t).values(
        plan_id=plan_id, number=number, name=name[:MAX_NAME], kind=kind, upto_seq=upto,
        snapshot_json=json.dumps(snapshot_of(data), ensure_ascii=False, allow_nan=False),
        person_id=person_id, created_at=utcnow())).inserted_primary_key[0]
    return new_id, number


def make_version(engine: Engine, plan_id: int, name: str, kind: str = "manual",
                 person_id: int | None = None, template_id: str = "community_plan") -> tuple[int, int]:
    """Record the plan as it is now as a named version; returns (version id, its number)."""
    template = get_template(template_id)
    with consistent(engine) as conn:
        data, _ = read_plan_data(conn, template, plan_id)
        return insert_version(conn, plan_id, name, kind, person_id, data)


@dataclass(frozen=True)
class Version:
    """A saved version as lists show it (the snapshot is read only when needed)."""

    id: int
    plan_id: int
    number: int
    name: str
    kind: str
    upto_seq: int
    created_at: datetime
    person: str | None = None

    @property
    def day(self) -> str:
        """The day it was made, in Lithuania ("2025-03-14")."""
        at = self.created_at if self.created_at.tzinfo else self.created_at.replace(tzinfo=timezone.utc)
        return at.astimezone(VILNIUS).date().isoformat()

    @property
    def local_time(self) -> datetime:
        at = self.created_at if self.created_at.tzinfo else self.created_at.replace(tzinfo=timezone.utc)
        return at.astimezone(VILNIUS)


def version_label(version: Version, lang: str = "lt") -> str:
    """"2 versija, 2025-03-14" (what "Plano versija" shows on screen and in the document)."""
    if lang == "en":
        return f"Version {version.number}, {version.day}"
    return f"{version.number} versija, {version.day}"


_COLUMNS = (version_t.c.id, version_t.c.plan_id, version_t.c.number, version_t.c.name, version_t.c.kind,
            version_t.c.upto_seq, version_t.c.created_at, person_t.c.name)


def _query():  # noqa: ANN202
    return select(*_COLUMNS).select_from(
        version_t.outerjoin(person_t, person_t.c.id == version_t.c.person_id))


def list_versions(engine: Engine, plan_id: int) -> list[Version]:
    """The plan's versions, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(_query().where(version_t.c.plan_id == plan_id)
                            .order_by(version_t.c.number.desc())).all()
    return [Version(*r) for r in rows]


def latest_version(engine: Engine, plan_id: int) -> Version | None:
    """The plan's newest version, or None before the first."""
    with engine.connect() as conn:
        row = conn.execute(_query().where(version_t.c.plan_id == plan_id)
                           .order_by(version_t.c.number.desc()).limit(1)).first()
    return Version(*row) if row else None


def get_version(engine: Engine, plan_id: int, version_id: int) -> tuple[Version, dict]:
    """One version of this plan and its snapshot (NotFound for another plan's version)."""
    with engine.connect() as conn:
        row = conn.execute(_query().add_columns(version_t.c.snapshot_json).where(
            version_t.c.id == version_id, version_t.c.plan_id == plan_id)).first()
    if row is None:
        raise NotFound(f"version {version_id} of plan {plan_id}")
    snapshot = json.loads(row[-1])
    return Version(*row[:-1]), snapshot if isinstance(snapshot, dict) else {}
