"""Cells with revisions, conflicts, rows and the change log (DESIGN.md rule 3)."""
import pytest
from sqlmodel import Session, select

from app.models import Change
from app.plan.answers import Editor, load_cells, load_plan_data, save_cell
from app.plan.rows import add_row, delete_row, move_row
from app.plan.errors import Conflict, NotFound
from tests.factories import make_plan


def test_save_then_stale_save_conflicts_and_keeps_both(engine, template) -> None:
    plan = make_plan(engine)
    first = save_cell(engine, template, plan, "vision", 0, "Mūsų kaimas žaliuoja.", Editor())
    assert first.revision == 1
    second = save_cell(engine, template, plan, "vision", 1, "Mūsų kaimas gyvas.", Editor())
    assert second.revision == 2
    with pytest.raises(Conflict) as err:
        save_cell(engine, template, plan, "vision", 1, "Kito žmogaus tekstas", Editor())
    assert err.value.current == "Mūsų kaimas gyvas." and err.value.mine == "Kito žmogaus tekstas"
    assert load_cells(engine, plan)["vision"].value == "Mūsų kaimas gyvas."


def test_retried_save_of_same_value_is_not_a_conflict(engine, template) -> None:
    plan = make_plan(engine)
    save_cell(engine, template, plan, "mission", 0, "Telkiame kaimą.", Editor())
    again = save_cell(engine, template, plan, "mission", 0, "Telkiame kaimą.", Editor())
    assert again.changed is False and again.revision == 1


def test_two_people_in_different_cells_never_conflict(engine, template) -> None:
    plan = make_plan(engine)
    row = add_row(engine, template, plan, "needs", Editor())
    save_cell(engine, template, plan, f"needs/{row}/title", 0, "Nėra saugaus kelio", Editor(person_id=None))
    save_cell(engine, template, plan, f"needs/{row}/domain", 0, "infrastructure" if False else None, Editor())
    save_cell(engine, template, plan, "vision", 0, "Vizija", Editor())
    data = load_plan_data(engine, template, plan)
    assert data.rows("needs")[0].get("title") == "Nėra saugaus kelio" and data.value("vision") == "Vizija"


def test_change_log_records_old_new_and_on_behalf(engine, template) -> None:
    plan = make_plan(engine)
    save_cell(engine, template, plan, "bo_chair", 0, "Ona", Editor(on_behalf_of="Jonas"))
    save_cell(engine, template, plan, "bo_chair", 1, "Ona Petraitienė", Editor())
    with Session(engine) as db:
        log = db.exec(select(Change).where(Change.plan_id == plan, Change.path == "bo_chair")
                      .order_by(Change.seq)).all()
    assert [(c.old_json, c.new_json) for c in log] == [(None, '"Ona"'), ('"Ona"', '"Ona Petraitienė"')]
    assert log[0].on_behalf_of == "Jonas" and log[0].seq < log[1].seq


def test_rows_append_move_delete_restore(engine, template) -> None:
    plan = make_plan(engine)
    a = add_row(engine, template, plan, "villages", Editor(), {"name": "Pašilė"})
    b = add_row(engine, template, plan, "villages", Editor(), {"name": "Beržynė"})
    move_row(engine, plan, "villages", b, -1, Editor())
    assert [r.get("name") for r in load_plan_data(engine, template, plan).rows("villages")] == ["Beržynė", "Pašilė"]
    delete_row(engine, template, plan, "villages", a, Editor())
    assert [r.id for r in load_plan_data(engine, template, plan).rows("villages")] == [b]
    with pytest.raises(NotFound):
        save_cell(engine, template, plan, f"villages/{a}/name", 1, "X", Editor())
    delete_row(engine, template, plan, "villages", a, Editor(), restore=True)
    assert len(load_plan_data(engine, template, plan).rows("villages")) == 2


def test_fixed_rows_come_with_plan_and_cannot_be_deleted(engine, template) -> None:
    plan = make_plan(engine)
    rows = load_plan_data(engine, template, plan).rows("age_structure")
    assert [r.fixed for r in rows] == [fr.id for fr in template.fields["age_structure"].fixed_rows]
    with pytest.raises(NotFound):
        delete_row(engine, template, plan, "age_structure", rows[0].id, Editor())


def test_unknown_paths_are_not_found(engine, template) -> None:
    plan = make_plan(engine)
    for path in ("nope", "needs", "vision/x/y", "needs/abc", "needs/abc/nope"):
        with pytest.raises(NotFound):
            save_cell(engine, template, plan, path, 0, "x", Editor())
