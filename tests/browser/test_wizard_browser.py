"""What only a browser shows: autosave by keyboard alone, values surviving a reload, focus
after adding a row, and no axe-core WCAG A/AA violation on the main pages."""
import re

import pytest
from playwright.sync_api import expect

from app.db import get_engine
from tests.browser.conftest import run_axe
from tests.factories import answer, make_plan, row


@pytest.fixture
def plan(browser_db) -> int:
    return make_plan(get_engine())


def test_keyboard_fills_text_table_row_and_choice_then_reload_keeps_them(page, live_server, plan) -> None:
    page.goto(f"{live_server}/plans/{plan}/steps/pazeidziamos-grupes")
    # the table is empty: add a row with the keyboard
    add = page.get_by_role("button", name=re.compile("Pridėti eilutę"))
    add.focus()
    page.keyboard.press("Enter")
    first = page.locator("#rows-vulnerable_groups .row-card").first
    expect(first).to_be_visible()
    # focus lands in the new row; choose a group with the keyboard (a select or radios)
    group = first.locator("[name^='v:'][name$='/group']").first
    group.focus()
    if group.evaluate("e => e.tagName") == "SELECT":
        group.select_option(index=1)  # keyboard-equivalent selection in a native select
    else:
        page.keyboard.press("Space")
    barriers = first.locator("input[name^='v:'][name$='/main_barriers']")
    barriers.focus()
    page.keyboard.type("Toli iki ambulatorijos, nėra autobuso")
    page.keyboard.press("Tab")
    expect(first.locator(".cell-status .ok").first).to_be_visible()
    expect(page.locator("#save-state")).to_contain_text("Išsaugota")
    # a short text on another step, by keyboard
    page.goto(f"{live_server}/plans/{plan}/steps/bendruomene")
    chair = page.get_by_label("Pirmininkas")
    chair.focus()
    page.keyboard.type("Ona Petraitienė")
    page.keyboard.press("Tab")
    expect(page.locator("#save-state")).to_contain_text("Išsaugota")
    page.reload()
    expect(page.get_by_label("Pirmininkas")).to_have_value("Ona Petraitienė")
    page.goto(f"{live_server}/plans/{plan}/steps/pazeidziamos-grupes")
    expect(page.locator("input[name^='v:'][name$='/main_barriers']").first).to_have_value("Toli iki ambulatorijos, nėra autobuso")


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
