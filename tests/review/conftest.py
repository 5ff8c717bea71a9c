"""Fixtures of the review tests: a plan complete enough to approve (every required answer,
so the final document can be made), and helpers to sign in and fire a step through HTTP."""
from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.models import Plan
from tests.documents.plan_fixtures import demo_plan


@pytest.fixture
def full_plan(engine) -> int:  # noqa: ANN001
    """A plan filled through all three sessions (the documents' demo plan)."""
    return demo_plan(engine)


def set_status(engine, plan_id: int, status: str) -> None:  # noqa: ANN001
    with engine.begin() as conn:
        conn.execute(update(Plan.__table__).where(Plan.__table__.c.id == plan_id).values(status=status))


def status_of(engine, plan_id: int) -> str:  # noqa: ANN001
    with engine.connect() as conn:
        return conn.execute(select(Plan.__table__.c.status).where(Plan.__table__.c.id == plan_id)).scalar()


def fire(client, plan_id: int, slug: str, expected: str, note: str = "", **extra):  # noqa: ANN001, ANN201
    """Press a workflow button as the overview's form does."""
    return client.post(f"/plans/{plan_id}/{slug}", data={"expected": expected, "note": note, **extra},
                       follow_redirects=False)
