"""Every route × every role (and anonymous) × every plan status against the permission table:
a route that declares no action fails here, and so does any answer the table does not predict.
A person without access to a plan gets 404 for every URL of it, pages, fragments and downloads."""
from __future__ import annotations

import hashlib

import pytest
from fastapi.routing import iter_route_contexts
from sqlalchemy import func, update
from sqlmodel import Session, select

from app.models import Plan as PlanRow
from app.models_people import AnonymousFailures, AuditEvent
from app.plan.permissions import PERMISSIONS, PUBLIC, STATUSES, Role, can
from app.plan.services import STATUS_LABELS
from app.web.auth import SESSION_COOKIE, csrf_token_for, route_action
from tests.factories import make_member, make_session

# how to fill in each path parameter, for plan A or plan B of the world
SAMPLES = {
    "plan_id": lambda w, p: p.id,
    "slug": lambda w, p: "bendruomene",
    "session": lambda w, p: 1,
    "table_key": lambda w, p: "villages",
    "row_id": lambda w, p: p.row_id,
    "seq": lambda w, p: p.seq,
    "code_id": lambda w, p: p.code_id,
    "person_id": lambda w, p: w.staff_id,
    "token": lambda w, p: w.invite_token,
    "invitation_id": lambda w, p: hashlib.sha256(w.invite_token.encode()).hexdigest(),
    "comment_id": lambda w, p: p.comment_id,
    "version_id": lambda w, p: p.version_id,
    "notice_id": lambda w, p: 1,
}


def app_routes(app) -> list:  # noqa: ANN001
    """Every HTTP route of the app (static files aside), included routers flattened."""
    return [rc for rc in iter_route_contexts(app.routes) if rc.methods]


def url_for(route, world, plan) -> str:  # noqa: ANN001
    names = [part.split("}")[0] for part in route.path_format.split("{")[1:]]
    missing = [n for n in names if n not in SAMPLES]
    assert not missing, f"{route.path}: add a sample value for {missing} to SAMPLES"
    return route.path_format.format(**{n: SAMPLES[n](world, plan) for n in names})


def call(client, route, url: str, htmx: bool = False):  # noqa: ANN001, ANN201
    method = "GET" if "GET" in route.methods else sorted(route.methods)[0]
    headers = {"HX-Request": "true"} if htmx else {}
    return client.request(method, url, headers=headers, follow_redirects=False)


def refusals(engine) -> int:  # noqa: ANN001
    """Refusals logged: a staff member's one row each, a team member's counted per hour."""
    with Session(engine) as db:
        rows = db.exec(select(func.count()).select_from(AuditEvent).where(AuditEvent.event.like("refused.%"))).one()
        counted = db.exec(select(func.sum(AnonymousFailures.count)).where(
            AnonymousFailures.event.like("refused.%"))).one()
        return rows + (counted or 0)


def as_person(client, engine, person_id: int) -> None:  # noqa: ANN001
    """A fresh session for every request: a sign-out route must not end the walk."""
    token = make_session(engine, person_id)
    client.cookies.set(SESSION_COOKIE, token, domain="testserver.local")  # where the app's cookies land
    client.headers["X-CSRF-Token"] = csrf_token_for("s", token)


def set_status(engine, plan_id: int, status: str) -> None:  # noqa: ANN001
    with engine.begin() as conn:
        conn.execute(update(PlanRow.__table__).where(PlanRow.__table__.c.id == plan_id).values(status=status))


def is_sign_in_redirect(r) -> bool:  # noqa: ANN001
    """The answer to a visitor who must sign in first (a page, or an HTMX fragment)."""
    to = r.headers.get("location", "") if r.status_code == 303 else \
        r.headers.get("hx-redirect", "") if r.status_code == 204 else ""
    return to == "/prisijungti" or to.startswith("/prisijungti?next=")


def test_every_route_declares_an_action_from_the_table(app) -> None:
    undeclared = [f"{sorted(r.methods)} {r.path}" for r in app_routes(app) if route_action(r) is None]
    assert undeclared == [], "routes without allow(...)"
    unknown = [(r.path, route_action(r)) for r in app_routes(app)
               if route_action(r) not in PERMISSIONS and route_action(r) != PUBLIC]
    assert unknown == []


def test_statuses_of_the_table_are_the_plan_statuses() -> None:
    assert set(STATUSES) == set(STATUS_LABELS)


def test_anonymous_visitor_is_sent_to_sign_in_except_on_public_routes(app, client, world) -> None:
    client.get("/prisijungti")  # a browser's first page: its pre-session cookie and CSRF token
    from app.web.auth import ANON_COOKIE

    client.headers["X-CSRF-Token"] = csrf_token_for("a", client.cookies[ANON_COOKIE])
    for route in app_routes(app):
        url = url_for(route, world, world.a)
        for htmx in (False, True):
            r = call(client, route, url, htmx)
            if route_action(route) == PUBLIC:
                assert not is_sign_in_redirect(r) and r.status_code < 500, (route.path, r.status_code)
            else:
                assert is_sign_in_redirect(r), (route.path, htmx, r.status_code)


@pytest.mark.parametrize("role", list(Role))
def test_each_route_allows_or_refuses_as_the_table_says(app, client, engine, world, role) -> None:
    person = make_member(engine, role.value, plan=world.a.id, lag=world.a.lag_id)
    problems = []
    for status in STATUSES:
        set_status(engine, world.a.id, status)
        for route in app_routes(app):
            action = route_action(route)
            on_plan = "{plan_id}" in route.path
            if not on_plan and status != STATUSES[0]:
                continue  # no plan: the status does not matter
            allowed = can(role, action, status if on_plan else None)
            as_person(client, engine, person)
            before = refusals(engine)
            r = call(client, route, url_for(route, world, world.a))
            refused = refusals(engine) > before
            if r.status_code >= 500 or is_sign_in_redirect(r):
                problems.append((status, route.path, action, r.status_code))
            elif allowed and refused:
                problems.append((status, route.path, action, "refused", r.status_code))
            elif not allowed and not (refused and r.status_code == 403):
                problems.append((status, route.path, action, "not refused", r.status_code))
    assert problems == []


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.FACILITATOR, Role.LAG_STAFF])
def test_member_of_plan_a_gets_404_for_every_url_of_plan_b(app, client, engine, world, role) -> None:
    person = make_member(engine, role.value, plan=world.a.id, lag=world.a.lag_id)
    plan_routes = [r for r in app_routes(app) if "{plan_id}" in r.path]
    assert any(r.path.endswith("/docx") for r in plan_routes), "the download is walked too"
    seen = []
    for route in plan_routes:
        for htmx in (False, True):
            as_person(client, engine, person)
            r = call(client, route, url_for(route, world, world.b), htmx)
            seen.append((route.path, htmx, r.status_code))
            assert r.status_code == 404, (route.path, htmx, r.status_code)
            assert world.b.code not in r.text and "Ąžuolynės" not in r.text
    assert len(seen) == 2 * len(plan_routes)


def test_coordinator_and_administrator_reach_every_plan(client, engine, world) -> None:
    for role in ("coordinator", "admin"):
        as_person(client, engine, make_member(engine, role))
        assert client.get(f"/plans/{world.b.id}").status_code == 200
