"""Plain factory functions for tests: a LAG, a community, a plan, answers."""
from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.models import Community, Lag
from app.plan.answers import Editor, save_cell
from app.plan.rows import add_row
from app.plan.catalogue import get_template
from app.plan.services import create_plan


def make_lag(engine: Engine, name: str = "Kelmės krašto partnerystės vietos veiklos grupė") -> Lag:
    with Session(engine) as db:
        lag = Lag(name=name, short_name=name.split()[0])
        db.add(lag)
        db.commit()
        db.refresh(lag)
        return lag


def make_plan(engine: Engine, community_name: str = "Pašilės kaimo bendruomenė", lag: Lag | None = None) -> int:
    lag = lag or make_lag(engine)
    with Session(engine) as db:
        community = Community(lag_id=lag.id, name=community_name, municipality="kelme", eldership="Tytuvėnų")
        db.add(community)
        db.commit()
        db.refresh(community)
        cid = community.id
    return create_plan(engine, cid)


def answer(engine: Engine, plan_id: int, path: str, value: Any, revision: int = 0) -> int:
    """Store an answer (over whatever is there) and return its new revision."""
    from app.plan.answers import load_cells

    current = load_cells(engine, plan_id).get(path)
    saved = save_cell(engine, get_template(), plan_id, path, current.revision if current else revision,
                      value, Editor())
    return saved.revision


def row(engine: Engine, plan_id: int, table: str, **values: Any) -> str:
    return add_row(engine, get_template(), plan_id, table, Editor(), values=values)
