"""Row limits live in the domain: add_row and restoring a row refuse past ``max_rows`` inside
the write transaction, for every caller (autosave, plain form, demo, import)."""
import pytest

from app.plan.answers import Editor, load_plan_data
from app.plan.errors import FieldError, LimitReached, NotFound
from app.plan.rows import add_row, delete_row, move_row
from tests.factories import make_plan, row


def test_add_row_refuses_past_max_rows(engine, template) -> None:
    plan = make_plan(engine)
    limit = template.fields["goals"].max_rows
    for n in range(limit):
        row(engine, plan, "goals", title=f"Tikslas {n}")
    with pytest.raises(LimitReached) as err:
        add_row(engine, template, plan, "goals", Editor())
    assert f"daugiausia eilučių – {limit}" in err.value.message.lt and "„Tikslai“" in err.value.message.lt
    assert len(load_plan_data(engine, template, plan).rows("goals")) == limit


def test_restoring_a_row_into_a_full_table_is_refused(engine, template) -> None:
    plan = make_plan(engine)
    limit = template.fields["goals"].max_rows
    first = row(engine, plan, "goals", title="Pirmas")
    delete_row(engine, template, plan, "goals", first, Editor())
    for n in range(limit):
        row(engine, plan, "goals", title=f"Tikslas {n}")
    with pytest.raises(LimitReached):
        delete_row(engine, template, plan, "goals", first, Editor(), restore=True)
    assert first not in [r.id for r in load_plan_data(engine, template, plan).rows("goals")]


def test_fixed_rows_table_takes_no_new_row(engine, template) -> None:
    plan = make_plan(engine)
    with pytest.raises(LimitReached, match="nustatytos iš anksto"):
        add_row(engine, template, plan, "age_structure", Editor())


def test_add_row_checks_its_values(engine, template) -> None:
    plan = make_plan(engine)
    with pytest.raises(FieldError, match="turi būti nuo 0 iki 20 000"):
        add_row(engine, template, plan, "villages", Editor(), {"residents": 10**400})
    with pytest.raises(NotFound):
        add_row(engine, template, plan, "villages", Editor(), {"nope": 1})
    assert load_plan_data(engine, template, plan).rows("villages") == []


@pytest.mark.parametrize("row_id, table", [("x" * 41, "villages"), ("a\x00", "villages"), ("a/b", "villages"),
                                           ("abc", "x" * 10_000)])
def test_malformed_row_ids_and_tables_are_not_found(engine, template, row_id: str, table: str) -> None:
    plan = make_plan(engine)
    with pytest.raises(NotFound):
        delete_row(engine, template, plan, table, row_id, Editor())
    with pytest.raises(NotFound):
        move_row(engine, plan, table, row_id, 1, Editor())
