"""Join codes: readable, expiring, revocable, shown large with an inline QR code; a team member
joins with a code and a name (a PIN to come back on another device); bad codes are refused
with one plain message (rate limits and the team's size: test_rate_limits.py, test_team_size.py)."""
from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from app.models_people import Membership
from app.people import joincodes
from app.people.errors import InvalidInput
from app.web.auth import SESSION_COOKIE
from tests.factories import login_as, make_plan

INVALID = "Toks kodas negalioja"


def form_token(client, url: str) -> str:  # noqa: ANN001
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text).group(1)


def join(client, code: str, name: str = "Ona", pin: str = ""):  # noqa: ANN001, ANN201
    data = {"csrf_token": form_token(client, "/kodas"), "code": code, "name": name, "pin": pin}
    return client.post("/kodas", data=data, follow_redirects=False)


@pytest.fixture
def plan(engine) -> int:  # noqa: ANN001
    return make_plan(engine)


def test_codes_are_readable_aloud(engine, plan) -> None:
    codes = [joincodes.create_code(engine, plan, None).code for _ in range(30)]
    assert len(set(codes)) == 30
    for code in codes:
        assert len(code) == 8 and not set(code) & set("0O1lIL")
    assert joincodes.normalise_code(" k7mx-q2pa ") == "K7MXQ2PA"
    for bad in ("K7MX-Q2P", "K7MX-Q2PA9", "K0MX-Q2PA", "K7MX Q2PI", "", "ĄČĘĖ-ĮŠŲŪ", "K7MX\x00Q2PA"):
        with pytest.raises(InvalidInput):
            joincodes.normalise_code(bad)


def test_team_member_joins_with_code_and_name_and_lands_in_the_plan(client, engine, plan) -> None:
    code = joincodes.create_code(engine, plan, None)
    r = join(client, joincodes.shown(code.code).lower(), "  Ona   Petraitienė ")
    assert r.status_code == 303 and r.headers["location"] == f"/plans/{plan}"
    assert client.cookies.get(SESSION_COOKIE)
    page = client.get(f"/plans/{plan}")
    assert page.status_code == 200 and "Ona Petraitienė" in page.text
    with Session(engine) as db:
        assert db.exec(select(Membership.role).where(Membership.plan_id == plan)).all() == ["team_member"]


def test_expired_code_is_refused(client, engine, plan, frozen_clock) -> None:
    code = joincodes.create_code(engine, plan, None, days=1)
    frozen_clock.advance(days=1, seconds=1)
    r = join(client, code.code)
    assert r.status_code == 401 and INVALID in r.text and SESSION_COOKIE not in client.cookies


def test_revoked_code_is_refused_but_members_stay(client, engine, plan) -> None:
    code = joincodes.create_code(engine, plan, None)
    assert join(client, code.code, "Jonas").status_code == 303
    assert joincodes.revoke_code(engine, plan, code.id)
    other = type(client)(client.app)
    r = join(other, code.code, "Petras")
    assert r.status_code == 401 and INVALID in r.text
    assert client.get(f"/plans/{plan}").status_code == 200  # Jonas is still in


def test_unknown_expired_and_revoked_codes_read_the_same(client, engine, plan, frozen_clock) -> None:
    revoked = joincodes.create_code(engine, plan, None)
    joincodes.revoke_code(engine, plan, revoked.id)
    expired = joincodes.create_code(engine, plan, None, days=1)
    frozen_clock.advance(days=2)
    answers = {join(client, c).text.count(INVALID) for c in ("ABCD-EFGH", revoked.code, expired.code)}
    assert answers == {2}  # in the summary and beside the field, each time


@pytest.mark.parametrize("code, name, pin, message", [
    ("K7MX", "Ona", "", "Kodą sudaro 8 raidės ir skaitmenys"),
    ("<script>alert(1)</script>", "Ona", "", "Kodą sudaro 8 raidės ir skaitmenys"),
    ("VALID", "", "", "Įrašykite savo vardą."),
    ("VALID", "x" * 81, "", "Per ilgas tekstas."),
    ("VALID", "Ona", "12a4", "PIN kodą sudaro 4 skaitmenys"),
    ("VALID", "Ona", "12345", "PIN kodą sudaro 4 skaitmenys"),
    ("VALID", "\x07\u200b", "", "Įrašykite savo vardą."),
])
def test_malformed_join_input_gets_a_plain_message(client, engine, plan, code, name, pin, message) -> None:
    valid = joincodes.shown(joincodes.create_code(engine, plan, None).code)
    r = join(client, valid if code == "VALID" else code, name, pin)
    assert r.status_code == 422 and message in r.text and 'aria-invalid="true"' in r.text
    assert "&lt;script&gt;" in r.text or "<script>alert" not in r.text


def test_pin_brings_the_same_person_back_on_another_device(client, engine, plan) -> None:
    code = joincodes.create_code(engine, plan, None)
    assert join(client, code.code, "Ona", "2580").status_code == 303
    phone = type(client)(client.app)
    assert join(phone, code.code, "ona", "2580").status_code == 303
    with Session(engine) as db:
        assert len(db.exec(select(Membership).where(Membership.plan_id == plan)).all()) == 1
    third = type(client)(client.app)
    r = join(third, code.code, "Ona", "1111")
    assert r.status_code == 401 and "PIN kodas neteisingas." in r.text
    r = join(third, code.code, "Ona")
    assert r.status_code == 422 and "jau yra žmogus tokiu vardu" in r.text


def test_staff_make_show_and_revoke_codes(client, engine, plan) -> None:
    login_as(client, "facilitator", plan=plan)
    r = client.post(f"/plans/{plan}/kodai", data={"days": "7"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    code = re.search(r'class="join-code"[^>]*>([A-Z0-9-]{9})<', page.text).group(1)
    assert "<svg" in page.text and "viewBox" in page.text  # the QR code, drawn inline
    assert "/kodas" in page.text
    team = client.get(f"/plans/{plan}/komanda").text
    assert code in team
    code_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert client.post(f"/plans/{plan}/kodai/{code_id}/atsaukti", follow_redirects=False).status_code == 303
    assert code not in client.get(f"/plans/{plan}/komanda").text
    other = type(client)(client.app)
    assert join(other, code).status_code == 401


@pytest.mark.parametrize("days", ["0", "365", "x", ""])
def test_code_expiry_must_be_one_offered(client, engine, plan, days) -> None:
    login_as(client, "facilitator", plan=plan)
    r = client.post(f"/plans/{plan}/kodai", data={"days": days}, follow_redirects=False)
    assert r.status_code in (303, 422)
    if days not in ("",):
        assert r.status_code == 422 and "Pasirinkite, kiek laiko kodas galios." in r.text


def test_qr_code_opens_the_join_form_with_the_code(client, engine, plan) -> None:
    code = joincodes.create_code(engine, plan, None)
    page = client.get(f"/kodas?kodas={joincodes.shown(code.code)}")
    assert f'value="{joincodes.shown(code.code)}"' in page.text
