"""Comparing two states of a plan: a changed word is marked removed/added in words a screen
reader reads and a no-colour view shows (``<del>``/``<ins>`` with hidden "pašalinta"/"pridėta"),
rows added, removed and moved are named, unchanged sections fold."""
from app.plan.answers import Editor, load_plan_data
from app.plan.compare import Piece, compare, word_diff
from app.plan.rows import move_row
from app.plan.versions import snapshot_of
from tests.factories import answer, make_plan, row


def test_word_diff_marks_only_the_changed_words() -> None:
    assert word_diff("Jauki ir gyva bendruomenė", "Jauki ir atvira bendruomenė") == [
        Piece("same", "Jauki ir "), Piece("del", "gyva"), Piece("ins", "atvira"), Piece("same", " bendruomenė")]
    assert word_diff("", "Nauja") == [Piece("ins", "Nauja")]
    assert word_diff("Tas pats", "Tas pats") == [Piece("same", "Tas pats")]


def test_compare_names_changed_fields_and_rows_section_by_section(engine, template) -> None:
    plan = make_plan(engine)
    answer(engine, plan, "vision", "Jauki ir gyva bendruomenė")
    a = row(engine, plan, "villages", name="Pašilė")
    b = row(engine, plan, "villages", name="Ąžuolynė")
    gone = row(engine, plan, "villages", name="Senoji")
    old = snapshot_of(load_plan_data(engine, template, plan))
    answer(engine, plan, "vision", "Jauki ir atvira bendruomenė")
    answer(engine, plan, f"villages/{a}/name", "Pašilės kaimas")
    from app.plan.rows import delete_row

    delete_row(engine, template, plan, "villages", gone, Editor())
    new_row = row(engine, plan, "villages", name="Naujoji")
    move_row(engine, plan, "villages", b, -1, Editor())
    result = compare(template, old, snapshot_of(load_plan_data(engine, template, plan)))
    changed = {s.letter: s for s in result.sections if s.changed}
    vision = next(i for s in changed.values() for i in s.changed if getattr(i, "key", "") == "vision")
    assert [p for p in vision.pieces if p.op != "same"] == [Piece("del", "gyva"), Piece("ins", "atvira")]
    villages = next(i for s in changed.values() for i in s.changed if getattr(i, "key", "") == "villages")
    states = {r.row_id: (r.state, r.moved) for r in villages.rows}
    assert states[a][0] == "changed" and states[gone] == ("removed", False) and states[new_row][0] == "added"
    assert states[b][1] or states[a][1]  # the swap of Pašilė and Ąžuolynė shows as a move
    assert result.count == 5  # vision + 4 rows
    assert any(not s.changed for s in result.sections)  # the rest is unchanged (folded on the page)


def test_identical_snapshots_compare_empty(engine, template) -> None:
    plan = make_plan(engine)
    answer(engine, plan, "vision", "Tekstas")
    snap = snapshot_of(load_plan_data(engine, template, plan))
    assert compare(template, snap, snap).count == 0
