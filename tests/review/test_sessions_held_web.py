"""Closing a workshop session: the day it was held (not in the future, not before 2000), its R1
answers checked, closing anyway only with a written reason that is kept and shown; reopening
is allowed and logged; the resume link moves on to the next session's steps."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.models_review import PlanEvent, PlanVersion
from app.plan.errors import Refused
from app.plan.sessions_held import parse_held_on, sessions_held, today
from tests.factories import login_as, make_plan

DAY = "2025-06-30"


def close(client, plan_id: int, session: int = 1, held_on: str = DAY, reason: str = ""):  # noqa: ANN001, ANN201
    return client.post(f"/plans/{plan_id}/susitikimai/{session}/baigti",
                       data={"held_on": held_on, "reason": reason}, follow_redirects=False)


def events(engine, plan_id: int) -> list[tuple]:  # noqa: ANN001
    t = PlanEvent.__table__
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(t.c.kind, t.c.session, t.c.note)
                                                .where(t.c.plan_id == plan_id).order_by(t.c.id))]


def versions(engine, plan_id: int) -> list[tuple]:  # noqa: ANN001
    t = PlanVersion.__table__
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(t.c.name, t.c.kind).where(t.c.plan_id == plan_id))]


def test_closing_a_complete_session_records_day_event_and_version(client, engine, full_plan) -> None:
    login_as(client, "facilitator", plan=full_plan, engine=engine)
    assert close(client, full_plan).status_code == 303
    held = sessions_held(engine, full_plan)[1]
    assert held.closed and held.held_on == date(2025, 6, 30) and held.override_reason == ""
    assert events(engine, full_plan) == [("session_close", 1, "")]
    assert versions(engine, full_plan) == [("Po 1 susitikimo", "session_close")]
    page = client.get(f"/plans/{full_plan}").text
    assert "Susitikimas baigtas." in page and "Vyko 2025 m. birželio 30 d." in page
    assert "Baigtas 1 susitikimas" in page  # on the timeline


def resume_link(page: str) -> str:
    return re.search(r'href="([^"]+)">Tęsti pildymą', page).group(1)


def test_resume_goes_to_the_first_session_not_closed(client, engine, full_plan, template) -> None:
    login_as(client, "facilitator", plan=full_plan, engine=engine)
    first, second = (template.session(n).steps[0].slug for n in (1, 2))
    assert resume_link(client.get(f"/plans/{full_plan}").text) == f"/plans/{full_plan}/steps/{first}"
    close(client, full_plan)
    assert resume_link(client.get(f"/plans/{full_plan}").text) == f"/plans/{full_plan}/steps/{second}"


def test_closing_with_r1_missing_needs_a_reason_that_is_kept_and_shown(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan, engine=engine)
    r = close(client, plan)
    assert r.status_code == 422 and "Įrašykite priežastį" in r.text and "Neužpildyta" in r.text
    assert 'value="2025-06-30"' in r.text  # the typed day is kept
    assert 1 not in sessions_held(engine, plan) and events(engine, plan) == []
    reason = "Gyventojų skaičių atsiųs seniūnija."
    assert close(client, plan, reason=reason).status_code == 303
    held = sessions_held(engine, plan)[1]
    assert held.closed and held.override_reason == reason and held.missing
    assert events(engine, plan) == [("session_close", 1, reason)]
    page = client.get(f"/plans/{plan}").text
    assert "Baigtas nepaisant trūkumų" in page and reason in page


def test_close_refuses_a_bad_day_beside_the_field(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan, engine=engine)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    for typed, message in ((tomorrow, "negali būti ateityje"), ("1999-12-31", "ankstesnė nei 2000"),
                           ("2025-02-30", "2025-06-30"), ("", "kurią dieną vyko"), ("x" * 50, "2025-06-30")):
        r = close(client, plan, held_on=typed, reason="Bet kokia priežastis")
        assert r.status_code == 422 and message in r.text and 'id="held-on-error"' in r.text, typed
        assert "Bet kokia priežastis" in r.text
    assert sessions_held(engine, plan) == {}


def test_reopening_a_session_is_logged_and_closing_twice_is_a_message(client, engine, full_plan) -> None:
    login_as(client, "lag_staff", plan=full_plan, engine=engine)
    assert close(client, full_plan, 2).status_code == 303
    again = close(client, full_plan, 2)
    assert again.status_code == 409 and "2 susitikimas jau baigtas" in again.text
    r = client.post(f"/plans/{full_plan}/susitikimai/2/atverti", data={"note": "Dar kartą aptarsime."},
                    follow_redirects=False)
    assert r.status_code == 303
    held = sessions_held(engine, full_plan)[2]
    assert not held.closed and held.held_on == date(2025, 6, 30)  # the day stays for the next close
    assert events(engine, full_plan) == [("session_close", 2, ""), ("session_reopen", 2, "Dar kartą aptarsime.")]
    not_closed = client.post(f"/plans/{full_plan}/susitikimai/2/atverti", follow_redirects=False)
    assert not_closed.status_code == 409 and "nėra baigtas" in not_closed.text
    assert "Atvertas 2 susitikimas" in client.get(f"/plans/{full_plan}").text


def test_team_member_cannot_close_a_session(client, engine, full_plan) -> None:
    login_as(client, "team_member", plan=full_plan, engine=engine)
    assert close(client, full_plan).status_code == 403
    assert 'action="/plans/%d/susitikimai/1/baigti"' % full_plan not in client.get(f"/plans/{full_plan}").text


def test_unknown_session_is_not_found(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "facilitator", plan=plan, engine=engine)
    assert close(client, plan, 9).status_code == 404
    assert client.get(f"/plans/{plan}/susitikimai/9/baigti").status_code == 404


@pytest.mark.parametrize("typed", ["2025-6-30", " 2025-06-30 "])
def test_held_on_parses_the_date_input(typed: str) -> None:
    assert parse_held_on(typed, date(2025, 7, 1)) == date(2025, 6, 30)
    with pytest.raises(Refused):
        parse_held_on(typed, date(2025, 6, 29))
