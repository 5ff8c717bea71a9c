""""Plano versija" is the plan's saved version ("2 versija, 2025-03-14"), not a count of edits:
on screen, in the plan's meta (the DOCX title page reads it), and unchanged by typing."""
import re

from app.plan.answers import Editor
from app.plan.display import field_text
from app.plan.rows import move_row
from app.plan.services import get_plan, plan_version, read_plan
from app.plan.versions import make_version
from tests.factories import answer, login_as, make_plan, row


def test_plan_version_is_the_newest_saved_version_not_the_edit_count(engine, template) -> None:
    plan = make_plan(engine)
    for n in range(5):
        answer(engine, plan, "vision", f"Tekstas {n}")
    assert plan_version(engine, plan)[0] is None  # edits alone make no version
    make_version(engine, plan, "Po 1 susitikimo", "session_close")
    answer(engine, plan, "vision", "Dar vienas")
    make_version(engine, plan, "Po 2 susitikimo")
    label, last_seq = plan_version(engine, plan)
    assert re.fullmatch(r"2 versija, \d{4}-\d\d-\d\d", label)
    assert last_seq > 0  # live refresh keeps asking from the last change
    assert re.fullmatch(r"Version 2, \d{4}-\d\d-\d\d", plan_version(engine, plan, "en")[0])
    data = read_plan(engine, get_plan(engine, plan))
    assert field_text(template, data, template.fields["version"], "lt") == label  # title page, DOCX


def test_history_says_which_way_a_row_moved(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    first = row(engine, plan, "villages", name="Pašilė")
    row(engine, plan, "villages", name="Ąžuolynė")
    move_row(engine, plan, "villages", first, 1, Editor())
    page = client.get(f"/plans/{plan}/istorija").text
    assert "Eilutė perkelta žemyn" in page


def test_fixed_rows_logged_with_a_new_plan_are_not_listed_as_added(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    page = client.get(f"/plans/{plan}/istorija").text
    assert "Pridėta eilutė" not in page and "Pašilės kaimo bendruomenė" in page  # the pre-filled name
    row(engine, plan, "villages", name="Pašilė")
    assert client.get(f"/plans/{plan}/istorija").text.count("Pridėta eilutė") == 1
