"""The wizard without JavaScript (app/web/routes/wizard.py): the plain POST of a whole step and
the gate check what autosave checks, keep what was typed, and say why with a 422."""
import pytest

from app.plan.answers import load_cells, load_plan_data
from app.plan.services import MAX_REASON, gate_overrides
from tests.factories import login_as, make_lag, make_plan, row


@pytest.fixture
def plan(engine, client) -> int:
    plan_id = make_plan(engine)
    login_as(client, "team_member", plan=plan_id)
    return plan_id


@pytest.mark.parametrize("path_of, typed, message", [
    (lambda village: "residents_total", "9" * 400, "per ilgas skaičius"),
    (lambda village: "bo_founded", "-" + "9" * 400, "per ilgas skaičius"),
    (lambda village: f"villages/{village}/distance_km", "9" * 400, "per ilgas skaičius"),
    (lambda village: f"villages/{village}/distance_km", "Infinity", "įrašykite skaičių"),
    (lambda village: f"villages/{village}/distance_km", "1e20", "įrašykite skaičių"),
    (lambda village: f"villages/{village}/distance_km", "NaN", "įrašykite skaičių"),
    (lambda village: f"villages/{village}/distance_km", "7,25", "po kablelio – ne daugiau kaip vienas skaitmuo"),
    (lambda village: "bo_chair", "O\x85na", "nematomų valdymo simbolių"),
    (lambda village: "bo_chair", "Gr\ufffdžina", "nepavyko perskaityti"),
])
def test_plain_form_refuses_like_autosave_and_keeps_what_was_typed(client, engine, plan, path_of, typed, message) -> None:
    path = path_of(row(engine, plan, "villages", name="Pašilė"))
    r = client.post(f"/plans/{plan}/steps/bendruomene", data={f"v:{path}": typed, f"rev:{path}": "0",
                                                              "action": "next"}, follow_redirects=False)
    assert r.status_code == 422 and message in r.text and 'role="alert"' in r.text
    assert typed.replace("\ufffd", "&#65533;")[:50] in r.text or typed[:50] in r.text
    assert path not in load_cells(engine, plan)


def test_plain_form_refuses_refs_to_another_plan_or_a_removed_row(client, engine, template, plan) -> None:
    from app.plan.answers import Editor
    from app.plan.rows import delete_row

    other = make_plan(engine, "Ąžuolynės kaimo bendruomenė", lag=make_lag(engine, "Anykščių VVG"))
    foreign = row(engine, other, "needs", title="Svetimas")
    gone = row(engine, plan, "needs", title="Pašalintas")
    delete_row(engine, template, plan, "needs", gone, Editor())
    for value in (foreign, gone):
        r = client.post(f"/plans/{plan}/steps/advokacijos-klausimas",
                        data={"v:adv_need": value, "rev:adv_need": "0", "action": "save"}, follow_redirects=False)
        assert r.status_code == 422 and "tokios eilutės nebėra" in r.text
    r = client.post(f"/plans/{plan}/steps/advokacijos-klausimas",
                    files={"v:adv_need": (None, "\x00"), "rev:adv_need": (None, "0"), "action": (None, "save")},
                    follow_redirects=False)
    assert r.status_code == 422 and "netinkama nuoroda" in r.text
    assert "adv_need" not in load_cells(engine, plan)


def test_plain_form_cannot_add_a_row_past_max_rows(client, engine, template, plan) -> None:
    limit = template.fields["goals"].max_rows
    goals = [row(engine, plan, "goals", title=f"Tikslas {n}") for n in range(limit)]
    path = f"goals/{goals[0]}/title"
    r = client.post(f"/plans/{plan}/steps/tikslai", data={f"v:{path}": "Pataisytas tikslas", f"rev:{path}": "1",
                                                          "action": "add:goals"}, follow_redirects=False)
    assert r.status_code == 422 and f"daugiausia eilučių – {limit}" in r.text
    assert 'id="table-goals-error"' in r.text and "Pataisytas tikslas" in r.text  # the typed answer is kept
    assert len(load_plan_data(engine, template, plan).rows("goals")) == limit
    assert load_cells(engine, plan)[path].value == "Pataisytas tikslas"


def test_plain_form_adds_a_row_below_the_limit(client, engine, template, plan) -> None:
    r = client.post(f"/plans/{plan}/steps/tikslai", data={"action": "add:goals"}, follow_redirects=False)
    assert r.status_code == 303 and "#row-" in r.headers["location"]
    assert len(load_plan_data(engine, template, plan).rows("goals")) == 1


@pytest.mark.parametrize("action", ["add:age_structure", "add:nope", "add:" + "x" * 5000,
                                    "delete:villages:" + "a" * 5000, "up:villages:a b"])
def test_plain_form_row_buttons_with_bad_targets_are_refused_cleanly(client, plan, action: str) -> None:
    r = client.post(f"/plans/{plan}/steps/bendruomene", data={"action": action}, follow_redirects=False)
    assert r.status_code in (404, 422)


@pytest.mark.parametrize("reason, message", [
    ("Duomenis atsiųs seniūnija\x07", "nematomų valdymo simbolių"),
    ("Duomenis atsiųs\x85 seniūnija", "nematomų valdymo simbolių"),
    ("Duomenis atsiųs \ufffd seniūnija", "nepavyko perskaityti"),
    ("Duomenis atsiųs seniūnija " + "ą" * MAX_REASON, f"ne daugiau kaip {MAX_REASON} simbolių"),
])
def test_gate_reason_refused_with_the_message_and_the_typed_reason_kept(client, engine, plan, reason, message) -> None:
    r = client.post(f"/plans/{plan}/sessions/1/leave", data={"reason": reason}, follow_redirects=False)
    assert r.status_code == 422 and message in r.text
    assert "Duomenis atsiųs" in r.text and 'aria-invalid="true"' in r.text
    if "ą" * 100 in reason:
        assert reason in r.text  # kept whole, not cut at the limit
    assert gate_overrides(engine, plan) == []


def test_plain_form_keeps_a_ref_to_a_row_unpicked_later(client, engine, template, plan) -> None:
    """The select still offers the stored need (marked), so sending the step back unchanged
    neither clears it nor trips the only_selected check."""
    from tests.factories import answer

    kept, other = row(engine, plan, "needs", title="Autobusas"), row(engine, plan, "needs", title="Salė")
    answer(engine, plan, "priorities", [kept, other])
    tree = row(engine, plan, "problem_tree", need=kept)
    answer(engine, plan, "priorities", [other])
    page = client.get(f"/plans/{plan}/steps/problemu-medis")
    assert "Autobusas (nebepažymėta)" in page.text
    path = f"problem_tree/{tree}/need"
    r = client.post(f"/plans/{plan}/steps/problemu-medis", data={f"v:{path}": kept, f"rev:{path}": "1",
                                                                 "action": "save"}, follow_redirects=False)
    assert r.status_code == 303 and load_cells(engine, plan)[path].value == kept
