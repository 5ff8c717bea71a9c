"""Per section: neperžiūrėta, yra pastabų (open comments on it), patvirtinta (the facilitator's
mark). Only those who may review set a mark; a forged section or mark is a message, not a 500."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import update

from app.models_review import Comment
from app.plan.section_marks import section_marks
from tests.factories import login_as, make_plan


def mark(client, plan_id: int, section: str, value: str):  # noqa: ANN001, ANN201
    return client.post(f"/plans/{plan_id}/skyriai", data={"section": section, "mark": value}, follow_redirects=False)


def states(engine, template, plan_id: int) -> dict[str, str]:  # noqa: ANN001
    return {m.section.letter: m.state for m in section_marks(engine, template, plan_id)}


def test_facilitator_marks_a_section_approved_and_takes_it_back(client, engine, template) -> None:
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan, engine=engine)
    assert set(states(engine, template, plan).values()) == {"unreviewed"}
    assert mark(client, plan, "B", "approved").status_code == 303
    assert mark(client, plan, "B", "approved").status_code == 303  # twice: still one mark
    got = states(engine, template, plan)
    assert got["B"] == "approved" and got["C"] == "unreviewed"
    page = client.get(f"/plans/{plan}").text
    assert "✓ patvirtinta" in page and "○ neperžiūrėta" in page and "Atšaukti patvirtinimą" in page
    assert mark(client, plan, "B", "unreviewed").status_code == 303
    assert states(engine, template, plan)["B"] == "unreviewed"


def test_open_comments_show_as_yra_pastabu_until_resolved(client, engine, template) -> None:
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan, engine=engine)
    mark(client, plan, "B", "approved")
    with engine.begin() as conn:
        conn.execute(Comment.__table__.insert().values(plan_id=plan, anchor="@B", body="Patikslinkite.",
                                                       created_at=datetime.now(timezone.utc)))
    assert states(engine, template, plan)["B"] == "comments"
    assert "yra pastabų" in client.get(f"/plans/{plan}").text
    with engine.begin() as conn:
        conn.execute(update(Comment.__table__).values(resolved_at=datetime.now(timezone.utc)))
    assert states(engine, template, plan)["B"] == "approved"


def test_team_member_cannot_mark_and_forged_values_are_refused(client, engine, template) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan, engine=engine)
    assert mark(client, plan, "B", "approved").status_code == 403
    assert "Pažymėti patvirtintu" not in client.get(f"/plans/{plan}").text
    login_as(client, "facilitator", plan=plan, engine=engine)
    for section, value in (("Ž", "approved"), ("B", "comments"), ("", "")):
        r = mark(client, plan, section, value)
        assert r.status_code == 422 and ("skyriaus" in r.text), (section, value)
    assert set(states(engine, template, plan).values()) == {"unreviewed"}
