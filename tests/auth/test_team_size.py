"""A plan's team has at most MAX_TEAM members, whichever way they are added: joining with a
code, or a new name typed on a shared laptop ("Kas dabar rašo?"). Those already in stay in."""
from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from app.models import Person
from app.models_people import Membership
from app.people import joincodes
from app.people.access import MAX_TEAM
from tests.auth.test_join_codes import join
from tests.factories import login_as, make_plan

FULL = f"Komandoje jau {MAX_TEAM} žmonių"


@pytest.fixture
def full_plan(engine) -> int:  # noqa: ANN001
    plan = make_plan(engine)
    with Session(engine) as db:
        for i in range(MAX_TEAM - 1):
            person = Person(name=f"Narys {i}")
            db.add(person)
            db.flush()
            db.add(Membership(person_id=person.id, role="team_member", plan_id=plan))
        db.commit()
    return plan


def team_size(engine, plan: int) -> int:  # noqa: ANN001
    with Session(engine) as db:
        return db.exec(select(func.count()).select_from(Membership).where(
            Membership.plan_id == plan, Membership.role == "team_member")).one()


def test_joining_with_a_code_stops_at_the_cap(client, engine, full_plan) -> None:
    code = joincodes.create_code(engine, full_plan, None)
    assert join(client, code.code, "Paskutinė").status_code == 303  # the 60th
    r = join(type(client)(client.app), code.code, "Dar Vienas")
    assert r.status_code == 422 and FULL in r.text and 'aria-invalid="true"' in r.text
    assert team_size(engine, full_plan) == MAX_TEAM
    assert join(type(client)(client.app), code.code, "narys 3").status_code == 422  # name taken, not a 61st


def test_a_new_writer_on_the_shared_laptop_stops_at_the_cap(client, engine, full_plan) -> None:
    login_as(client, "team_member", plan=full_plan)  # the 60th
    r = client.post(f"/plans/{full_plan}/rasantis", data={"new_name": "Dar Vienas"}, headers={"HX-Request": "true"})
    assert r.status_code == 422 and FULL in r.text and 'role="alert"' in r.text
    no_js = client.post(f"/plans/{full_plan}/rasantis", data={"new_name": "Dar Vienas"}, follow_redirects=False)
    assert no_js.status_code == 422 and FULL in no_js.text
    assert team_size(engine, full_plan) == MAX_TEAM
    # someone already in the team can still be chosen by name
    r = client.post(f"/plans/{full_plan}/rasantis", data={"new_name": "Narys 7"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "Narys 7" in r.text


def test_the_cap_message_is_in_english_too() -> None:
    from app.web.i18n import catalogue
    from app.web.messages import MESSAGES

    english = catalogue("en")[MESSAGES["team_full"]].format(limit=MAX_TEAM)
    assert f"{MAX_TEAM} people" in english


def test_a_room_joining_at_once_cannot_pass_the_cap(engine, full_plan) -> None:
    """Eight phones send the right code in the same moment for the last place: exactly one gets
    it (on PostgreSQL the plan row is locked; on SQLite writes are serialised), the others are
    told the team is full, and nobody gets a 500."""
    from concurrent.futures import ThreadPoolExecutor

    from app.people.errors import InvalidInput

    code = joincodes.create_code(engine, full_plan, None).code

    def phone(i: int) -> str:
        try:
            joincodes.join(engine, code, f"Telefonas {i}", "", "10.0.0.7", f"device-{i}")
            return "joined"
        except InvalidInput as exc:
            return exc.code

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = sorted(pool.map(phone, range(8)))
    assert outcomes == ["joined"] + ["team_full"] * 7
    assert team_size(engine, full_plan) == MAX_TEAM
