"""Fixtures of the people tests: two plans in two LAGs, each with a row, a change and a join
code, so every URL of either plan can be filled in; and a controllable clock."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import Session, select

from app.models import Change
from app.models_review import Comment, PlanVersion
from app.people import clock
from app.people.accounts import invite
from app.people.joincodes import create_code
from app.plan.permissions import Role
from tests.factories import answer, make_lag, make_member, make_plan, row


@dataclass
class Plan:
    id: int
    lag_id: int
    row_id: str
    seq: int
    code_id: int
    code: str
    comment_id: int = 0
    version_id: int = 0


@dataclass
class World:
    a: Plan
    b: Plan
    staff_id: int      # a staff member an administrator may send a reset link
    invite_token: str


def _plan(engine, lag_name: str, community: str) -> Plan:  # noqa: ANN001
    lag = make_lag(engine, lag_name)
    plan_id = make_plan(engine, community, lag=lag)
    row_id = row(engine, plan_id, "villages", name="Pašilė")
    answer(engine, plan_id, "bo_chair", "Ona")
    with Session(engine) as db:
        seq = db.exec(select(Change.seq).where(Change.plan_id == plan_id).order_by(Change.seq.desc())).first()
    code = create_code(engine, plan_id, None, 7)
    with Session(engine) as db:  # a comment and a version, so their URLs can be walked too
        comment = Comment(plan_id=plan_id, anchor="bo_chair", body="Ar tikrai Ona?")
        version = PlanVersion(plan_id=plan_id, number=1, name="Po 1 susitikimo", upto_seq=seq,
                              snapshot_json='{"values": {}, "tables": {}}')
        db.add(comment)
        db.add(version)
        db.commit()
        comment_id, version_id = comment.id, version.id
    return Plan(plan_id, lag.id, row_id, seq, code.id, code.code, comment_id, version_id)


@pytest.fixture
def world(engine) -> World:  # noqa: ANN001
    a = _plan(engine, "Kelmės krašto partnerystės vietos veiklos grupė", "Pašilės kaimo bendruomenė")
    b = _plan(engine, "Anykščių rajono vietos veiklos grupė", "Ąžuolynės kaimo bendruomenė")
    admin = make_member(engine, "admin")
    staff_id = make_member(engine, "facilitator", plan=a.id, name="Rūta Moderatorė")
    _, token = invite(engine, admin, "Jonas Naujokas", "jonas@example.lt", Role.FACILITATOR, a.lag_id)
    return World(a, b, staff_id, token)


class Clock:
    """Time that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(clock, "now", fake)
    return fake


@pytest.fixture
def two_lags(engine) -> tuple[int, int]:  # noqa: ANN001
    """Two plans in two LAGs (Kelmė's and Anykščiai's)."""
    a = make_plan(engine, "Pašilės kaimo bendruomenė")
    b = make_plan(engine, "Ąžuolynės kaimo bendruomenė", lag=make_lag(engine, "Anykščių rajono vietos veiklos grupė"))
    return a, b
