"""The change log alone rebuilds a plan exactly: values, rows, their order and deleted rows,
for every demo plan and after moves, deletions and restorations."""
from sqlalchemy import select
from sqlmodel import Session

from app.demo import load_demo
from app.models import Plan, PlanRow
from app.plan.answers import Editor, load_plan_data
from app.plan.rebuild import rebuild_plan
from app.plan.rows import delete_row, move_row
from tests.factories import answer, make_plan, row


def deleted_rows(engine, plan_id: int) -> dict[str, set[str]]:  # noqa: ANN001
    out: dict[str, set[str]] = {}
    with Session(engine) as db:
        for r in db.exec(select(PlanRow).where(PlanRow.plan_id == plan_id, PlanRow.deleted_at.is_not(None))).scalars():
            out.setdefault(r.table_key, set()).add(r.row_id)
    return out


def assert_rebuilds(engine, template, plan_id: int) -> None:  # noqa: ANN001
    live = load_plan_data(engine, template, plan_id)
    rebuilt = rebuild_plan(engine, template, plan_id)
    assert rebuilt.data.values == live.values
    assert rebuilt.data.tables.keys() == live.tables.keys()
    for key, rows in live.tables.items():
        assert [r.id for r in rebuilt.data.tables[key]] == [r.id for r in rows], key  # order
        assert rebuilt.data.tables[key] == rows, key  # values and fixed ids
    assert rebuilt.deleted == deleted_rows(engine, plan_id)


def test_every_demo_plan_rebuilds_from_its_change_log(engine, template) -> None:
    load_demo(engine)
    with Session(engine) as db:
        plans = list(db.exec(select(Plan.id)).scalars())
    assert len(plans) == 3
    for plan_id in plans:
        live = load_plan_data(engine, template, plan_id)
        assert live.values and live.tables  # the demo plans hold answers and rows
        assert_rebuilds(engine, template, plan_id)


def test_new_plan_rebuilds_with_its_prefill_and_fixed_rows(engine, template) -> None:
    plan = make_plan(engine)
    rebuilt = rebuild_plan(engine, template, plan)
    assert rebuilt.data.values["bo_name"] == "Pašilės kaimo bendruomenė"
    assert [r.fixed for r in rebuilt.data.rows("age_structure")] == \
        [f.id for f in template.fields["age_structure"].fixed_rows]
    assert_rebuilds(engine, template, plan)


def test_moves_deletions_and_restorations_rebuild_exactly(engine, template) -> None:
    plan = make_plan(engine)
    ids = [row(engine, plan, "villages", name=f"Kaimas {n}") for n in range(5)]
    move_row(engine, plan, "villages", ids[4], -1, Editor())
    move_row(engine, plan, "villages", ids[4], -1, Editor())
    move_row(engine, plan, "villages", ids[0], 1, Editor())
    delete_row(engine, template, plan, "villages", ids[2], Editor())
    move_row(engine, plan, "villages", ids[3], -1, Editor())
    delete_row(engine, template, plan, "villages", ids[1], Editor())
    delete_row(engine, template, plan, "villages", ids[1], Editor(), restore=True)
    answer(engine, plan, f"villages/{ids[3]}/name", "Naujas pavadinimas")
    answer(engine, plan, "vision", "Gyva bendruomenė")
    answer(engine, plan, "vision", None)
    order = [r.id for r in load_plan_data(engine, template, plan).rows("villages")]
    assert order == [ids[1], ids[0], ids[3], ids[4]]
    assert_rebuilds(engine, template, plan)


def test_many_moves_into_one_gap_keep_the_log_exact(engine, template) -> None:
    """Halving one gap again and again runs out of float precision: the rows are numbered anew
    and every row that changed is logged, so the rebuild still matches."""
    plan = make_plan(engine)
    ids = [row(engine, plan, "villages", name=f"K{n}") for n in range(4)]
    for _ in range(70):  # the last row up to second place, then the second to last, …
        order = [r.id for r in load_plan_data(engine, template, plan).rows("villages")]
        move_row(engine, plan, "villages", order[-1], -1, Editor())
        move_row(engine, plan, "villages", order[-1], -1, Editor())
    assert_rebuilds(engine, template, plan)
    assert sorted(r.id for r in load_plan_data(engine, template, plan).rows("villages")) == sorted(ids)
    from app.models import Change

    with Session(engine) as db:
        moves = db.exec(select(Change.seq).where(Change.plan_id == plan, Change.action == "row_move")).all()
    assert len(moves) > 140  # the gap ran out at least once: more rows than the one moved were logged


def test_rebuild_up_to_a_change_shows_the_plan_as_it_was(engine, template) -> None:
    plan = make_plan(engine)
    answer(engine, plan, "vision", "Pirmas")
    upto = max(e for e in _seqs(engine, plan))
    answer(engine, plan, "vision", "Antras")
    assert rebuild_plan(engine, template, plan, upto_seq=upto).data.values["vision"] == "Pirmas"


def _seqs(engine, plan_id: int) -> list[int]:  # noqa: ANN001
    from app.models import Change

    with Session(engine) as db:
        return list(db.exec(select(Change.seq).where(Change.plan_id == plan_id)).scalars())
