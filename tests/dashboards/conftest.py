"""A hand-made world for the dashboards: two LAGs with plans in every state, sessions held,
section J's participants, open and resolved comments, and approved documents."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import update
from sqlmodel import Session

from app.models import Plan
from app.models_review import ApprovedDocument, Comment, PlanSession
from tests.factories import answer, make_lag, make_plan

KELME = "Kelmės krašto partnerystės vietos veiklos grupė"
ANYKSCIAI = "Anykščių rajono vietos veiklos grupė"


def set_status(engine, plan_id: int, status: str) -> None:  # noqa: ANN001
    with engine.begin() as conn:
        conn.execute(update(Plan.__table__).where(Plan.__table__.c.id == plan_id).values(status=status))


def hold_sessions(engine, plan_id: int, *numbers: int, closed: bool = True) -> None:  # noqa: ANN001
    with Session(engine) as db:
        for n in numbers:
            db.add(PlanSession(plan_id=plan_id, session=n, held_on=date(2025, 3, n), closed=closed))
        db.commit()


def participants(engine, plan_id: int, *counts: tuple[int, int]) -> None:  # noqa: ANN001
    """Section J: (participants, of them vulnerable) for sessions 1, 2, 3 …"""
    for n, (people, vulnerable) in enumerate(counts, start=1):
        answer(engine, plan_id, f"sessions/sessions-{n}/participants_n", people)
        answer(engine, plan_id, f"sessions/sessions-{n}/vulnerable_n", vulnerable)


def approve_doc(engine, plan_id: int, content: bytes, superseded: bool = False) -> None:  # noqa: ANN001
    with Session(engine) as db:
        db.add(ApprovedDocument(plan_id=plan_id, content=content, sha256=hashlib.sha256(content).hexdigest(),
                                filename="planas.docx", approved_at=datetime(2025, 6, 30, 21, 30, tzinfo=timezone.utc),
                                superseded_at=datetime(2025, 7, 1, tzinfo=timezone.utc) if superseded else None))
        db.commit()


def comment(engine, plan_id: int, resolved: bool = False, reply_to: int | None = None) -> int:  # noqa: ANN001
    with Session(engine) as db:
        c = Comment(plan_id=plan_id, anchor="vision", body="Ar tikrai?", parent_id=reply_to,
                    resolved_at=datetime(2025, 4, 1, tzinfo=timezone.utc) if resolved else None)
        db.add(c)
        db.commit()
        return c.id


@dataclass
class World:
    kelme: int
    anyksciai: int
    plans: dict[str, int] = field(default_factory=dict)
    docs: dict[str, bytes] = field(default_factory=dict)


@pytest.fixture
def world(engine) -> World:  # noqa: ANN001
    """Kelmė: Pašilė approved, Šilėnai in review, Žalioji returned; Anykščiai: Ąžuolynė approved,
    Debeikiai a draft."""
    kelme, anyksciai = make_lag(engine, KELME), make_lag(engine, ANYKSCIAI)
    w = World(kelme.id, anyksciai.id)
    for key, name, lag in (("pasile", "Pašilės kaimo bendruomenė", kelme),
                           ("silenai", "Šilėnų bendruomenė", kelme),
                           ("zalioji", "Žaliosios kaimo bendruomenė", kelme),
                           ("azuolyne", "Ąžuolynės kaimo bendruomenė", anyksciai),
                           ("debeikiai", "Debeikių bendruomenė", anyksciai)):
        w.plans[key] = make_plan(engine, name, lag=lag)
    p = w.plans
    for key, status in (("pasile", "approved"), ("silenai", "review"), ("zalioji", "returned"),
                        ("azuolyne", "approved")):
        set_status(engine, p[key], status)
    hold_sessions(engine, p["pasile"], 1, 2, 3)
    hold_sessions(engine, p["silenai"], 1, 2)
    hold_sessions(engine, p["zalioji"], 1)
    hold_sessions(engine, p["zalioji"], 2, closed=False)  # a session not closed is not held
    hold_sessions(engine, p["azuolyne"], 1, 2, 3)
    participants(engine, p["pasile"], (12, 3), (10, 2), (15, 4))
    participants(engine, p["silenai"], (8, 1), (9, 0))
    participants(engine, p["azuolyne"], (20, 6), (18, 5), (22, 7))
    first = comment(engine, p["silenai"])
    comment(engine, p["silenai"], reply_to=first)  # a reply is not another open comment
    comment(engine, p["silenai"])
    comment(engine, p["silenai"], resolved=True)
    w.docs = {"pasile": b"PK-pasile-approved", "azuolyne": b"PK-azuolyne-approved"}
    approve_doc(engine, p["pasile"], b"PK-pasile-old", superseded=True)
    approve_doc(engine, p["pasile"], w.docs["pasile"])
    approve_doc(engine, p["azuolyne"], w.docs["azuolyne"])
    return w
