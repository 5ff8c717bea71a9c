"""The versions pages: save one with a name, compare with now or with another version (changed
words marked for screen readers too), restore (undoable), and what is refused."""
import re

import pytest

from app.plan.answers import load_plan_data
from app.plan.versions import list_versions, make_version
from tests.factories import answer, login_as, make_lag, make_plan


@pytest.fixture
def plan(engine, client) -> int:
    plan_id = make_plan(engine)
    login_as(client, "facilitator", plan=plan_id)
    return plan_id


def test_saving_a_named_version_lists_it_and_the_overview_shows_it(client, engine, plan) -> None:
    r = client.post(f"/plans/{plan}/versijos", data={"name": "  Po 2   susitikimo "}, follow_redirects=True)
    assert r.status_code == 200 and "Išsaugota 1 versija „Po 2 susitikimo“" in r.text
    [v] = list_versions(engine, plan)
    assert v.name == "Po 2 susitikimo" and v.kind == "manual"
    page = client.get(f"/plans/{plan}").text
    assert re.search(r"Plano versija:\s*<strong>1 versija, \d{4}-\d\d-\d\d</strong>", page)
    assert f'href="/plans/{plan}/versijos"' in page


@pytest.mark.parametrize("name, message", [("   ", "Įrašykite versijos pavadinimą"),
                                           ("Po\x07 susitikimo", "valdymo simbolių"),
                                           ("x" * 201, "ne daugiau kaip 200 simbolių")])
def test_a_bad_name_is_said_beside_the_field_and_kept(client, engine, plan, name: str, message: str) -> None:
    r = client.post(f"/plans/{plan}/versijos", data={"name": name})
    assert r.status_code == 422 and message in r.text and 'aria-invalid="true"' in r.text
    assert list_versions(engine, plan) == []


def test_compare_with_now_marks_changed_words_for_screen_readers(client, engine, plan) -> None:
    answer(engine, plan, "vision", "Jauki ir gyva bendruomenė")
    v, _ = make_version(engine, plan, "Po 1 susitikimo")
    answer(engine, plan, "vision", "Jauki ir atvira bendruomenė")
    page = client.get(f"/plans/{plan}/versijos/{v}").text
    assert '<del><span class="visually-hidden">pašalinta: </span>gyva</del>' in page
    assert '<ins><span class="visually-hidden">pridėta: </span>atvira</ins>' in page
    assert "Skyriai be pakeitimų" in page and "<details" in page  # unchanged sections folded
    assert f'action="/plans/{plan}/versijos/{v}/atkurti"' in page


def test_restore_from_the_page_and_undo_it(client, engine, template, plan) -> None:
    answer(engine, plan, "vision", "Senas tekstas")
    v, _ = make_version(engine, plan, "Pirma")
    answer(engine, plan, "vision", "Naujas tekstas")
    seen = re.search(r'name="seen" value="(\d+)"', client.get(f"/plans/{plan}/versijos/{v}").text).group(1)
    r = client.post(f"/plans/{plan}/versijos/{v}/atkurti", data={"seen": seen}, follow_redirects=True)
    assert r.status_code == 200 and "Atkurta 1 versija" in r.text and "išsaugotas kaip 2 versija" in r.text
    assert load_plan_data(engine, template, plan).value("vision") == "Senas tekstas"
    before = next(x for x in list_versions(engine, plan) if x.number == 2)
    assert before.name == "Prieš atkuriant 1 versiją"
    client.post(f"/plans/{plan}/versijos/{before.id}/atkurti", follow_redirects=True)
    assert load_plan_data(engine, template, plan).value("vision") == "Naujas tekstas"
    history = client.get(f"/plans/{plan}/istorija?path=vision").text
    assert history.count("Senas tekstas") >= 2 and "Naujas tekstas" in history  # nothing destroyed


def test_restore_after_someone_changed_the_plan_is_refused_and_said(client, engine, template, plan) -> None:
    answer(engine, plan, "vision", "Senas")
    v, _ = make_version(engine, plan, "Pirma")
    answer(engine, plan, "vision", "Tarpinis")
    seen = re.search(r'name="seen" value="(\d+)"', client.get(f"/plans/{plan}/versijos/{v}").text).group(1)
    answer(engine, plan, "vision", "Ką tik parašyta")  # someone else, while this person looked
    r = client.post(f"/plans/{plan}/versijos/{v}/atkurti", data={"seen": seen})
    assert r.status_code == 409 and "Niekas neatkurta" in r.text
    assert load_plan_data(engine, template, plan).value("vision") == "Ką tik parašyta"


def test_another_plans_version_is_not_found(client, engine, plan) -> None:
    other = make_plan(engine, "Kita bendruomenė", lag=make_lag(engine, "Kita VVG"))
    theirs, _ = make_version(engine, other, "Jų")
    mine, _ = make_version(engine, plan, "Mano")
    assert client.get(f"/plans/{plan}/versijos/{theirs}").status_code == 404
    assert client.get(f"/plans/{plan}/versijos/{mine}?su={theirs}").status_code == 404
    assert client.get(f"/plans/{plan}/versijos/{mine}?su=abc").status_code == 404
    assert client.post(f"/plans/{plan}/versijos/{theirs}/atkurti").status_code == 404


def test_compare_two_versions(client, engine, plan) -> None:
    answer(engine, plan, "vision", "Pirmas")
    v1, _ = make_version(engine, plan, "Pirma")
    answer(engine, plan, "vision", "Antras")
    v2, _ = make_version(engine, plan, "Antra")
    page = client.get(f"/plans/{plan}/versijos/{v2}?su={v1}").text
    assert "1 ir 2 versijos palyginimas" in page and "Pirmas</del>" in page and "Antras</ins>" in page
    assert "/atkurti" not in page  # restoring is offered beside the current plan only
