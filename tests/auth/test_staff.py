"""Staff screens: communities and plans within reach, invitations by link, an administrator's
reset link, password changes, assigning facilitators; forged ids are refused plainly."""
from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from app.models import Community, Plan
from app.models_people import Membership, WebSession
from app.people.access import add_membership
from app.people.sessions import token_id
from app.plan.permissions import Role
from app.web.auth import SESSION_COOKIE
from tests.factories import lag_of_plan, link_in, login_as, make_member, make_person, sign_in_client


def test_lag_staff_see_and_manage_only_their_lag(client, engine, two_lags) -> None:
    a, b = two_lags
    login_as(client, "lag_staff", plan=a)
    page = client.get("/darbuotojai").text
    assert "Pašilės kaimo bendruomenė" in page and "Ąžuolynės" not in page
    lag_a, lag_b = lag_of_plan(engine, a), lag_of_plan(engine, b)
    r = client.post("/darbuotojai/bendruomenes", data={"lag_id": str(lag_b), "community_name": "Svetima"})
    assert r.status_code == 422 and "Pasirinkite VVG iš sąrašo." in r.text
    r = client.post("/darbuotojai/bendruomenes", data={"lag_id": str(lag_a), "community_name": " Beržynės  bendruomenė ",
                                                       "municipality": "kelme", "eldership": "Kražių\x07"},
                    follow_redirects=False)
    assert r.status_code == 303
    with Session(engine) as db:
        community = db.exec(select(Community).where(Community.name == "Beržynės bendruomenė")).one()
        b_community = db.get(Plan, b).community_id
    r = client.post("/darbuotojai/planai", data={"community_id": str(b_community)})
    assert r.status_code == 422 and "Pasirinkite bendruomenę iš sąrašo." in r.text
    r = client.post("/darbuotojai/planai", data={"community_id": str(community.id)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/komanda")
    assert client.get(r.headers["location"]).status_code == 200


@pytest.mark.parametrize("data, message", [
    ({"lag_id": "", "community_name": "X"}, "Pasirinkite VVG iš sąrašo."),
    ({"lag_id": "abc", "community_name": "X"}, "Pasirinkite VVG iš sąrašo."),
    ({"lag_id": "LAG", "community_name": "  "}, "Įrašykite bendruomenės pavadinimą."),
    ({"lag_id": "LAG", "community_name": "x" * 5000}, "Per ilgas tekstas."),
])
def test_bad_community_input_gets_a_plain_message(client, engine, two_lags, data, message) -> None:
    login_as(client, "admin")
    data = {k: str(lag_of_plan(engine, two_lags[0])) if v == "LAG" else v for k, v in data.items()}
    r = client.post("/darbuotojai/bendruomenes", data=data)
    assert r.status_code == 422 and message in r.text and 'role="alert"' in r.text


def test_invitation_link_sets_a_password_and_signs_in(client, engine, two_lags) -> None:
    a, _ = two_lags
    login_as(client, "lag_staff", plan=a)
    r = client.post("/darbuotojai/kvietimai", data={"name": "Rūta Moderatorė", "email": "Ruta@Example.lt",
                                                    "role": "facilitator", "lag_id": str(lag_of_plan(engine, a))})
    assert r.status_code == 200
    link = link_in(r.text)
    newcomer = type(client)(client.app)
    page = newcomer.get(link)
    assert "Sveiki, Rūta Moderatorė!" in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    bad = newcomer.post(link, data={"csrf_token": token, "password": "trumpas", "repeat": "trumpas"})
    assert bad.status_code == 422 and "Slaptažodis per trumpas" in bad.text
    bad = newcomer.post(link, data={"csrf_token": token, "password": "ilgas ilgas ilgas", "repeat": "kitas"})
    assert bad.status_code == 422 and "Slaptažodžiai nesutampa" in bad.text
    ok = newcomer.post(link, data={"csrf_token": token, "password": "ilgas ilgas ilgas", "repeat": "ilgas ilgas ilgas"},
                       follow_redirects=False)
    assert ok.status_code == 303 and newcomer.cookies.get(SESSION_COOKIE)
    assert newcomer.get("/darbuotojai").status_code == 200
    spent = type(client)(client.app).get(link)
    assert spent.status_code == 404 and "Ši nuoroda nebegalioja" in spent.text


def test_lag_staff_may_not_invite_a_coordinator_or_to_another_lag(client, engine, two_lags) -> None:
    a, b = two_lags
    login_as(client, "lag_staff", plan=a)
    r = client.post("/darbuotojai/kvietimai", data={"name": "X", "email": "x@example.lt", "role": "coordinator"})
    assert r.status_code == 422 and "Pasirinkite pareigas iš sąrašo." in r.text
    r = client.post("/darbuotojai/kvietimai", data={"name": "X", "email": "x@example.lt", "role": "facilitator",
                                                    "lag_id": str(lag_of_plan(engine, b))})
    assert r.status_code == 422 and "Pasirinkite VVG iš sąrašo." in r.text
    r = client.post("/darbuotojai/kvietimai", data={"name": "X", "email": "ne adresas", "role": "facilitator",
                                                    "lag_id": str(lag_of_plan(engine, a))})
    assert r.status_code == 422 and "Įrašykite el. pašto adresą" in r.text


def test_facilitator_cannot_invite_anyone(client, engine, two_lags) -> None:
    login_as(client, "facilitator", plan=two_lags[0])
    r = client.post("/darbuotojai/kvietimai", data={"name": "X", "email": "x@example.lt", "role": "facilitator"})
    assert r.status_code == 403


def test_reset_link_from_an_administrator_ends_old_sessions(client, engine, two_lags) -> None:
    staff = make_member(engine, "facilitator", plan=two_lags[0], password="senas slaptažodis")
    their = type(client)(client.app)
    old_token = sign_in_client(their, engine, staff)
    login_as(client, "admin")
    r = client.post(f"/darbuotojai/zmones/{staff}/atkurti")
    assert r.status_code == 200 and "24 valandas" in r.text
    link = link_in(r.text)
    fresh = type(client)(client.app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', fresh.get(link).text).group(1)
    fresh.post(link, data={"csrf_token": token, "password": "naujas slaptažodis", "repeat": "naujas slaptažodis"})
    with Session(engine) as db:
        assert db.get(WebSession, token_id(old_token)).revoked_at is not None
    assert their.get("/", follow_redirects=False).status_code == 303
    assert client.post("/darbuotojai/zmones/999999/atkurti").status_code == 404


def test_only_an_administrator_makes_reset_links(client, engine, two_lags) -> None:
    staff = make_member(engine, "facilitator", plan=two_lags[0])
    login_as(client, "coordinator")
    assert client.post(f"/darbuotojai/zmones/{staff}/atkurti").status_code == 403


def test_password_change_needs_the_current_one_and_ends_other_sessions(client, engine, two_lags) -> None:
    me = make_member(engine, "facilitator", plan=two_lags[0], password="senas slaptažodis")
    other_device = type(client)(client.app)
    sign_in_client(other_device, engine, me)
    sign_in_client(client, engine, me)
    r = client.post("/paskyra", data={"current": "neteisingas", "password": "naujas slaptažodis",
                                      "repeat": "naujas slaptažodis"})
    assert r.status_code == 422 and "Dabartinis slaptažodis neteisingas." in r.text
    r = client.post("/paskyra", data={"current": "senas slaptažodis", "password": "naujas slaptažodis",
                                      "repeat": "naujas slaptažodis"}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/paskyra?ok=1").status_code == 200
    assert other_device.get("/", follow_redirects=False).status_code == 303


def test_assigning_a_facilitator_opens_the_plan_to_them(client, engine, two_lags) -> None:
    a, b = two_lags
    lag = lag_of_plan(engine, a)
    facilitator = make_member(engine, "facilitator", plan=a)  # a facilitator of the LAG, on plan A
    newcomer = make_person(engine, "Nauja Moderatorė", "nauja@example.lt")
    add_membership(engine, newcomer, Role.FACILITATOR, lag_id=lag)
    login_as(client, "lag_staff", plan=a)
    team = client.get(f"/plans/{a}/komanda").text
    assert "Nauja Moderatorė" in team and f'value="{newcomer}"' in team
    r = client.post(f"/plans/{a}/moderatoriai", data={"person_id": str(newcomer)}, follow_redirects=False)
    assert r.status_code == 303
    with Session(engine) as db:
        assert db.exec(select(Membership).where(Membership.person_id == newcomer, Membership.plan_id == a)).first()
    r = client.post(f"/plans/{a}/moderatoriai", data={"person_id": "999999"})
    assert r.status_code == 422 and "Pasirinkite moderatorių iš sąrašo." in r.text
    r = client.post(f"/plans/{a}/moderatoriai", data={"person_id": str(facilitator), "remove": "1"},
                    follow_redirects=False)
    assert r.status_code == 303
    with Session(engine) as db:
        assert not db.exec(select(Membership).where(Membership.person_id == facilitator,
                                                    Membership.plan_id == a)).first()


def test_the_plan_list_shows_only_what_a_person_may_see(client, engine, two_lags) -> None:
    a, b = two_lags
    login_as(client, "facilitator", plan=a)
    page = client.get("/").text
    assert "Pašilės kaimo bendruomenė" in page and "Ąžuolynės" not in page
    login_as(client, "coordinator")
    page = client.get("/").text
    assert "Pašilės kaimo bendruomenė" in page and "Ąžuolynės" in page


def test_audit_log_shows_refusals_to_an_administrator(client, engine, two_lags) -> None:
    a, b = two_lags
    login_as(client, "facilitator", plan=a)  # staff: one journal row, with the address asked for
    assert client.get(f"/plans/{b}").status_code == 404
    member = login_as(client, "team_member", plan=a)  # a team member: counted in the summary
    assert client.get(f"/plans/{b}/istorija").status_code == 404
    login_as(client, "admin")
    page = client.get("/darbuotojai/zurnalas").text
    journal, summary = page.split('id="anon-h"')
    assert "refused.404" in journal and f"/plans/{b}" in journal and f"/plans/{b}/istorija" not in journal
    assert "refused.404" in summary and f"asmuo #{member}" in summary


def test_staff_pages_show_the_municipality_by_name_not_its_slug(client, engine, two_lags) -> None:
    a, _ = two_lags
    login_as(client, "lag_staff", plan=a)
    r = client.post("/darbuotojai/bendruomenes", data={"lag_id": str(lag_of_plan(engine, a)), "community_name": "Beržynės bendruomenė",
                                                       "municipality": "kelme", "eldership": "Kražių seniūnija"},
                    follow_redirects=False)
    assert r.status_code == 303
    staff_page = client.get("/darbuotojai").text
    assert "Kelmės rajono savivaldybė, Kražių seniūnija" in staff_page and ">kelme<" not in staff_page
    login_as(client, "team_member", plan=a)  # the list of plans a team member opens
    with Session(engine) as db:
        community = db.get(Community, db.get(Plan, a).community_id)
        community.municipality = "kelme"
        db.add(community)
        db.commit()
    plans_page = client.get("/").text
    assert "Kelmės rajono savivaldybė" in plans_page and "kelme<" not in plans_page


def test_a_community_name_already_in_the_lag_is_refused_and_kept(client, engine, two_lags) -> None:
    a, b = two_lags
    login_as(client, "coordinator")
    lag_a, lag_b = lag_of_plan(engine, a), lag_of_plan(engine, b)
    typed = "  pašilės   KAIMO bendruomenė "
    r = client.post("/darbuotojai/bendruomenes", data={"lag_id": str(lag_a), "community_name": typed,
                                                       "eldership": "Kražių"})
    assert r.status_code == 422 and 'role="alert"' in r.text
    assert "Šioje VVG jau yra bendruomenė „Pašilės kaimo bendruomenė“" in r.text
    assert f'value="{typed}"' in r.text and 'aria-invalid="true"' in r.text  # kept, marked beside the field
    r = client.post("/darbuotojai/bendruomenes", data={"lag_id": str(lag_a), "community_name": "Pasiles kaimo bendruomene"})
    assert r.status_code == 422  # the same name typed without Lithuanian letters
    with Session(engine) as db:
        assert len(db.exec(select(Community).where(Community.lag_id == lag_a)).all()) == 1
    # another LAG may have a community of that name; the lists then tell the two apart
    r = client.post("/darbuotojai/bendruomenes", data={"lag_id": str(lag_b), "community_name": "Pašilės kaimo bendruomenė",
                                                       "municipality": "anyksciai", "eldership": "Debeikių seniūnija"},
                    follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/darbuotojai").text
    options = re.findall(r"<option value=\"\d+\"[^>]*>(Pašilės kaimo bendruomenė[^<]*)</option>", page)
    assert len(options) == 2 and len(set(options)) == 2
    assert any("Anykščių rajono savivaldybė, Debeikių seniūnija" in o for o in options)
