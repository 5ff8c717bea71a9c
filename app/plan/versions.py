"""Named versions of a plan: a snapshot of every answer and row at a point of the change log,
made at every session close and status change and on request with a name."""
from __future__ import annotations

import json

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from app.db import write_lock
from app.models import Change, utcnow
from app.models_review import PlanVersion
from app.plan.answers import load_plan_data
from app.plan.catalogue import get_template
from app.plan.data import PlanData

version_t = PlanVersion.__table__
change_t = Change.__table__


def snapshot_of(data: PlanData) -> dict:
    """The plan's answers as plain data: values by key, and each table's rows in order."""
    return {"values": dict(data.values),
            "tables": {key: [{"id": r.id, "fixed": r.fixed, "values": dict(r.values)} for r in rows]
                       for key, rows in data.tables.items()}}


def make_version(engine: Engine, plan_id: int, name: str, kind: str = "manual",
                 person_id: int | None = None, template_id: str = "community_plan") -> tuple[int, int]:
    """Record the plan as it is now as a named version; returns (version id, its number)."""
    template = get_template(template_id)
    with write_lock(engine), engine.begin() as conn:
        data = load_plan_data(engine, template, plan_id)
        upto = conn.execute(select(func.max(change_t.c.seq)).where(change_t.c.plan_id == plan_id)).scalar() or 0
        number = (conn.execute(select(func.max(version_t.c.number)).where(version_t.c.plan_id == plan_id))
                  .scalar() or 0) + 1
        new_id = conn.execute(insert(version_t).values(
            plan_id=plan_id, number=number, name=name[:200], kind=kind, upto_seq=upto,
            snapshot_json=json.dumps(snapshot_of(data), ensure_ascii=False, allow_nan=False),
            person_id=person_id, created_at=utcnow())).inserted_primary_key[0]
    return new_id, number
