"""The plan's preview in a real browser: the 11-column action plan fits a 1280 px screen, money
and dates read as in the document, and on a 360 px phone a wide table scrolls inside its own
labelled, focusable region while the page itself never scrolls sideways."""
import re

import pytest
from playwright.sync_api import expect

from app.db import get_engine
from tests.browser.conftest import sign_in
from tests.documents.plan_fixtures import demo_plan
from tests.factories import make_member



def action_plan(page):  # noqa: ANN001, ANN201
    """The scrollable region around the action plan's table (not the advocacy one)."""
    return page.locator(".table-wrap").filter(has=page.locator("caption", has_text=re.compile(r"lentelė\. Veiksmų planas$")))


@pytest.fixture
def plan(browser_db, live_server) -> int:  # noqa: ANN001
    return demo_plan(get_engine())


def _open(page, live_server: str, plan: int) -> None:  # noqa: ANN001
    sign_in(page, live_server, make_member(get_engine(), "team_member", plan=plan))
    page.goto(f"{live_server}/plans/{plan}/perziura")


def test_action_plan_fits_the_page_at_1280(page, live_server, plan) -> None:  # noqa: ANN001
    _open(page, live_server, plan)
    region = action_plan(page)
    expect(region).to_have_count(1)
    table = region.locator("table")
    assert len(table.locator("thead th").all()) == 11
    assert table.evaluate("t => t.scrollWidth") <= region.evaluate("r => r.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    texts = table.locator("tbody td").all_inner_texts()
    assert "300,00" in texts and "0,00" in texts
    # a date wraps at most once, after the year: "2027 m." / "rugpjūčio 31 d."
    end = table.locator("tbody tr").nth(1).locator("td").nth(6)
    assert end.inner_text().replace("\u00a0", " ") == "2027 m. rugpjūčio 31 d." or \
        end.inner_text().replace("\u00a0", " ").split("\n") == ["2027 m.", "rugpjūčio 31 d."]
    lines = end.evaluate("td => { const r = document.createRange(); r.selectNodeContents(td); "
                         "return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size }")
    assert lines <= 2


def test_phone_scrolls_a_wide_table_in_its_labelled_region_not_the_page(phone, live_server, plan) -> None:  # noqa: ANN001
    _open(phone, live_server, plan)
    region = action_plan(phone)
    assert region.get_attribute("role") == "region" and region.get_attribute("aria-labelledby")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    region.focus()
    expect(region).to_be_focused()
    phone.keyboard.press("End")  # the keyboard scrolls the focused region sideways
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
    caption = region.locator("caption .cap")
    box, frame = caption.bounding_box(), region.bounding_box()
    assert box["x"] >= frame["x"] - 1 and box["x"] < frame["x"] + frame["width"]  # its name stays in view
