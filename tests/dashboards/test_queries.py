"""The front page asks the database a fixed number of questions, however many plans there are:
figures come from the per-plan cache, recomputed in bulk."""
from __future__ import annotations

import pytest

from tests.dashboards.conftest import hold_sessions, participants, set_status
from tests.factories import make_lag, make_member, make_plan, sign_in_client, statements_run


def front_page_queries(client, engine, plans: int, role: str) -> tuple[int, int]:  # noqa: ANN001
    """(statements on the first visit, which computes every plan's figures; on the next one)."""
    lag = make_lag(engine, f"VVG {plans}")
    ids = [make_plan(engine, f"Bendruomenė Nr. {i}", lag=lag) for i in range(plans)]
    for i, pid in enumerate(ids):
        set_status(engine, pid, ("draft", "review", "approved")[i % 3])
        hold_sessions(engine, pid, 1)
        participants(engine, pid, (10, 2))
    person = make_member(engine, role, plan=ids[0], lag=lag.id)
    sign_in_client(client, engine, person)
    result = []
    for _ in range(2):
        with statements_run(engine) as statements:
            r = client.get(f"/?vvg={lag.id}")  # the coordinator: with that LAG's plans listed
        assert r.status_code == 200 and "Bendruomenė Nr. 0" in r.text
        result.append(len(statements))
    return result[0], result[1]


@pytest.mark.parametrize("role", ["lag_staff", "coordinator", "facilitator"])
def test_front_page_queries_do_not_grow_with_the_plans(app, engine, role) -> None:  # noqa: ANN001
    from starlette.testclient import TestClient

    with TestClient(app) as few_client:
        few = front_page_queries(few_client, engine, 3, role)
    with TestClient(app) as many_client:
        many = front_page_queries(many_client, engine, 30, role)
    assert few == many, f"3 plans: {few} statements, 30 plans: {many}"
