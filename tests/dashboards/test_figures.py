"""The project's figures against a world counted by hand: plans approved, in review and in
progress, sessions held (closed ones only), participants per LAG, and the targets from data."""
from __future__ import annotations

from app.people.access import Grant
from app.plan.figures import report
from app.plan.permissions import Role
from app.plan.project import get_project
from app.plan.stats import plan_lines
from tests.dashboards.conftest import ANYKSCIAI, KELME

EVERYONE = (Grant(Role.COORDINATOR),)


def figures(engine, world):  # noqa: ANN001, ANN201
    lines = plan_lines(engine, EVERYONE)
    return report(get_project(), [(world.kelme, KELME), (world.anyksciai, ANYKSCIAI)], lines)


def test_figures_count_plans_by_state_per_lag(engine, world) -> None:
    rep = figures(engine, world)
    kelme, anyksciai = rep.lags
    assert (kelme.plans, kelme.approved, kelme.in_review, kelme.in_progress) == (3, 1, 1, 1)
    assert (anyksciai.plans, anyksciai.approved, anyksciai.in_review, anyksciai.in_progress) == (2, 1, 0, 1)
    assert (rep.total.plans, rep.total.approved, rep.total.in_review, rep.total.in_progress) == (5, 2, 1, 2)


def test_figures_count_only_closed_sessions_as_held(engine, world) -> None:
    kelme, anyksciai = figures(engine, world).lags
    assert kelme.sessions_held == 3 + 2 + 1
    assert anyksciai.sessions_held == 3


def test_figures_sum_section_j_participants_per_lag(engine, world) -> None:
    rep = figures(engine, world)
    kelme, anyksciai = rep.lags
    assert (kelme.participants, kelme.vulnerable_participants) == (12 + 10 + 15 + 8 + 9, 3 + 2 + 4 + 1)
    assert (anyksciai.participants, anyksciai.vulnerable_participants) == (60, 18)
    assert (rep.total.participants, rep.total.vulnerable_participants) == (114, 28)


def test_targets_come_from_the_project_file_and_the_template(engine, world) -> None:
    project = get_project()
    assert (project.plans_per_lag, project.sessions_per_plan) == (4, 3)
    rep = figures(engine, world)
    assert [(r.plans_target, r.sessions_target) for r in rep.lags] == [(4, 12), (4, 12)]
    assert (rep.total.plans_target, rep.total.sessions_target) == (8, 24)


def test_three_lags_make_the_founding_projects_12_plans_and_36_sessions(engine) -> None:
    rep = report(get_project(), [(1, "A"), (2, "B"), (3, "C")], [])
    assert (rep.total.plans_target, rep.total.sessions_target) == (12, 36)
    assert rep.total.plans == rep.total.approved == rep.total.sessions_held == 0
