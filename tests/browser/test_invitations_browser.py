"""Invitations in a real browser: LAG staff invite a facilitator, the link opened on a phone
creates the account and signs in; a link for an address that already has an account asks to
sign in first and then adds only the invited role. axe-core finds nothing on the pages."""
from __future__ import annotations

from playwright.sync_api import expect

from app.db import get_engine
from app.people.access import Grant, grants_of
from app.plan.permissions import Role
from tests.browser.conftest import run_axe, sign_in
from tests.factories import lag_of_plan, make_member, make_person, make_plan

PASSWORD = "ilgas slaptažodis 7"


def invite(page, base: str, name: str, email: str) -> str:  # noqa: ANN001
    """Fill in the staff page's invitation form; return the link the page shows to pass on."""
    page.goto(f"{base}/darbuotojai")
    form = page.locator("form[action='/darbuotojai/kvietimai']")
    form.get_by_label("Vardas ir pavardė").fill(name)
    form.get_by_label("El. pašto adresas").fill(email)
    form.get_by_label("Pareigos").select_option("facilitator")
    form.locator("select[name=lag_id]").select_option(index=1)
    form.get_by_role("button", name="Pakviesti").click()
    expect(page.get_by_role("heading", name="Kvietimas paruoštas")).to_be_visible()
    return page.get_by_label("Nuoroda").input_value()


def test_a_new_facilitator_accepts_on_a_phone(phone, live_server, axe_page) -> None:
    engine = get_engine()
    plan = make_plan(engine)
    sign_in(axe_page, live_server, make_member(engine, "lag_staff", plan=plan))
    link = invite(axe_page, live_server, "Rūta Naujoji", "ruta@example.lt")
    assert run_axe(axe_page) == []  # the page with the link to pass on
    axe_page.goto(link)
    assert run_axe(axe_page) == []  # the invitation itself
    phone.goto(link)
    expect(phone.get_by_text("moderatorius")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_label("Naujas slaptažodis").fill(PASSWORD)
    phone.get_by_label("Pakartokite slaptažodį").fill(PASSWORD)
    phone.get_by_role("button", name="Išsaugoti ir prisijungti").click()
    expect(phone).to_have_url(f"{live_server}/")
    expect(phone.get_by_text("Rūta Naujoji")).to_be_visible()
    phone.goto(link)  # the link is spent
    expect(phone.get_by_text("nebegalioja")).to_be_visible()


def test_an_existing_account_signs_in_then_accepts_only_that_role(page, phone, live_server, axe_page) -> None:
    engine = get_engine()
    plan = make_plan(engine)
    sign_in(page, live_server, make_member(engine, "lag_staff", plan=plan))
    owner = make_person(engine, "Esama Darbuotoja", "esama@example.lt", PASSWORD)
    link = invite(page, live_server, "Esama", "esama@example.lt")
    phone.goto(link)
    expect(phone.get_by_label("Naujas slaptažodis")).to_have_count(0)  # no password is set here
    phone.get_by_role("link", name="Prisijungti ir priimti").click()
    phone.get_by_label("El. pašto adresas").fill("esama@example.lt")
    phone.get_by_label("Slaptažodis").fill(PASSWORD)
    phone.get_by_role("button", name="Prisijungti").click()
    expect(phone).to_have_url(link)
    assert grants_of(engine, owner) == ()
    phone.get_by_role("button", name="Priimti kvietimą").click()
    expect(phone).to_have_url(f"{live_server}/darbuotojai")
    assert grants_of(engine, owner) == (Grant(Role.FACILITATOR, lag_of_plan(engine, plan)),)
    axe_page.goto(link)  # spent now: the page that says so has no violations either
    assert run_axe(axe_page) == []
