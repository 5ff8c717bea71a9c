"""People in a real browser, on a 360 px phone: a team member joins with a code and edits a
field that survives a reload; a facilitator signs in and sees only the plans assigned to them;
on a shared laptop one click changes who is writing."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from app.db import get_engine
from app.models import Change, Person
from app.people import sessions
from app.people.joincodes import create_code, shown
from app.people.sessions import token_id
from app.web.auth import SESSION_COOKIE
from tests.browser.conftest import sign_in
from tests.factories import add_role, make_lag, make_member, make_person, make_plan


def test_team_member_joins_with_a_code_on_a_phone_and_edits(phone, live_server) -> None:
    engine = get_engine()
    plan = make_plan(engine)
    code = create_code(engine, plan, None)
    phone.goto(f"{live_server}/plans/{plan}")
    expect(phone).to_have_url(f"{live_server}/prisijungti?next=/plans/{plan}")
    phone.get_by_role("link", name="Prisijungti su kodu").click()
    phone.get_by_label("Komandos kodas").fill(shown(code.code).lower())
    phone.get_by_label("Jūsų vardas").fill("Ona Petraitienė")
    phone.get_by_role("button", name="Prisijungti").click()
    expect(phone).to_have_url(f"{live_server}/plans/{plan}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    for name in ("Jonas Kazlauskas", "Rasa Jankauskienė", "Aleksandras Vaitkevičius"):  # a long writer bar
        add_role(engine, make_person(engine, name), "team_member", plan_id=plan)
    phone.goto(f"{live_server}/plans/{plan}/steps/vizija")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    vision = phone.locator("textarea[name='v:vision']")
    vision.fill("Pašilė – jauki ir gyva vieta visoms kartoms.")
    vision.press("Tab")
    expect(phone.locator("#save-state")).to_contain_text("Išsaugota")
    phone.reload()
    expect(phone.locator("textarea[name='v:vision']")).to_have_value("Pašilė – jauki ir gyva vieta visoms kartoms.")
    with Session(engine) as db:
        who = db.exec(select(Person.name).join(Change, Change.person_id == Person.id)
                      .where(Change.path == "vision")).all()
    assert who == ["Ona Petraitienė"]


def test_wrong_code_on_a_phone_says_so_next_to_the_field(phone, live_server) -> None:
    phone.goto(f"{live_server}/kodas")
    phone.get_by_label("Komandos kodas").fill("ABCD")
    phone.get_by_label("Jūsų vardas").fill("Ona")
    phone.get_by_role("button", name="Prisijungti").click()
    field = phone.get_by_label("Komandos kodas")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_be_focused()
    expect(phone.locator("#err-code")).to_contain_text("Kodą sudaro 8 raidės ir skaitmenys")


def test_facilitator_sees_only_the_plans_assigned_to_them(phone, live_server) -> None:
    engine = get_engine()
    kelme = make_lag(engine, "Kelmės krašto partnerystės vietos veiklos grupė")
    mine = [make_plan(engine, "Pašilės kaimo bendruomenė", lag=kelme),
            make_plan(engine, "Liepkalnio kaimo bendruomenė", lag=kelme)]
    make_plan(engine, "Ąžuolynės kaimo bendruomenė", lag=make_lag(engine, "Anykščių rajono vietos veiklos grupė"))
    person = make_person(engine, "Milda Moderatorė", "milda@example.lt", "ilgas slaptažodis")
    for plan in mine:
        add_role(engine, person, "facilitator", plan_id=plan, lag_id=kelme.id)
    phone.goto(f"{live_server}/prisijungti")
    phone.get_by_label("El. pašto adresas").fill("milda@example.lt")
    phone.get_by_label("Slaptažodis").fill("ilgas slaptažodis")
    phone.get_by_role("button", name="Prisijungti").click()
    expect(phone).to_have_url(f"{live_server}/")
    cards = phone.locator(".dash-card-title a")  # the facilitator's dashboard: one card per plan
    expect(cards).to_have_count(2)
    expect(phone.locator("main")).not_to_contain_text("Ąžuolynės")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_one_click_changes_who_writes_and_the_log_shows_it(browser, live_server) -> None:
    engine = get_engine()
    plan = make_plan(engine)
    facilitator = make_member(engine, "facilitator", plan=plan, name="Milda Moderatorė")
    jonas = make_person(engine, "Jonas Kazlauskas")
    add_role(engine, jonas, "team_member", plan_id=plan)
    laptop = browser.new_context(locale="lt-LT", viewport={"width": 1280, "height": 900}).new_page()
    sign_in(laptop, live_server, facilitator)
    laptop.goto(f"{live_server}/plans/{plan}/steps/vizija")
    button = laptop.get_by_role("button", name="Jonas Kazlauskas")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(laptop.get_by_role("button", name="Jonas Kazlauskas")).to_have_attribute("aria-pressed", "true")
    expect(laptop.get_by_role("button", name="Jonas Kazlauskas")).to_be_focused()
    mission = laptop.locator("textarea[name='v:mission']")
    mission.fill("Jono mintis")
    mission.press("Tab")
    expect(laptop.locator("#save-state")).to_contain_text("Išsaugota")
    with Session(engine) as db:
        assert db.exec(select(Person.name).join(Change, Change.person_id == Person.id)
                       .where(Change.path == "mission")).all() == ["Jonas Kazlauskas"]
    laptop.context.close()


def test_an_ended_session_sends_the_page_to_sign_in_and_back(phone, live_server) -> None:
    """Signed out elsewhere (or an administrator's reset): the next autosave leads to sign-in,
    which will come back to the same step."""
    engine = get_engine()
    plan = make_plan(engine)
    sign_in(phone, live_server, make_member(engine, "team_member", plan=plan))
    phone.goto(f"{live_server}/plans/{plan}/steps/vizija")
    token = next(c["value"] for c in phone.context.cookies() if c["name"] == SESSION_COOKIE)
    sessions.revoke(engine, token_id(token))
    phone.locator("textarea[name='v:vision']").fill("Tekstas")
    phone.locator("textarea[name='v:vision']").press("Tab")
    expect(phone).to_have_url(f"{live_server}/prisijungti?next=/plans/{plan}/steps/vizija")


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("where", ["sign-in", "join-error", "staff", "team", "code", "step-with-writers"])
def test_axe_finds_no_wcag_violation_on_people_pages(axe_page, live_server, width, where) -> None:
    from tests.browser.conftest import run_axe

    engine = get_engine()
    plan = make_plan(engine)
    code = create_code(engine, plan, None)
    jonas = make_person(engine, "Jonas Kazlauskas")
    add_role(engine, jonas, "team_member", plan_id=plan)
    if where not in ("sign-in", "join-error"):
        sign_in(axe_page, live_server, make_member(engine, "admin", name="Aldona Administratorė"))
    axe_page.set_viewport_size({"width": width, "height": 900})
    url = {"sign-in": "/prisijungti", "join-error": "/kodas", "staff": "/darbuotojai",
           "team": f"/plans/{plan}/komanda", "code": f"/plans/{plan}/kodai/{code.id}",
           "step-with-writers": f"/plans/{plan}/steps/vizija"}[where]
    axe_page.goto(live_server + url)
    if where == "join-error":
        axe_page.get_by_role("button", name="Prisijungti").click()
        expect(axe_page.locator("#form-problems")).to_be_visible()
    if where == "step-with-writers":
        axe_page.locator(".writer-more summary").click()
    assert run_axe(axe_page) == []
