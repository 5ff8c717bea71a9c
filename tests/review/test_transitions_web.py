"""Every transition × role × status through the HTTP routes, against the permission table the
routes use: an allowed step moves the status and is recorded (who, when, from, to, note) with
a version and a notice; a refused one is a 403 and changes nothing. Bad notes and stale forms
are clear messages, never a 500."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models_review import ApprovedDocument, PlanEvent, PlanVersion
from app.plan import workflow
from app.plan.permissions import STATUSES, Role, can
from tests.factories import login_as, make_plan
from tests.review.conftest import fire, set_status, status_of

NOTE = "Patikslinkite B skyriaus gyventojų skaičių."


def count(engine, model, plan_id: int) -> int:  # noqa: ANN001
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model.__table__)
                            .where(model.__table__.c.plan_id == plan_id)).scalar()


def test_every_transition_role_and_status_as_the_table_says(client, engine, full_plan, monkeypatch) -> None:
    told = []
    monkeypatch.setattr("app.people.notices.notify",
                        lambda engine, plan_id, kind, actor_id, note="", link="": told.append((kind, actor_id, note)))
    people = {role: login_as(client, role.value, plan=full_plan, engine=engine) for role in Role}
    problems = []
    for role in Role:
        for status in STATUSES:
            for t in workflow.TRANSITIONS.values():
                set_status(engine, full_plan, status)
                login_as(client, role.value, plan=full_plan, engine=engine)
                person = client.get("/").status_code and None  # noqa: F841 (the session is warm)
                events, versions, told_before = (count(engine, PlanEvent, full_plan),
                                                 count(engine, PlanVersion, full_plan), len(told))
                page = client.get(f"/plans/{full_plan}/{t.slug}")
                r = fire(client, full_plan, t.slug, status, NOTE)
                allowed = can(role, t.action, status)
                after = status_of(engine, full_plan)
                if allowed:
                    ok = (page.status_code == 200 and r.status_code == 303 and after == t.target
                          and count(engine, PlanEvent, full_plan) == events + 1
                          and count(engine, PlanVersion, full_plan) == versions + 1
                          and told[told_before:] and told[-1][0] == t.notice and told[-1][2] == NOTE)
                else:
                    ok = (page.status_code == 403 and r.status_code == 403 and after == status
                          and count(engine, PlanEvent, full_plan) == events and len(told) == told_before)
                if not ok:
                    problems.append((role.value, status, t.name, allowed, page.status_code, r.status_code, after))
    assert problems == []
    assert people  # every role had a person on the plan


def test_transition_is_recorded_with_who_when_from_to_and_note(client, engine, full_plan) -> None:
    staff = login_as(client, "lag_staff", plan=full_plan, engine=engine)
    set_status(engine, full_plan, "review")
    assert fire(client, full_plan, "grazinti", "review", NOTE + "\r\nAntra eilutė.").status_code == 303
    with engine.connect() as conn:
        event = conn.execute(select(PlanEvent.__table__).where(PlanEvent.__table__.c.plan_id == full_plan)).one()
        version = conn.execute(select(PlanVersion.__table__.c.name, PlanVersion.__table__.c.kind)
                               .where(PlanVersion.__table__.c.plan_id == full_plan)).one()
    assert (event.kind, event.from_status, event.to_status, event.person_id) == ("status", "review", "returned", staff)
    assert event.note == NOTE + "\nAntra eilutė." and event.at is not None
    assert tuple(version) == ("Grąžintas taisyti", "status")
    page = client.get(f"/plans/{full_plan}").text
    assert "Grąžintas taisyti (pateiktas peržiūrai → grąžintas taisyti)" in page  # the timeline
    assert "Moderatoriaus pastaba" in page and NOTE in page and "Lag Staff" in page


def test_return_without_a_note_is_refused_beside_the_field(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan, engine=engine)
    set_status(engine, plan, "review")
    r = fire(client, plan, "grazinti", "review", "   ")
    assert r.status_code == 422 and "Įrašykite pastabą komandai" in r.text and 'aria-invalid="true"' in r.text
    r = fire(client, plan, "grazinti", "review", "Pataisykite\x07 tai")
    assert r.status_code == 422 and "valdymo simbolių" in r.text and "Pataisykite" in r.text
    assert status_of(engine, plan) == "review" and count(engine, PlanEvent, plan) == 0


def test_reopen_needs_a_written_reason(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "coordinator", engine=engine)
    set_status(engine, plan, "approved")
    r = fire(client, plan, "atverti", "approved", "")
    assert r.status_code == 422 and "Įrašykite priežastį" in r.text
    assert status_of(engine, plan) == "approved"


def test_stale_form_or_second_click_is_a_clear_message_not_a_500(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan, engine=engine)
    assert fire(client, plan, "pateikti", "draft").status_code == 303
    again = fire(client, plan, "pateikti", "draft")  # the second click of a double click
    assert again.status_code == 403 and "Kol žiūrėjote, plano būsena pasikeitė" in again.text
    assert "pateiktas peržiūrai" in again.text
    assert count(engine, PlanEvent, plan) == 1
    login_as(client, "facilitator", plan=plan, engine=engine)
    stale = fire(client, plan, "grazinti", "draft", NOTE)  # a page loaded before the submission
    assert stale.status_code == 409 and "Kol žiūrėjote" in stale.text and NOTE in stale.text
    missing_expected = client.post(f"/plans/{plan}/grazinti", data={"note": NOTE}, follow_redirects=False)
    assert missing_expected.status_code == 409
    assert status_of(engine, plan) == "review"


def test_transition_race_lets_only_one_fire(engine) -> None:
    from app.plan.errors import InvalidTransition
    from app.plan.services import get_plan

    plan = make_plan(engine)
    ctx = get_plan(engine, plan)  # both requests read "draft"
    workflow.transition(engine, ctx, "submit", {Role.TEAM_MEMBER}, None, "", expected="draft")
    with pytest.raises(InvalidTransition):
        workflow.transition(engine, ctx, "submit", {Role.TEAM_MEMBER}, None, "", expected="draft")
    assert count(engine, PlanEvent, plan) == 1 and count(engine, ApprovedDocument, plan) == 0
