"""A ref names live rows of its table in the same plan (and, with only_selected, picked ones):
checked inside save_cell and add_row, so every path that writes answers gets the same check."""
import pytest

from app.plan.answers import Editor, load_cells, save_cell
from app.plan.errors import FieldError
from app.plan.rows import add_row, delete_row
from tests.factories import answer, make_lag, make_plan, row


@pytest.fixture
def two_plans(engine):  # noqa: ANN001, ANN201
    mine = make_plan(engine)
    other = make_plan(engine, "Ąžuolynės kaimo bendruomenė", lag=make_lag(engine, "Anykščių VVG"))
    return mine, other


def refused(engine, template, plan: int, path: str, value) -> str:  # noqa: ANN001
    with pytest.raises(FieldError) as err:
        save_cell(engine, template, plan, path, 0, value, Editor())
    assert path not in load_cells(engine, plan)
    return err.value.message.lt


def test_ref_to_another_plans_row_is_refused(engine, template, two_plans) -> None:
    mine, other = two_plans
    foreign = row(engine, other, "needs", title="Svetimas poreikis")
    assert "tokios eilutės nebėra" in refused(engine, template, mine, "adv_need", foreign)
    assert "tokios eilutės nebėra" in refused(engine, template, mine, "priorities", [foreign])


def test_ref_to_a_removed_row_is_refused(engine, template, two_plans) -> None:
    mine, _ = two_plans
    need = row(engine, mine, "needs", title="Autobusas")
    delete_row(engine, template, mine, "needs", need, Editor())
    assert "tokios eilutės nebėra" in refused(engine, template, mine, "adv_need", need)


@pytest.mark.parametrize("value", ["\x00", "needs/x", "x" * 41, ""])
def test_ref_that_is_no_row_id_is_refused(engine, template, two_plans, value) -> None:
    mine, _ = two_plans
    assert "netinkama nuoroda" in refused(engine, template, mine, "adv_need", value)


def test_ref_to_a_row_of_another_table_is_refused(engine, template, two_plans) -> None:
    mine, _ = two_plans
    goal = row(engine, mine, "goals", title="Tikslas")
    assert "tokios eilutės nebėra" in refused(engine, template, mine, "adv_need", goal)


def test_ref_to_a_live_row_of_the_plan_is_stored(engine, template, two_plans) -> None:
    mine, _ = two_plans
    need = row(engine, mine, "needs", title="Autobusas")
    answer(engine, mine, "adv_need", need)
    assert load_cells(engine, mine)["adv_need"].value == need


def test_only_selected_ref_takes_only_picked_rows(engine, template, two_plans) -> None:
    mine, _ = two_plans
    picked, unpicked = row(engine, mine, "needs", title="Autobusas"), row(engine, mine, "needs", title="Salė")
    answer(engine, mine, "priorities", [picked])
    goal = row(engine, mine, "goals", title="Susisiekimas")
    assert "pažymėta „Prioritetiniai poreikiai“" in refused(engine, template, mine, f"goals/{goal}/needs", [unpicked])
    answer(engine, mine, f"goals/{goal}/needs", [picked])
    assert load_cells(engine, mine)[f"goals/{goal}/needs"].value == [picked]


def test_only_selected_keeps_a_row_unpicked_later_but_adds_no_new_one(engine, template, two_plans) -> None:
    """A goal keeps a need that was un-picked afterwards (the page marks it); re-saving it or
    adding a picked one works, adding an unpicked one does not."""
    mine, _ = two_plans
    a, b, c = (row(engine, mine, "needs", title=t) for t in ("A", "B", "C"))
    answer(engine, mine, "priorities", [a, b])
    goal = row(engine, mine, "goals", title="Tikslas")
    path = f"goals/{goal}/needs"
    answer(engine, mine, path, [a])
    answer(engine, mine, "priorities", [b])  # a is no longer a priority
    answer(engine, mine, path, [a, b])
    assert load_cells(engine, mine)[path].value == [a, b]
    with pytest.raises(FieldError):
        save_cell(engine, template, mine, path, load_cells(engine, mine)[path].revision, [a, b, c], Editor())


def test_rows_added_with_values_get_the_ref_check(engine, template, two_plans) -> None:
    mine, other = two_plans
    foreign = row(engine, other, "goals", title="Svetimas tikslas")
    with pytest.raises(FieldError, match="tokios eilutės nebėra"):
        add_row(engine, template, mine, "objectives", Editor(), {"goal": foreign, "text": "Uždavinys"})
    with pytest.raises(FieldError, match="netinkama nuoroda"):
        add_row(engine, template, mine, "objectives", Editor(), {"goal": "\x00"})
    assert not [p for p in load_cells(engine, mine) if p.startswith("objectives/")]
