"""Restoring a version brings the plan back exactly (compare finds nothing), keeps everything in
the history, and is undone by restoring the automatic version made just before it."""
import pytest
from sqlmodel import Session, select

from app.models import Change
from app.plan.answers import Editor, load_plan_data
from app.plan.compare import compare
from app.plan.errors import Conflict, NotFound
from app.plan.rebuild import rebuild_plan
from app.plan.restore import restore_version
from app.plan.rows import delete_row, move_row
from app.plan.versions import get_version, list_versions, make_version, snapshot_of
from tests.factories import answer, make_lag, make_plan, row


def now(engine, template, plan_id: int) -> dict:  # noqa: ANN001
    return snapshot_of(load_plan_data(engine, template, plan_id))


def changes(engine, plan_id: int) -> int:  # noqa: ANN001
    with Session(engine) as db:
        return len(db.exec(select(Change.seq).where(Change.plan_id == plan_id)).all())


def test_restore_brings_back_the_version_and_undo_brings_back_the_later_text(engine, template) -> None:
    plan = make_plan(engine)
    answer(engine, plan, "vision", "Jauki ir gyva bendruomenė")
    kept = row(engine, plan, "villages", name="Pašilė")
    gone = row(engine, plan, "villages", name="Ąžuolynė")
    v1, n1 = make_version(engine, plan, "Po 1 susitikimo")
    # the later work: text changed, a row renamed, one removed, one added, the order changed
    answer(engine, plan, "vision", "Jauki, gyva ir atvira bendruomenė")
    answer(engine, plan, "mission", "Telkti žmones")
    answer(engine, plan, f"villages/{kept}/name", "Pašilės kaimas")
    delete_row(engine, template, plan, "villages", gone, Editor())
    added = row(engine, plan, "villages", name="Naujoji")
    move_row(engine, plan, "villages", added, -1, Editor())
    later = now(engine, template, plan)
    logged = changes(engine, plan)

    done = restore_version(engine, template, plan, v1, Editor())
    _, at_v1 = get_version(engine, plan, v1)
    assert compare(template, at_v1, now(engine, template, plan)).count == 0
    assert now(engine, template, plan) == at_v1
    assert changes(engine, plan) > logged  # the restore wrote ordinary changes; none was removed
    assert rebuild_plan(engine, template, plan).data.tables == load_plan_data(engine, template, plan).tables
    before = next(v for v in list_versions(engine, plan) if v.id == done.before_id)
    assert before.name == f"Prieš atkuriant {n1} versiją" and before.number == n1 + 1

    restore_version(engine, template, plan, done.before_id, Editor())
    assert now(engine, template, plan) == later
    data = load_plan_data(engine, template, plan)
    assert data.value("vision") == "Jauki, gyva ir atvira bendruomenė"
    assert [r.values["name"] for r in data.rows("villages")] == ["Naujoji", "Pašilės kaimas"]
    # v1, the automatic one before restoring it, and the one before undoing: nothing lost
    assert [v.number for v in list_versions(engine, plan)] == [3, 2, 1]


def test_restore_refuses_when_the_plan_changed_since_the_person_looked(engine, template) -> None:
    plan = make_plan(engine)
    answer(engine, plan, "vision", "Pirma")
    v1, _ = make_version(engine, plan, "Pirma")
    answer(engine, plan, "vision", "Antra")
    seen = max(_seqs(engine, plan))
    answer(engine, plan, "vision", "Trečia, ką tik parašyta")
    with pytest.raises(Conflict):
        restore_version(engine, template, plan, v1, Editor(), seen_seq=seen)
    assert load_plan_data(engine, template, plan).value("vision") == "Trečia, ką tik parašyta"
    assert len(list_versions(engine, plan)) == 1  # the automatic version rolled back too


def test_another_plans_version_is_not_found(engine, template) -> None:
    a, b = make_plan(engine), make_plan(engine, "Kita bendruomenė", lag=make_lag(engine, "Kita VVG"))
    va, _ = make_version(engine, a, "A")
    with pytest.raises(NotFound):
        restore_version(engine, template, b, va, Editor())
    with pytest.raises(NotFound):
        get_version(engine, b, va)


def test_restoring_an_empty_version_keeps_fixed_rows_and_clears_answers(engine, template) -> None:
    plan = make_plan(engine)
    row(engine, plan, "villages", name="Pašilė")
    answer(engine, plan, "vision", "Tekstas")
    from app.models_review import PlanVersion

    with Session(engine) as db:
        v = PlanVersion(plan_id=plan, number=1, name="Tuščia", snapshot_json='{"values": {}, "tables": {}}')
        db.add(v)
        db.commit()
        vid = v.id
    restore_version(engine, template, plan, vid, Editor())
    data = load_plan_data(engine, template, plan)
    assert data.values == {} and data.rows("villages") == []
    assert len(data.rows("age_structure")) == len(template.fields["age_structure"].fixed_rows)


def _seqs(engine, plan_id: int) -> list[int]:  # noqa: ANN001
    with Session(engine) as db:
        return list(db.exec(select(Change.seq).where(Change.plan_id == plan_id)).all())
