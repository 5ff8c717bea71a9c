"""Bringing a value back from the history (app/web/routes/history.py): a save that races the
restore, a full table or a value that no longer fits is said on the page, never swallowed."""
import re

import pytest

from app.plan.answers import Editor, load_cells, load_plan_data
from app.plan.rows import delete_row
from app.web.routes import history as history_routes
from tests.factories import answer, login_as, make_plan, row


@pytest.fixture
def plan(engine, client) -> int:
    plan_id = make_plan(engine)
    login_as(client, "team_member", plan=plan_id)
    return plan_id


def restore_buttons(client, plan: int, path: str | None = None) -> list[str]:  # noqa: ANN001
    page = client.get(f"/plans/{plan}/istorija" + (f"?path={path}" if path else ""))
    return re.findall(r'action="/plans/\d+/istorija/(\d+)"', page.text)


def test_restore_racing_another_save_says_so_and_overwrites_nothing(client, engine, plan, monkeypatch) -> None:
    answer(engine, plan, "vision", "Pirmoji vizija")
    answer(engine, plan, "vision", "Antroji vizija")
    seq = restore_buttons(client, plan, "vision")[-1]
    real = history_routes.load_cells

    def read_then_someone_saves(engine_, plan_id):  # noqa: ANN001, ANN202
        seen = real(engine_, plan_id)
        answer(engine, plan, "vision", "Trečioji vizija")  # saved between the read and the write
        return seen

    monkeypatch.setattr(history_routes, "load_cells", read_then_someone_saves)
    r = client.post(f"/plans/{plan}/istorija/{seq}", follow_redirects=False)
    assert r.status_code == 409 and "Kol grąžinote" in r.text and "Niekas neperrašyta" in r.text
    assert "Reikšmė grąžinta" not in r.text and "Trečioji vizija" in r.text
    assert load_cells(engine, plan)["vision"].value == "Trečioji vizija"


def test_restoring_a_ref_to_a_removed_row_says_why(client, engine, template, plan) -> None:
    first, second = row(engine, plan, "needs", title="Autobusas"), row(engine, plan, "needs", title="Salė")
    answer(engine, plan, "adv_need", first)
    answer(engine, plan, "adv_need", second)
    delete_row(engine, template, plan, "needs", first, Editor())
    seq = restore_buttons(client, plan, "adv_need")[-1]
    r = client.post(f"/plans/{plan}/istorija/{seq}", follow_redirects=False)
    assert r.status_code == 422 and "tokios eilutės nebėra" in r.text
    assert load_cells(engine, plan)["adv_need"].value == second


def test_restoring_a_row_into_a_full_table_says_why(client, engine, template, plan) -> None:
    first = row(engine, plan, "goals", title="Pirmas")
    delete_row(engine, template, plan, "goals", first, Editor())
    for n in range(template.fields["goals"].max_rows):
        row(engine, plan, "goals", title=f"Tikslas {n}")
    page = client.get(f"/plans/{plan}/istorija")
    seq = re.search(r'Pašalinta eilutė</p>\s*<form method="post" action="/plans/\d+/istorija/(\d+)"', page.text).group(1)
    r = client.post(f"/plans/{plan}/istorija/{seq}", follow_redirects=False)
    assert r.status_code == 422 and "daugiausia eilučių" in r.text
    assert first not in [x.id for x in load_plan_data(engine, template, plan).rows("goals")]


def test_history_of_an_over_long_path_is_404(client, plan) -> None:
    assert client.get(f"/plans/{plan}/istorija", params={"path": "needs/" + "a" * 5000}).status_code == 404
