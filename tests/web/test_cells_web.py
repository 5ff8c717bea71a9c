"""Autosave and the row buttons over HTTP (app/web/routes/cells.py): numbers, text and refs get
the one check of their kind, a full table says so, and nothing refused is stored."""
import pytest

from app.plan.answers import Editor, load_cells, load_plan_data
from app.plan.rows import delete_row
from tests.factories import answer, login_as, make_lag, make_plan, row

HX = {"HX-Request": "true"}


@pytest.fixture
def plan(engine, client) -> int:
    plan_id = make_plan(engine)
    login_as(client, "team_member", plan=plan_id)
    return plan_id


def autosave(client, plan: int, path: str, *values: str, rev: str = "0", step: str = ""):  # noqa: ANN001, ANN201
    return client.post(f"/plans/{plan}/cells?step={step}", data={f"v:{path}": list(values), f"rev:{path}": rev},
                       headers=HX)


def number_paths(engine, plan: int) -> dict[str, str]:  # noqa: ANN001
    village = row(engine, plan, "villages", name="Pašilė")
    indicator = row(engine, plan, "indicators", name="Reisai")
    return {"number": "residents_total", "year": "bo_founded", "decimal": f"villages/{village}/distance_km",
            "unbounded decimal": f"indicators/{indicator}/baseline"}


@pytest.mark.parametrize("kind", ["number", "year", "decimal", "unbounded decimal"])
@pytest.mark.parametrize("typed, message", [
    ("9" * 400, "per ilgas skaičius"), ("-" + "9" * 400, "per ilgas skaičius"), ("0," + "1" * 400, "per ilgas skaičius"),
    ("1e20", "įrašykite skaičių"), ("inf", "įrašykite skaičių"), ("NaN", "įrašykite skaičių"),
    ("Infinity", "įrašykite skaičių"), ("-Infinity", "įrašykite skaičių"),
])
def test_autosave_refuses_numbers_that_are_no_numbers(client, engine, plan, kind: str, typed: str, message: str) -> None:
    path = number_paths(engine, plan)[kind]
    r = autosave(client, plan, path, typed)
    assert r.status_code == 422 and message in r.text
    assert path not in load_cells(engine, plan)


@pytest.mark.parametrize("kind, typed, message", [
    ("unbounded decimal", "100000000000000000000", "ne daugiau kaip 1 000 000 000 000"),
    ("unbounded decimal", "2,555", "po kablelio – ne daugiau kaip 2 skaitmenys"),
    ("decimal", "7,55", "po kablelio – ne daugiau kaip vienas skaitmuo"),
])
def test_autosave_refuses_decimals_out_of_bound_or_too_precise(client, engine, plan, kind, typed, message) -> None:
    path = number_paths(engine, plan)[kind]
    r = autosave(client, plan, path, typed)
    assert r.status_code == 422 and message in r.text
    assert path not in load_cells(engine, plan)


def test_autosave_stores_decimal_within_places_and_page_shows_it_plainly(client, engine, plan) -> None:
    path = number_paths(engine, plan)["unbounded decimal"]
    assert autosave(client, plan, path, "1 250,50").status_code == 200
    assert load_cells(engine, plan)[path].value == 1250.5
    page = client.get(f"/plans/{plan}/steps/rodikliai")
    assert 'value="1250,5"' in page.text and "e+" not in page.text and "∞" not in page.text


@pytest.mark.parametrize("typed, message", [
    ("Ona\x85Petraitienė", "nematomų valdymo simbolių"), ("\x9f", "nematomų valdymo simbolių"),
    ("Gr\ufffdžina", "nepavyko perskaityti"),
])
def test_autosave_refuses_c1_controls_and_unreadable_characters(client, engine, plan, typed, message) -> None:
    r = autosave(client, plan, "bo_chair", typed)
    assert r.status_code == 422 and message in r.text
    assert "bo_chair" not in load_cells(engine, plan)


def test_autosave_refuses_refs_to_other_plans_removed_rows_and_nul(client, engine, template, plan) -> None:
    other = make_plan(engine, "Ąžuolynės kaimo bendruomenė", lag=make_lag(engine, "Anykščių VVG"))
    foreign = row(engine, other, "needs", title="Svetimas")
    gone = row(engine, plan, "needs", title="Pašalintas")
    delete_row(engine, template, plan, "needs", gone, Editor())
    for value, message in [(foreign, "tokios eilutės nebėra"), (gone, "tokios eilutės nebėra"),
                           ("needs/x", "netinkama nuoroda"), ("x" * 41, "netinkama nuoroda")]:
        r = autosave(client, plan, "adv_need", value, step="advokacijos-klausimas")
        assert r.status_code == 422 and message in r.text, value
        r = autosave(client, plan, "priorities", value, step="prioritetai")
        assert r.status_code == 422 and message in r.text, value
    # a NUL: the request guard refuses a urlencoded form (400); a multipart one reaches the check
    assert autosave(client, plan, "adv_need", "\x00").status_code == 400
    r = client.post(f"/plans/{plan}/cells", files={"v:adv_need": (None, "\x00"), "rev:adv_need": (None, "0")},
                    headers=HX)
    assert r.status_code == 422 and "netinkama nuoroda" in r.text
    cells = load_cells(engine, plan)
    assert "adv_need" not in cells and "priorities" not in cells


def test_autosave_ref_to_a_live_row_is_stored(client, engine, plan) -> None:
    need = row(engine, plan, "needs", title="Autobusas")
    assert autosave(client, plan, "adv_need", need, step="advokacijos-klausimas").status_code == 200
    assert load_cells(engine, plan)["adv_need"].value == need


@pytest.mark.parametrize("rev", ["abc", "", "-5", "9" * 400, "١", str(2**31)])
def test_malformed_revision_never_overwrites_an_answer(client, engine, plan, rev: str) -> None:
    answer(engine, plan, "bo_chair", "Jonas Jonaitis")
    r = autosave(client, plan, "bo_chair", "Ona", rev=rev)
    assert r.status_code == 409 and "Jonas Jonaitis" in r.text
    assert load_cells(engine, plan)["bo_chair"].value == "Jonas Jonaitis"


def test_malformed_revision_still_fills_an_empty_answer(client, engine, plan) -> None:
    assert autosave(client, plan, "bo_chair", "Ona", rev="abc").status_code == 200
    assert load_cells(engine, plan)["bo_chair"].value == "Ona"


def test_htmx_add_row_past_max_rows_shows_the_limit_by_the_table(client, engine, template, plan) -> None:
    limit = template.fields["goals"].max_rows
    for n in range(limit):
        row(engine, plan, "goals", title=f"Tikslas {n}")
    r = client.post(f"/plans/{plan}/rows/goals?step=tikslai", headers=HX)
    assert r.status_code == 422 and 'id="table-goals"' in r.text
    assert f"daugiausia eilučių – {limit}" in r.text and 'role="alert"' in r.text
    assert len(load_plan_data(engine, template, plan).rows("goals")) == limit


def test_plain_post_to_add_row_past_max_rows_is_the_step_with_the_message(client, engine, template, plan) -> None:
    for n in range(template.fields["goals"].max_rows):
        row(engine, plan, "goals", title=f"Tikslas {n}")
    r = client.post(f"/plans/{plan}/rows/goals?step=tikslai", follow_redirects=False)
    assert r.status_code == 422 and "<html" in r.text and "daugiausia eilučių" in r.text


def test_restoring_a_row_into_a_full_table_says_why(client, engine, template, plan) -> None:
    first = row(engine, plan, "goals", title="Pirmas")
    delete_row(engine, template, plan, "goals", first, Editor())
    for n in range(template.fields["goals"].max_rows):
        row(engine, plan, "goals", title=f"Tikslas {n}")
    r = client.post(f"/plans/{plan}/rows/goals/{first}/restore?step=tikslai", headers=HX)
    assert r.status_code == 422 and "daugiausia eilučių" in r.text


def test_row_buttons_with_a_step_that_does_not_show_the_table_still_work(client, engine, template, plan) -> None:
    r = client.post(f"/plans/{plan}/rows/villages?step=vizija", headers=HX)
    assert r.status_code == 200 and 'id="table-villages"' in r.text


@pytest.mark.parametrize("path", ["nope", "", "needs", "needs/a b/title", "needs/" + "a" * 41 + "/title",
                                  "vision/" + "x" * 10_000, "needs/abc/nope"])
def test_show_cell_with_unknown_path_is_404(client, plan, path: str) -> None:
    r = client.get(f"/plans/{plan}/cell", params={"path": path}, headers=HX)
    assert r.status_code == 404


@pytest.mark.parametrize("url", ["/rows/villages/{long}/delete", "/rows/villages/{long}/restore",
                                 "/rows/villages/{long}/move", "/rows/{long}/abc/delete", "/rows/{long}"])
def test_row_urls_with_over_long_ids_are_refused_cleanly(client, plan, url: str) -> None:
    r = client.post(f"/plans/{plan}" + url.format(long="a" * 5000), headers=HX)
    assert r.status_code == 404
