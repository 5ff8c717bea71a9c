"""Comment threads in the domain: anchors checked against the template, replies, resolve and
reopen, threads that follow a moved row and stay (marked) when their row is deleted."""
from __future__ import annotations

import pytest

from app.plan.answers import Editor
from app.plan.comment_threads import open_threads_of, place_of, plan_threads, step_counts
from app.plan.comments import (add_reply, add_thread, link_counts, open_counts_by_anchor,
                               open_counts_by_section, set_resolved)
from app.plan.errors import NotFound, Refused
from app.plan.rows import delete_row, move_row
from app.plan.services import get_plan, read_plan
from tests.factories import make_lag, make_person, make_plan, row


def _editor(engine, name: str = "Rūta Moderatorė", on_behalf_of: str | None = None) -> Editor:  # noqa: ANN001
    return Editor(person_id=make_person(engine, name), on_behalf_of=on_behalf_of)


def test_thread_on_field_has_replies_and_resolves_and_reopens(engine, template) -> None:  # noqa: ANN001
    plan_id = make_plan(engine)
    ruta, jonas = _editor(engine), _editor(engine, "Jonas", on_behalf_of="Petras")
    thread = add_thread(engine, template, plan_id, "bo_chair", "Ar tikrai Ona?", ruta)
    add_reply(engine, plan_id, thread, "Taip, išrinkta gegužę.", jonas)
    [t] = plan_threads(engine, plan_id)
    assert (t.first.body, t.first.author) == ("Ar tikrai Ona?", "Rūta Moderatorė")
    assert [(r.body, r.author, r.on_behalf_of) for r in t.replies] == [("Taip, išrinkta gegužę.", "Jonas", "Petras")]
    assert open_counts_by_section(engine, template, plan_id) == {"B": 1}

    set_resolved(engine, plan_id, thread, jonas.person_id)
    assert plan_threads(engine, plan_id) == []
    [done] = plan_threads(engine, plan_id, "resolved")
    assert done.resolved_by == "Jonas" and done.resolved_at is not None
    assert open_counts_by_section(engine, template, plan_id) == {}

    set_resolved(engine, plan_id, thread, ruta.person_id, resolved=False)
    assert [t.id for t in plan_threads(engine, plan_id)] == [thread]
    assert open_counts_by_section(engine, template, plan_id) == {"B": 1}


def test_thread_on_row_follows_the_row_when_rows_move(engine, template) -> None:  # noqa: ANN001
    plan_id = make_plan(engine)
    first = row(engine, plan_id, "needs", title="Nėra kelio")
    second = row(engine, plan_id, "needs", title="Nėra bibliotekos")
    editor = _editor(engine)
    add_thread(engine, template, plan_id, f"needs/{second}", "Kas skaičiavo?", editor)
    add_thread(engine, template, plan_id, f"needs/{second}/evidence", "Trūksta skaičių", editor)
    move_row(engine, plan_id, "needs", second, -1, editor)
    data = read_plan(engine, get_plan(engine, plan_id))
    assert [r.id for r in data.rows("needs")] == [second, first]
    places = [place_of(template, data, t.anchor) for t in plan_threads(engine, plan_id)]
    assert [p.row for p in places] == ["1. Nėra bibliotekos", "1. Nėra bibliotekos"]
    assert places[1].label == "Problemos ir poreikiai: Įrodymai, faktai"
    assert all(p.target == f"row-{second}" and p.section == "D" for p in places)
    counts = link_counts(open_counts_by_anchor(engine, plan_id, ["needs"]))
    assert counts == {"needs": 2, f"needs/{second}": 2}
    assert first not in str(counts)


def test_thread_on_deleted_row_stays_marked_until_resolved(engine, template) -> None:  # noqa: ANN001
    plan_id = make_plan(engine)
    gone = row(engine, plan_id, "needs", title="Nėra kelio")
    editor = _editor(engine)
    thread = add_thread(engine, template, plan_id, f"needs/{gone}", "Ar dar aktualu?", editor)
    delete_row(engine, template, plan_id, "needs", gone, editor)
    data = read_plan(engine, get_plan(engine, plan_id))
    [t] = plan_threads(engine, plan_id)
    assert place_of(template, data, t.anchor).row_gone  # listed as "eilutė pašalinta"
    assert open_counts_by_section(engine, template, plan_id) == {"D": 1}
    with pytest.raises(NotFound):  # no new thread on a deleted row
        add_thread(engine, template, plan_id, f"needs/{gone}", "Dar viena", editor)
    add_reply(engine, plan_id, thread, "Pašalinome, nes išspręsta.", editor)
    set_resolved(engine, plan_id, thread, editor.person_id)
    assert open_counts_by_section(engine, template, plan_id) == {}


@pytest.mark.parametrize("anchor", ["", "nera_tokio", "@Z", "bo_chair/x", "needs/nera", "needs/../x",
                                    "needs/abc/nera_stulpelio", "a" * 300, "needs/a/b/c"])
def test_anchor_outside_the_template_is_not_found(engine, template, anchor) -> None:  # noqa: ANN001
    plan_id = make_plan(engine)
    with pytest.raises(NotFound):
        add_thread(engine, template, plan_id, anchor, "Pastaba", _editor(engine))
    assert plan_threads(engine, plan_id, "all") == []


@pytest.mark.parametrize("body", ["", "   ", "bloga\x00pastaba", "x" * 4001])
def test_bad_body_is_refused_in_lithuanian(engine, template, body) -> None:  # noqa: ANN001
    plan_id = make_plan(engine)
    with pytest.raises(Refused) as refused:
        add_thread(engine, template, plan_id, "@B", body, _editor(engine))
    assert refused.value.message.lt and refused.value.message.lt != refused.value.message.en
    assert plan_threads(engine, plan_id, "all") == []


def test_comment_of_another_plan_is_not_found(engine, template) -> None:  # noqa: ANN001
    mine, other = make_plan(engine), make_plan(engine, "Kita bendruomenė", lag=make_lag(engine, "Kita VVG"))
    thread = add_thread(engine, template, other, "@A", "Svetima", _editor(engine))
    with pytest.raises(NotFound):
        add_reply(engine, mine, thread, "Atsakymas", _editor(engine))
    with pytest.raises(NotFound):
        set_resolved(engine, mine, thread, None)
    assert plan_threads(engine, other)[0].replies == []


def test_open_threads_across_plans_and_per_step(engine, template) -> None:  # noqa: ANN001
    a, b = make_plan(engine), make_plan(engine, "Kita bendruomenė", lag=make_lag(engine, "Kita VVG"))
    editor = _editor(engine)
    add_thread(engine, template, a, "bo_chair", "Viena", editor)
    add_thread(engine, template, a, "@B", "Apie skyrių", editor)
    closed = add_thread(engine, template, b, "bo_chair", "Išspręsta", editor)
    set_resolved(engine, b, closed, None)
    found = open_threads_of(engine, [a, b])
    assert list(found) == [a] and len(found[a]) == 2
    step = template.step_of("bo_chair").slug
    assert step_counts(engine, template, a) == {step: 1}  # a section's thread counts on no step
