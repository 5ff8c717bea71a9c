"""What only a browser shows: autosave by keyboard alone, values surviving a reload, focus
after adding a row, and no axe-core WCAG A/AA violation on the main pages."""
import re

import pytest
from playwright.sync_api import expect

from app.db import get_engine
from tests.browser.conftest import run_axe, sign_in
from tests.factories import answer, make_member, make_plan, row


@pytest.fixture
def plan(browser_db, live_server, request) -> int:
    plan_id = make_plan(get_engine())
    for name in ("page", "axe_page"):  # the browser is a team member of the plan
        if name in request.fixturenames:
            sign_in(request.getfixturevalue(name), live_server, make_member(get_engine(), "team_member", plan=plan_id))
    return plan_id


def test_keyboard_fills_text_table_row_and_choice_then_reload_keeps_them(page, live_server, plan) -> None:
    """On one step, by keyboard alone: add a table row and type its short text, pick its type
    in a select, and rate a fixed row with radio buttons; after a reload all three are there."""
    page.goto(f"{live_server}/plans/{plan}/steps/infrastruktura")
    saved = page.locator("#save-state")
    # a choice: the road condition (radio buttons move with the arrow keys)
    first_radio = page.locator("#table-infrastructure input[type=radio][name$='/condition']").first
    first_radio.focus()
    page.keyboard.press("Space")           # "Gera"
    page.keyboard.press("ArrowDown")       # "Patenkinama"
    expect(saved).to_contain_text("Išsaugota")
    # a table row: add it with the keyboard; focus lands in its first input
    add = page.locator("#table-organisations button.add-row")
    add.focus()
    page.keyboard.press("Enter")
    name = page.locator("#rows-organisations [name^='v:'][name$='/name']").first
    expect(name).to_be_focused()
    # a short text, typed; Tab moves on and saves it
    page.keyboard.type("Kražių biblioteka")
    page.keyboard.press("Tab")
    kind = page.locator("#rows-organisations select[name$='/type']").first
    expect(kind).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    expect(page.locator("#rows-organisations .cell-status .ok")).to_have_count(2)
    chosen_type = kind.input_value()
    assert chosen_type
    page.reload()
    expect(page.locator("#rows-organisations [name^='v:'][name$='/name']").first).to_have_value("Kražių biblioteka")
    expect(page.locator("#rows-organisations select[name$='/type']").first).to_have_value(chosen_type)
    expect(page.locator("#table-infrastructure input[type=radio][name$='/condition'][value=fair]").first).to_be_checked()


def test_debounced_typing_saves_without_leaving_the_field(page, live_server, plan) -> None:
    page.goto(f"{live_server}/plans/{plan}/steps/vizija")
    vision = page.locator("textarea[name='v:vision']")
    vision.click()
    page.keyboard.type("Mūsų kaime gera gyventi visoms kartoms.")
    expect(page.locator("#save-state")).to_contain_text("Išsaugota")
    expect(vision).to_be_focused()


def test_invalid_number_keeps_typed_text_and_says_why(page, live_server, plan) -> None:
    page.goto(f"{live_server}/plans/{plan}/steps/bendruomene")
    field = page.locator("#in-c-residents-total")
    field.fill("apie tūkstantį")
    field.press("Tab")
    expect(page.locator("#s-c-residents-total")).to_contain_text("įrašykite skaičių")
    expect(field).to_have_value("apie tūkstantį")
    expect(field).to_have_attribute("aria-invalid", "true")


def test_remove_row_then_restore_by_keyboard(page, live_server, plan) -> None:
    engine = get_engine()
    row(engine, plan, "villages", name="Pašilė")
    page.goto(f"{live_server}/plans/{plan}/steps/bendruomene")
    page.get_by_role("button", name=re.compile("Pašalinti: 1. Pašilė")).focus()
    page.keyboard.press("Enter")
    restore = page.get_by_role("button", name=re.compile("Atkurti"))
    expect(restore).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("input[name^='v:'][name$='/name']").first).to_have_value("Pašilė")


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("where", ["overview", "table-step", "check"])
def test_axe_finds_no_wcag_violation(axe_page, live_server, plan, width, where) -> None:
    engine = get_engine()
    answer(engine, plan, "residents_total", 300)
    row(engine, plan, "villages", name="Pašilė", residents=120)
    url = {"overview": f"/plans/{plan}", "table-step": f"/plans/{plan}/steps/bendruomene",
           "check": f"/plans/{plan}/patikra"}[where]
    axe_page.set_viewport_size({"width": width, "height": 900})
    axe_page.goto(live_server + url)
    assert run_axe(axe_page) == []


def test_axe_check_itself_catches_an_unlabelled_input(axe_page) -> None:
    """The accessibility check can fail: a bare input without a label is reported."""
    axe_page.set_content("<!doctype html><html lang='lt'><head><title>x</title></head>"
                         "<body><main><input type='text'></main></body></html>")
    assert any(v["id"] == "label" for v in run_axe(axe_page))


def test_offline_save_says_so_and_retries_when_back(page, live_server, plan) -> None:
    engine = get_engine()
    page.goto(f"{live_server}/plans/{plan}/steps/vizija")
    page.context.set_offline(True)
    mission = page.locator("textarea[name='v:mission']")
    mission.fill("Telkiame kaimo žmones bendriems darbams.")
    mission.press("Tab")
    expect(page.locator("#save-state")).to_contain_text("Neišsaugota – bandoma dar kartą")
    page.context.set_offline(False)
    expect(page.locator("#save-state")).to_contain_text("Išsaugota", timeout=20_000)
    from app.plan.answers import load_cells

    assert load_cells(engine, plan)["mission"].value == "Telkiame kaimo žmones bendriems darbams."


def test_live_refresh_shows_a_phone_edit_on_the_projector_but_spares_typing(browser, live_server, plan) -> None:
    """Two devices on one step: what the phone saves appears on the projector without a
    reload; the answer the projector is typing in is not replaced."""
    projector = browser.new_context(locale="lt-LT").new_page()
    phone = browser.new_context(locale="lt-LT", viewport={"width": 360, "height": 740}).new_page()
    for p in (projector, phone):
        sign_in(p, live_server, make_member(get_engine(), "team_member", plan=plan))
        p.goto(f"{live_server}/plans/{plan}/steps/vizija")
    # the projector starts typing the mission and keeps the focus there
    mission = projector.locator("textarea[name='v:mission']")
    mission.click()
    projector.keyboard.type("Mūsų misija – ")
    # the phone writes the vision and the mission
    phone.locator("textarea[name='v:vision']").fill("Pašilė – jauki, gyva ir saugi vieta visoms kartoms.")
    phone.locator("textarea[name='v:vision']").press("Tab")
    expect(phone.locator("#save-state")).to_contain_text("Išsaugota")
    expect(projector.locator("textarea[name='v:vision']")).to_have_value(
        "Pašilė – jauki, gyva ir saugi vieta visoms kartoms.", timeout=10_000)
    expect(mission).to_have_value("Mūsų misija – ")
    expect(mission).to_be_focused()
    projector.context.close()
    phone.context.close()
