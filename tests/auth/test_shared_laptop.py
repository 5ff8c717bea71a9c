""""Kas dabar rašo?" on a shared laptop: one click makes the next edit someone else's, an edit
can be entered on behalf of a participant without a device, and both reach the change log."""
from __future__ import annotations

import pytest
from sqlmodel import Session, select

from app.models import Change, Person
from tests.factories import add_role, login_as, make_lag, make_person, make_plan


@pytest.fixture
def plan(engine) -> int:  # noqa: ANN001
    return make_plan(engine)


def last_change(engine, plan: int, path: str) -> tuple[str, str | None]:  # noqa: ANN001
    with Session(engine) as db:
        change, name = db.exec(select(Change, Person.name).join(Person, Person.id == Change.person_id)
                               .where(Change.plan_id == plan, Change.path == path)
                               .order_by(Change.seq.desc())).first()
        return name, change.on_behalf_of


def save(client, plan: int, path: str, value: str, revision: int):  # noqa: ANN001, ANN201
    return client.post(f"/plans/{plan}/cells", data={f"v:{path}": value, f"rev:{path}": str(revision)},
                       headers={"HX-Request": "true"})


def test_switching_the_writer_attributes_the_next_edit_to_them(client, engine, plan) -> None:
    login_as(client, "facilitator", plan=plan)
    jonas = make_person(engine, "Jonas Kazlauskas")
    add_role(engine, jonas, "team_member", plan_id=plan)
    assert save(client, plan, "vision", "Pirmas", 0).status_code == 200
    assert last_change(engine, plan, "vision") == ("Facilitator", None)
    page = client.get(f"/plans/{plan}/steps/vizija").text
    assert "Kas dabar rašo?" in page and f'name="writer_id" value="{jonas}"' in page
    r = client.post(f"/plans/{plan}/rasantis", data={"writer_id": str(jonas)}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and 'id="who-writes"' in r.text and "<html" not in r.text
    assert f'id="writer-{jonas}" name="writer_id" value="{jonas}" class="small" aria-pressed="true"' in r.text
    assert "Dabar rašo: Jonas Kazlauskas" in r.text
    assert save(client, plan, "vision", "Antras", 1).status_code == 200
    assert last_change(engine, plan, "vision") == ("Jonas Kazlauskas", None)


def test_a_new_name_on_the_shared_laptop_joins_the_team_and_writes(client, engine, plan) -> None:
    login_as(client, "team_member", plan=plan)
    r = client.post(f"/plans/{plan}/rasantis", data={"new_name": "  Rasa  "}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "Rasa" in r.text
    save(client, plan, "mission", "Mūsų misija", 0)
    assert last_change(engine, plan, "mission") == ("Rasa", None)
    # the same name again is the same person, not a second Rasa
    client.post(f"/plans/{plan}/rasantis", data={"new_name": "rasa"}, headers={"HX-Request": "true"})
    with Session(engine) as db:
        assert len(db.exec(select(Person).where(Person.name == "Rasa")).all()) == 1


def test_on_behalf_of_a_participant_without_a_device_is_logged(client, engine, plan) -> None:
    login_as(client, "team_member", plan=plan)
    r = client.post(f"/plans/{plan}/uz-ka", data={"on_behalf": "Petras Senolis"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "Įrašoma už: Petras Senolis" in r.text
    save(client, plan, "vision", "Jo mintis", 0)
    assert last_change(engine, plan, "vision") == ("Team Member", "Petras Senolis")
    client.post(f"/plans/{plan}/uz-ka", data={"stop": "1"}, headers={"HX-Request": "true"})
    save(client, plan, "vision", "Vėl mano", 1)
    assert last_change(engine, plan, "vision") == ("Team Member", None)


def test_writer_chosen_for_one_plan_does_not_follow_to_another(client, engine, plan) -> None:
    other = make_plan(engine, "Beržynės bendruomenė", lag=make_lag(engine, "Raseinių VVG"))
    me = login_as(client, "facilitator", plan=plan)
    add_role(engine, me, "facilitator", plan_id=other)
    jonas = make_person(engine, "Jonas")
    add_role(engine, jonas, "team_member", plan_id=plan)
    client.post(f"/plans/{plan}/rasantis", data={"writer_id": str(jonas)})
    client.post(f"/plans/{plan}/uz-ka", data={"on_behalf": "Petras"})
    save(client, other, "vision", "Kitur", 0)
    assert last_change(engine, other, "vision") == ("Facilitator", None)


@pytest.mark.parametrize("data", [{"writer_id": "999999"}, {"writer_id": "abc"}, {"writer_id": ""},
                                  {"new_name": ""}, {"new_name": "x" * 500}])
def test_forged_or_empty_writer_is_refused_plainly(client, engine, plan, data) -> None:
    login_as(client, "team_member", plan=plan)
    stranger = make_person(engine, "Svetimas")
    data = {k: (str(stranger) if v == "999999" else v) for k, v in data.items()}
    r = client.post(f"/plans/{plan}/rasantis", data=data, headers={"HX-Request": "true"})
    assert r.status_code == 422 and 'role="alert"' in r.text
    no_js = client.post(f"/plans/{plan}/rasantis", data=data, follow_redirects=False)
    assert no_js.status_code == 422 and "<html" in no_js.text


def test_without_javascript_the_switch_goes_back_to_the_page(client, engine, plan) -> None:
    login_as(client, "team_member", plan=plan)
    r = client.post(f"/plans/{plan}/uz-ka", data={"on_behalf": "Petras", "next": f"/plans/{plan}/steps/vizija"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/plans/{plan}/steps/vizija"
    r = client.post(f"/plans/{plan}/uz-ka", data={"stop": "1", "next": "https://evil.example/"}, follow_redirects=False)
    assert r.headers["location"] == "/"


def test_who_really_typed_is_kept_beside_the_chosen_writer_and_shown(client, engine, plan) -> None:
    """On a shared laptop the change is Jonas's, but the log also keeps the signed-in account
    that sent it, and the history page shows both."""
    login_as(client, "facilitator", plan=plan)
    jonas = make_person(engine, "Jonas Kazlauskas")
    add_role(engine, jonas, "team_member", plan_id=plan)
    client.post(f"/plans/{plan}/rasantis", data={"writer_id": str(jonas)})
    assert save(client, plan, "vision", "Jono tekstas", 0).status_code == 200
    with Session(engine) as db:
        change = db.exec(select(Change).where(Change.plan_id == plan, Change.path == "vision")).one()
        account = db.get(Person, change.account_id)
    assert change.person_id == jonas
    assert account is not None and account.name == "Facilitator"
    page = client.get(f"/plans/{plan}/istorija").text
    assert "Jonas Kazlauskas" in page and "įvedė paskyra: Facilitator" in page


def test_own_edit_does_not_repeat_the_account(client, engine, plan) -> None:
    login_as(client, "facilitator", plan=plan)
    assert save(client, plan, "vision", "Mano tekstas", 0).status_code == 200
    assert "įvedė paskyra" not in client.get(f"/plans/{plan}/istorija").text
