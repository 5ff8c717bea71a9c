"""The wizard over HTTP: one URL for page and fragment, autosave, conflicts, the plain-POST
fallback, rows, gates, and bad input that never ends in a 500."""
import re

import pytest

from app.plan.answers import load_cells, load_plan_data
from app.web.views import css_id
from tests.factories import answer, login_as, make_plan, row


@pytest.fixture
def plan(engine, client) -> int:
    plan_id = make_plan(engine)
    login_as(client, "team_member", plan=plan_id)  # a team member of the plan, with the CSRF header
    return plan_id


def test_step_page_and_htmx_fragment_share_one_url(client, plan) -> None:
    page = client.get(f"/plans/{plan}/steps/bendruomene")
    assert page.status_code == 200 and "<html" in page.text and "Gyventojų skaičius" in page.text
    fragment = client.get(f"/plans/{plan}/steps/bendruomene", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text and 'id="step-page"' in fragment.text
    assert "HX-Request" in page.headers["Vary"]


def test_autosave_stores_answer_and_says_when(client, engine, plan) -> None:
    r = client.post(f"/plans/{plan}/cells?step=bendruomene",
                    data={"v:bo_chair": "Ona Petraitienė", "rev:bo_chair": "0"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "Išsaugota" in r.text
    assert 'name="rev:bo_chair" value="1"' in r.text
    assert load_cells(engine, plan)["bo_chair"].value == "Ona Petraitienė"


def test_stale_autosave_is_a_conflict_showing_both_values(client, engine, plan) -> None:
    answer(engine, plan, "bo_chair", "Jonas Jonaitis")
    r = client.post(f"/plans/{plan}/cells?step=bendruomene",
                    data={"v:bo_chair": "Ona", "rev:bo_chair": "0"}, headers={"HX-Request": "true"})
    assert r.status_code == 409
    assert "Jonas Jonaitis" in r.text and "Jūsų tekstas neišsaugotas" in r.text
    assert 'name="rev:bo_chair" value="0"' in r.text  # the page keeps the old base: no overwrite
    assert load_cells(engine, plan)["bo_chair"].value == "Jonas Jonaitis"


@pytest.mark.parametrize("path, typed, message", [
    ("residents_total", "daug", "įrašykite skaičių"),
    ("residents_total", "60 000", "turi būti nuo 1 iki 50 000"),
    ("bo_chair", "x" * 101, "ne daugiau kaip 100 simbolių (dabar 101)"),
    ("residents_source_date", "2025-13-45", "tokios datos nėra"),
    ("residents_source_date", "vakar", "įrašykite datą taip: 2025-06-30"),
])
def test_bad_input_gets_lithuanian_message_and_is_not_stored(client, engine, plan, path, typed, message) -> None:
    r = client.post(f"/plans/{plan}/cells?step=bendruomene",
                    data={f"v:{path}": typed, f"rev:{path}": "0"}, headers={"HX-Request": "true"})
    assert r.status_code == 422 and message in r.text
    assert path not in load_cells(engine, plan)


def test_lithuanian_number_is_read(client, engine, plan) -> None:
    r = client.post(f"/plans/{plan}/cells", data={"v:residents_total": "1 250", "rev:residents_total": "0"})
    assert r.status_code == 200
    assert load_cells(engine, plan)["residents_total"].value == 1250


def test_any_text_is_stored_exactly_and_shown_escaped(client, engine, plan) -> None:
    text = "<script>alert('x')</script> Žemaitė 🌾 مرحبا „kabutės“"
    client.post(f"/plans/{plan}/cells", data={"v:identity": text, "rev:identity": "0"})
    assert load_cells(engine, plan)["identity"].value == text
    page = client.get(f"/plans/{plan}/steps/infrastruktura")
    assert "<script>alert" not in page.text and "&lt;script&gt;alert" in page.text and "🌾" in page.text


def test_no_js_post_keeps_typed_values_on_error(client, engine, plan) -> None:
    r = client.post(f"/plans/{plan}/steps/bendruomene", data={
        "v:bo_chair": "Ona", "rev:bo_chair": "0", "v:bo_members": "penki", "rev:bo_members": "0",
        "action": "next"}, follow_redirects=False)
    assert r.status_code == 422
    assert 'value="penki"' in r.text and "Narių skaičius" in r.text and 'role="alert"' in r.text
    assert load_cells(engine, plan)["bo_chair"].value == "Ona"  # the good answer was saved


def test_no_js_post_saves_and_goes_next(client, engine, plan) -> None:
    r = client.post(f"/plans/{plan}/steps/bendruomene", data={
        "v:bo_members": "45", "rev:bo_members": "0", "action": "next"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/steps/infrastruktura")
    assert load_cells(engine, plan)["bo_members"].value == 45


def test_no_js_row_buttons_add_move_delete(client, engine, template, plan) -> None:
    r = client.post(f"/plans/{plan}/steps/bendruomene", data={"action": "add:villages"}, follow_redirects=False)
    assert r.status_code == 303 and "#row-" in r.headers["location"]
    second = row(engine, plan, "villages", name="Beržynė")
    first = load_plan_data(engine, template, plan).rows("villages")[0].id
    client.post(f"/plans/{plan}/steps/bendruomene", data={"action": f"up:villages:{second}"})
    assert [r.id for r in load_plan_data(engine, template, plan).rows("villages")] == [second, first]
    client.post(f"/plans/{plan}/steps/bendruomene", data={"action": f"delete:villages:{first}"})
    assert [r.id for r in load_plan_data(engine, template, plan).rows("villages")] == [second]


def test_htmx_rows_add_returns_table_and_delete_offers_restore(client, engine, template, plan) -> None:
    h = {"HX-Request": "true"}
    r = client.post(f"/plans/{plan}/rows/villages?step=bendruomene", headers=h)
    assert r.status_code == 200 and 'id="table-villages"' in r.text and "data-focus-row" in r.text
    row_id = load_plan_data(engine, template, plan).rows("villages")[0].id
    r = client.post(f"/plans/{plan}/rows/villages/{row_id}/delete?step=bendruomene", headers=h)
    assert "Atkurti" in r.text
    client.post(f"/plans/{plan}/rows/villages/{row_id}/restore?step=bendruomene", headers=h)
    assert len(load_plan_data(engine, template, plan).rows("villages")) == 1


def test_computed_values_refresh_after_save(client, engine, template, plan) -> None:
    answer(engine, plan, "residents_total", 200)
    band = load_plan_data(engine, template, plan).rows("age_structure")[0].id
    r = client.post(f"/plans/{plan}/cells?step=bendruomene",
                    data={f"v:age_structure/{band}/count": "50", f"rev:age_structure/{band}/count": "0"},
                    headers={"HX-Request": "true"})
    out_id = "out-" + css_id(f"age_structure/{band}/share_pct")
    assert re.search(f'id="{out_id}"[^>]*hx-swap-oob="true">25', r.text)


def test_leaving_session_with_missing_r1_needs_a_reason(client, engine, plan) -> None:
    r = client.get(f"/plans/{plan}/sessions/1/leave")
    assert r.status_code == 200 and "Gyvenamosios vietovės" in r.text and "Tęsti vis tiek" in r.text
    r = client.post(f"/plans/{plan}/sessions/1/leave", data={"reason": "  "}, follow_redirects=False)
    assert r.status_code == 422 and "Įrašykite priežastį" in r.text
    r = client.post(f"/plans/{plan}/sessions/1/leave", data={"reason": "Duomenis atsiųs seniūnija"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/steps/poreikiai")
    assert "Duomenis atsiųs seniūnija" in client.get(f"/plans/{plan}").text


def test_overview_shows_progress_and_missing(client, plan) -> None:
    r = client.get(f"/plans/{plan}")
    assert r.status_code == 200 and "Viso plano pažanga" in r.text and "<progress" in r.text
    assert "Ko dar trūksta" in r.text


def test_plan_check_links_each_warning_to_its_field(client, engine, plan) -> None:
    answer(engine, plan, "residents_total", 500)
    row(engine, plan, "villages", name="Pašilė", residents=100)
    r = client.get(f"/plans/{plan}/patikra")
    assert r.status_code == 200 and "Plano patikra" in r.text
    assert re.search(r'href="/plans/\d+/steps/bendruomene#c-residents-total"', r.text)


@pytest.mark.parametrize("url", ["/plans/999", "/plans/abc", "/plans/1/steps/nera", "/plans/999/patikra",
                                 "/plans/1/sessions/9/leave", "/nowhere"])
def test_missing_things_are_plain_404_pages(client, plan, url) -> None:
    r = client.get(url)
    assert r.status_code == 404 and "Puslapis nerastas" in r.text


@pytest.mark.parametrize("data", [
    {"v:nope": "x", "rev:nope": "0"}, {"v:needs/zzz/title": "x", "rev:needs/zzz/title": "0"},
    {"v:vision": "x", "rev:vision": "abc"}, {"v:priorities": "x" * 50, "rev:priorities": "0"},
    {"v:villages": "x", "rev:villages": "0"}, {"v:version": "9", "rev:version": "0"},
])
def test_forged_saves_never_500(client, plan, data) -> None:
    r = client.post(f"/plans/{plan}/cells", data=data, headers={"HX-Request": "true"})
    assert r.status_code in (200, 404, 409, 422)


def test_language_switch_is_remembered(client, plan) -> None:
    r = client.post("/lang", data={"lang": "en", "next": f"/plans/{plan}"}, follow_redirects=False)
    assert r.status_code == 303 and "lang=en" in r.headers["set-cookie"]
    page = client.get(f"/plans/{plan}/steps/bendruomene")
    assert 'lang="en"' in page.text and "Number of members" in page.text


def test_pages_are_compressed_and_stay_on_own_origin(client, plan) -> None:
    r = client.get(f"/plans/{plan}/steps/bendruomene", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip"
    assert not re.search(r'(src|href)="(https?:)?//', r.text)
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_step_page_with_css_and_js_weighs_under_60_kb(client, plan) -> None:
    """Rural mobile networks: the heaviest step page and everything it loads, compressed."""
    gz = {"Accept-Encoding": "gzip"}
    page = client.get(f"/plans/{plan}/steps/veiksmu-planas", headers=gz)
    assets = re.findall(r'(?:src|href)="(/static/[^"?]+)', page.text)
    total = int(page.headers["content-length"])
    for url in assets:
        r = client.get(url, headers=gz)
        assert r.status_code == 200
        total += int(r.headers["content-length"])
    assert len(assets) >= 3 and total < 60_000


def test_changes_since_returns_changed_answers_of_the_step(client, engine, plan) -> None:
    from app.plan.services import plan_version

    since = plan_version(engine, plan)[1]
    assert client.get(f"/plans/{plan}/changes?since={since}&step=vizija").status_code == 204
    answer(engine, plan, "vision", "Gyvas kaimas")
    answer(engine, plan, "bo_chair", "Ona")  # on another step: not sent
    r = client.get(f"/plans/{plan}/changes?since={since}&step=vizija", headers={"HX-Request": "true"})
    assert r.status_code == 200 and "Gyvas kaimas" in r.text and 'hx-swap-oob="true"' in r.text
    assert "Ona" not in r.text
    assert f"since={plan_version(engine, plan)[1]}" in r.text
    assert client.get(f"/plans/{plan}/changes?since=abc&step=vizija").status_code == 404


def test_history_lists_changes_and_brings_an_old_value_back(client, engine, plan) -> None:
    answer(engine, plan, "vision", "Pirmoji vizija")
    answer(engine, plan, "vision", "Antroji vizija")
    r = client.get(f"/plans/{plan}/istorija?path=vision")
    assert r.status_code == 200 and "Pirmoji vizija" in r.text and "Antroji vizija" in r.text
    seq = re.findall(r'action="/plans/\d+/istorija/(\d+)"', r.text)[-1]
    r = client.post(f"/plans/{plan}/istorija/{seq}", follow_redirects=False)
    assert r.status_code == 303
    assert load_cells(engine, plan)["vision"].value == "Pirmoji vizija"
    assert "Reikšmė grąžinta" in client.get(r.headers["location"]).text
    assert client.get(f"/plans/{plan}/istorija?path=nope").status_code == 404
    assert client.post(f"/plans/{plan}/istorija/999999").status_code == 404


def test_history_restores_a_removed_row(client, engine, template, plan) -> None:
    from app.plan.rows import delete_row
    from app.plan.answers import Editor

    row_id = row(engine, plan, "villages", name="Pašilė")
    delete_row(engine, template, plan, "villages", row_id, Editor())
    page = client.get(f"/plans/{plan}/istorija")
    assert "Pašalinta eilutė" in page.text
    seq = re.search(r'action="/plans/\d+/istorija/(\d+)"', page.text).group(1)
    client.post(f"/plans/{plan}/istorija/{seq}")
    assert [r.id for r in load_plan_data(engine, template, plan).rows("villages")] == [row_id]


def test_large_text_is_remembered(client, plan) -> None:
    page = client.get(f"/plans/{plan}")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    data = {"text": "large", "next": f"/plans/{plan}"} | ({"csrf_token": token.group(1)} if token else {})
    r = client.post("/display", data=data, follow_redirects=False)
    assert r.status_code == 303 and "text=large" in r.headers["set-cookie"]
    assert 'class="large-text"' in client.get(f"/plans/{plan}").text
