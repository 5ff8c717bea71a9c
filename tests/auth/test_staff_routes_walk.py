"""The staff routes done for real, with every role as the actor: adding communities and plans,
inviting each staff role into each LAG, reset links, assigning facilitators, the journal. Each
outcome is predicted from the permission table and the actor's reach, and what a refusal leaves
behind is checked in the database (nothing), as is what a success grants (exactly that)."""
from __future__ import annotations

import re
import uuid

import pytest
from sqlmodel import Session, select

from app.models import Community, Plan
from app.models_people import Membership
from app.people.access import Grant, grants_of
from app.plan.permissions import ROLE_REACH, STATUSES, Role, can, invitable_roles
from tests.auth.test_route_permissions import as_person, set_status
from tests.factories import make_member

ROLES = list(Role)


def actor(engine, world, role: Role) -> int:  # noqa: ANN001
    """A person in ``role`` whose reach is plan A (and its LAG): never plan B's LAG."""
    return make_member(engine, role.value, plan=world.a.id, lag=world.a.lag_id)


def manages(role: Role, lag_id: int, own_lag: int) -> bool:
    """Does an actor in ``role`` (reach: LAG A) manage this LAG?"""
    return ROLE_REACH[role] == "all" or (ROLE_REACH[role] == "lag" and lag_id == own_lag)


def count(engine, model, *where) -> int:  # noqa: ANN001
    with Session(engine) as db:
        return len(db.exec(select(model).where(*where)).all())


@pytest.mark.parametrize("role", ROLES)
def test_adding_communities_and_plans_follows_the_table_and_the_reach(client, engine, world, role) -> None:
    person = actor(engine, world, role)
    for lag_id in (world.a.lag_id, world.b.lag_id):
        allowed = can(role, "community.create") and manages(role, lag_id, world.a.lag_id)
        name = f"Bendruomenė {uuid.uuid4().hex[:6]}"
        as_person(client, engine, person)
        r = client.post("/darbuotojai/bendruomenes", data={"lag_id": str(lag_id), "community_name": name,
                                                           "municipality": "kelme", "eldership": ""},
                        follow_redirects=False)
        made = count(engine, Community, Community.name == name)
        assert (r.status_code, made) == ((303, 1) if allowed else (r.status_code, 0)), (role, lag_id)
        if not allowed:
            assert r.status_code == (422 if can(role, "community.create") else 403)
    for plan in (world.a, world.b):
        with Session(engine) as db:
            community_id = db.get(Plan, plan.id).community_id
        allowed = can(role, "plan.create") and manages(role, plan.lag_id, world.a.lag_id)
        before = count(engine, Plan, Plan.community_id == community_id)
        as_person(client, engine, person)
        r = client.post("/darbuotojai/planai", data={"community_id": str(community_id)}, follow_redirects=False)
        after = count(engine, Plan, Plan.community_id == community_id)
        assert after - before == (1 if allowed else 0), (role, plan.lag_id, r.status_code)
        assert r.status_code == (303 if allowed else 422 if can(role, "plan.create") else 403)


@pytest.mark.parametrize("role", ROLES)
def test_inviting_gives_only_roles_the_actor_may_grant_in_lags_it_manages(client, engine, world, role) -> None:
    person = actor(engine, world, role)
    for target in (Role.FACILITATOR, Role.LAG_STAFF, Role.COORDINATOR, Role.ADMIN):
        for lag_id in (world.a.lag_id, world.b.lag_id, None):
            needs_lag = ROLE_REACH[target] != "all"
            allowed = (target in invitable_roles({role}) and
                       (manages(role, lag_id, world.a.lag_id) if lag_id else not needs_lag))
            email = f"naujas-{uuid.uuid4().hex[:8]}@example.lt"
            as_person(client, engine, person)
            r = client.post("/darbuotojai/kvietimai", data={"name": "Naujas Darbuotojas", "email": email,
                                                            "role": target.value, "lag_id": str(lag_id or "")})
            link = re.search(r"/kvietimas/([A-Za-z0-9_\-]+)", r.text)
            case = (role, target, lag_id)
            if not allowed:
                assert link is None and r.status_code in (403, 422), case
                continue
            assert r.status_code == 200 and link, case
            # the link, used, grants exactly the invited role in exactly that LAG
            client.cookies.clear()
            page = client.get(f"/kvietimas/{link.group(1)}")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            client.headers["X-CSRF-Token"] = token
            r = client.post(f"/kvietimas/{link.group(1)}", data={"password": "ilgas-slaptazodis-1",
                                                                 "repeat": "ilgas-slaptazodis-1"},
                            follow_redirects=False)
            assert r.status_code == 303, case
            with Session(engine) as db:
                from app.models import Person
                new_id = db.exec(select(Person.id).where(Person.email == email)).one()
            assert grants_of(engine, new_id) == (Grant(target, lag_id if needs_lag or lag_id else None),), case


@pytest.mark.parametrize("role", ROLES)
def test_reset_links_and_the_journal_only_for_those_the_table_names(client, engine, world, role) -> None:
    person = actor(engine, world, role)
    as_person(client, engine, person)
    r = client.post(f"/darbuotojai/zmones/{world.staff_id}/atkurti")
    assert (r.status_code == 200 and "/kvietimas/" in r.text) == can(role, "password.reset_link"), role
    if not can(role, "password.reset_link"):
        assert r.status_code == 403 and "/kvietimas/" not in r.text
    as_person(client, engine, person)
    r = client.get("/darbuotojai/zurnalas")
    assert (r.status_code == 200) == can(role, "audit.view") and r.status_code in (200, 403), role


@pytest.mark.parametrize("role", ROLES)
def test_assigning_facilitators_by_status_and_plan(client, engine, world, role) -> None:
    person = actor(engine, world, role)
    candidate = make_member(engine, "facilitator", plan=world.a.id, lag=world.a.lag_id, name="Kandidatas")
    with Session(engine) as db:  # a facilitator of LAG A, assigned to no plan yet
        for m in db.exec(select(Membership).where(Membership.person_id == candidate)):
            m.plan_id = None
            db.add(m)
        db.commit()
    for status in STATUSES:
        set_status(engine, world.a.id, status)
        for plan, reachable in ((world.a, True), (world.b, ROLE_REACH[role] == "all")):
            as_person(client, engine, person)
            r = client.post(f"/plans/{plan.id}/moderatoriai", data={"person_id": str(candidate)},
                            follow_redirects=False)
            assigned = count(engine, Membership, Membership.person_id == candidate, Membership.plan_id == plan.id)
            if not reachable:
                assert r.status_code == 404 and assigned == 0, (role, status)
            elif plan is world.b:
                assert r.status_code == 422 and assigned == 0, (role, status)  # not a facilitator of B's LAG
            elif can(role, "facilitator.assign", status):
                assert r.status_code == 303 and assigned == 1, (role, status)
                as_person(client, engine, person)
                client.post(f"/plans/{plan.id}/moderatoriai", data={"person_id": str(candidate), "remove": "1"})
            else:
                assert r.status_code == 403 and assigned == 0, (role, status)
        set_status(engine, world.a.id, "draft")
