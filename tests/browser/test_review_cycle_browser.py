"""One full review cycle in a real browser, on two devices: the team submits; the facilitator
comments on a field and returns the plan with a note; the team sees the notice, answers the
comment, resolves it and resubmits; the facilitator approves; LAG staff downloads the approved
DOCX and the ZIP of approved plans. Then axe-core on every new page at 1280 and 360 px."""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from app import db
from app.models_review import ApprovedDocument
from app.plan.catalogue import get_template
from tests.browser.conftest import run_axe, sign_in
from tests.documents.plan_fixtures import demo_plan
from tests.factories import lag_of_plan, make_member


@pytest.fixture
def cycle(live_server: str) -> dict:
    engine = db.get_engine()
    plan = demo_plan(engine)
    lag = lag_of_plan(engine, plan)
    return {"base": live_server, "plan": plan, "lag": lag,
            "team": make_member(engine, "team_member", plan=plan, name="Ona Komandaitė"),
            "facilitator": make_member(engine, "facilitator", plan=plan, name="Rūta Moderatorė"),
            "staff": make_member(engine, "lag_staff", lag=lag, name="Vida Darbuotoja"),
            "coordinator": make_member(engine, "coordinator", name="Kęstas Koordinatorius")}


def _device(browser, base: str, person: int, width: int = 1280):  # noqa: ANN001, ANN202
    context = browser.new_context(locale="lt-LT", viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, base, person)
    return page


def _status(page) -> str:  # noqa: ANN001
    return page.locator("#status-title .status-badge").inner_text()


def test_review_cycle_on_two_devices(browser, cycle) -> None:  # noqa: ANN001
    base, plan = cycle["base"], cycle["plan"]
    overview = f"{base}/plans/{plan}"
    team = _device(browser, base, cycle["team"], width=360)  # the team's phone
    facilitator = _device(browser, base, cycle["facilitator"])

    team.goto(overview)
    team.get_by_role("button", name="Pateikti peržiūrai").click()
    assert _status(team) == "pateiktas peržiūrai"

    # the facilitator is told, comments on the vision beside the field, returns the plan
    facilitator.goto(base + "/")
    assert "Pranešimai (1)" in facilitator.locator("header").inner_text()
    step = get_template().step_of("vision").slug
    facilitator.goto(f"{overview}/steps/{step}")
    facilitator.locator("#cl-c-vision").click()
    facilitator.locator("#comment-new-text").fill("Vizija per ilga: sutrumpinkite iki dviejų sakinių.")
    facilitator.get_by_role("button", name="Pridėti pastabą").click()
    facilitator.locator("#cl-c-vision", has_text="Pastabos (1)").wait_for()
    facilitator.goto(overview)
    facilitator.locator("#note-return").fill("Peržiūrėkite pastabą prie vizijos.")
    facilitator.get_by_role("button", name="Grąžinti taisyti").click()
    assert _status(facilitator) == "grąžintas taisyti"

    # the team sees the return with its note and the comment, answers and resolves it, resubmits
    team.goto(overview)
    assert "Peržiūrėkite pastabą prie vizijos." in team.locator(".review-note").inner_text()
    assert "grąžino planą" in team.locator("main").inner_text()
    team.goto(f"{overview}/steps/{step}")
    team.locator("#cl-c-vision", has_text="Pastabos (1)").click()
    thread = team.locator("article", has_text="Vizija per ilga")
    thread.locator("summary", has_text="Atsakyti").click()
    thread.get_by_label("Atsakymas").fill("Sutrumpinome.")
    thread.get_by_role("button", name="Siųsti atsakymą").click()
    team.locator("article", has_text="Sutrumpinome.").get_by_role("button", name="Pažymėti išspręsta").click()
    team.locator("#cl-c-vision", has_text="Pastaba").wait_for()
    assert "Pastabos (1)" not in team.locator("#cl-c-vision").inner_text()
    team.goto(overview)
    team.get_by_role("button", name="Pateikti peržiūrai").click()
    assert _status(team) == "pateiktas peržiūrai"

    facilitator.goto(overview)
    facilitator.get_by_role("button", name="Patvirtinti planą").click()
    assert _status(facilitator) == "patvirtintas"
    assert "Patvirtino Rūta Moderatorė" in facilitator.locator(".approved-doc").inner_text()

    # LAG staff downloads the approved document and the ZIP: the very bytes stored at approval
    staff = _device(browser, base, cycle["staff"])
    staff.goto(overview)
    with staff.expect_download() as got:
        staff.get_by_role("link", name="Atsisiųsti patvirtintą planą (Word)").click()
    content = Path(got.value.path()).read_bytes()
    with db.get_engine().connect() as conn:
        stored = conn.execute(select(ApprovedDocument.__table__.c.sha256)
                              .where(ApprovedDocument.__table__.c.plan_id == plan)).scalar_one()
    assert hashlib.sha256(content).hexdigest() == stored
    assert stored in staff.locator(".approved-doc").inner_text()
    response = staff.request.get(f"{base}/darbuotojai/patvirtinti.zip")
    assert response.status == 200
    with zipfile.ZipFile(io.BytesIO(response.body())) as archive:
        names = archive.namelist()
        assert len(names) == 1 and names[0].endswith(".docx") and "Pašilės" in names[0]
        assert archive.read(names[0]) == content
    for page in (team, facilitator, staff):
        page.context.close()


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(-5).map(el => el.tagName + '.' + el.className)"""
NEW_PAGES = ["/plans/{plan}", "/plans/{plan}/komentarai", "/plans/{plan}/versijos",
             "/plans/{plan}/versijos/{version}", "/plans/{plan}/susitikimai/1/baigti",
             "/plans/{plan}/grazinti", "/komentarai", "/pranesimai", "/", "/ataskaita", "/darbuotojai"]


@pytest.mark.parametrize("width", [1280, 360])
def test_new_review_pages_pass_axe_and_fit_the_screen(browser, cycle, width) -> None:  # noqa: ANN001
    from sqlalchemy import update

    from app.models import Plan
    from app.people.notices import notify
    from app.plan.answers import Editor
    from app.plan.comments import add_thread
    from app.plan.versions import make_version

    engine = db.get_engine()
    plan = cycle["plan"]
    version, _ = make_version(engine, plan, "Po 1 susitikimo", person_id=cycle["facilitator"])
    add_thread(engine, get_template(), plan, "vision", "Ar vizija aiški?", Editor(person_id=cycle["team"]))
    with engine.begin() as conn:
        conn.execute(update(Plan.__table__).where(Plan.__table__.c.id == plan).values(status="review"))
    notify(engine, plan, "submitted", cycle["team"])
    problems = {}
    for person in ("facilitator", "coordinator"):
        context = browser.new_context(locale="lt-LT", bypass_csp=True, viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, cycle["base"], cycle[person])
        for path in NEW_PAGES:
            url = cycle["base"] + path.format(plan=plan, version=version)
            response = page.goto(url)
            if response.status in (403, 404):
                continue  # not this person's page (the other one looks at it)
            assert response.status == 200, (person, path, response.status)
            found = run_axe(page)
            wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
            if found or wide:
                problems[(person, path)] = {"axe": found, "sideways": wide and page.evaluate(WIDEST)}
        context.close()
    assert problems == {}
