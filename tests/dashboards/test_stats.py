"""The per-plan figures cache: read in bulk exactly as one plan is read, recomputed only for
plans changed since, and the same as the progress the plan's own pages show."""
from __future__ import annotations

import json

from sqlmodel import Session, select

from app.models_review import PlanStats
from app.people.access import Grant
from app.plan.answers import load_plan_data
from app.plan.permissions import Role
from app.plan.stats import bulk_plan_data, plan_lines
from app.plan.wizard import plan_progress, session_progress
from tests.factories import answer, row

EVERYONE = (Grant(Role.ADMIN),)


def test_bulk_read_equals_the_one_plan_reader(engine, world, template) -> None:
    a, b = world.plans["pasile"], world.plans["azuolyne"]
    row(engine, a, "villages", name="Pašilė", residents=120)
    answer(engine, a, "vision", "Gyva bendruomenė")
    with engine.connect() as conn:
        bulk = bulk_plan_data(conn, {a: (template, "lt"), b: (template, "lt")})
    for pid in (a, b):
        one = load_plan_data(engine, template, pid)
        assert (bulk[pid].values, bulk[pid].tables) == (one.values, one.tables)


def test_stats_match_the_plans_own_progress(engine, world, template) -> None:
    pid = world.plans["silenai"]
    answer(engine, pid, "plan_title", "Šilėnų planas 2026–2030")
    line = next(x for x in plan_lines(engine, EVERYONE) if x.id == pid)
    data = load_plan_data(engine, template, pid)
    whole = plan_progress(template, data)
    assert (line.answered, line.required) == (whole.filled, whole.total)
    assert line.sessions == tuple((p.filled, p.total) for p in
                                  (session_progress(template, data, s.number) for s in template.sessions))
    assert line.title == "Šilėnų planas 2026–2030"


def recomputed(monkeypatch) -> list[int]:  # noqa: ANN001
    """The plans whose figures get computed from here on."""
    from app.plan import stats

    seen: list[int] = []
    real = stats.refresh
    monkeypatch.setattr(stats, "refresh", lambda engine, plans: seen.extend(p[0] for p in plans) or real(engine, plans))
    return seen


def test_only_changed_plans_are_recomputed(engine, world, monkeypatch) -> None:
    seen = recomputed(monkeypatch)
    plan_lines(engine, EVERYONE)
    assert sorted(seen) == sorted(world.plans.values())  # the first visit computes every plan
    seen.clear()
    plan_lines(engine, EVERYONE)
    assert seen == []  # nothing changed since
    pid = world.plans["debeikiai"]
    answer(engine, pid, "sessions/sessions-1/participants_n", 7)
    line = next(x for x in plan_lines(engine, EVERYONE) if x.id == pid)
    assert seen == [pid] and line.participants == 7
    with Session(engine) as db:
        stored = db.get(PlanStats, pid)
        assert stored.participants == 7 and len(json.loads(stored.session_answered_json)) == 3


def test_a_page_recomputes_at_most_its_budget_newest_first(engine, world, monkeypatch) -> None:
    seen = recomputed(monkeypatch)
    lines = plan_lines(engine, EVERYONE, budget=2)
    newest = sorted(lines, key=lambda x: x.updated_at, reverse=True)[:2]
    assert sorted(seen) == sorted(x.id for x in newest)
    assert sum(x.pending for x in lines) == len(world.plans) - 2
    seen.clear()
    lines = plan_lines(engine, EVERYONE, budget=100)
    assert len(seen) == len(world.plans) - 2 and not any(x.pending for x in lines)


def test_dashboards_reach_exactly_the_plans_the_person_may_open(engine, world) -> None:
    from app.people.access import grants_of, visible_plans
    from tests.factories import add_role, make_person

    person = make_person(engine, "Jonas Įvairus", "jonas@example.lt")
    add_role(engine, person, "facilitator", plan_id=world.plans["azuolyne"], lag_id=world.anyksciai)
    add_role(engine, person, "lag_staff", lag_id=world.kelme)
    lone = make_person(engine, "Nijolė Be Planų", "nijole@example.lt")
    add_role(engine, lone, "facilitator", lag_id=world.anyksciai)  # a facilitator of no plan yet
    for pid in (person, lone):
        grants = grants_of(engine, pid)
        assert [x.id for x in plan_lines(engine, grants)] == [p.id for p, _, _ in visible_plans(engine, grants)]
    assert plan_lines(engine, grants_of(engine, lone)) == []
