"""Plain factory functions for tests: a LAG, a community, a plan, answers."""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.models import Community, Lag
from app.plan.answers import Editor, save_cell
from app.plan.rows import add_row
from app.plan.catalogue import get_template
from app.plan.services import create_plan


def make_lag(engine: Engine, name: str = "Kelmės krašto partnerystės vietos veiklos grupė") -> Lag:
    with Session(engine) as db:
        lag = Lag(name=name, short_name=name.split()[0])
        db.add(lag)
        db.commit()
        db.refresh(lag)
        return lag


def make_plan(engine: Engine, community_name: str = "Pašilės kaimo bendruomenė", lag: Lag | None = None) -> int:
    lag = lag or make_lag(engine)
    with Session(engine) as db:
        community = Community(lag_id=lag.id, name=community_name, municipality="kelme", eldership="Tytuvėnų")
        db.add(community)
        db.commit()
        db.refresh(community)
        cid = community.id
    return create_plan(engine, cid)


def answer(engine: Engine, plan_id: int, path: str, value: Any, revision: int = 0) -> int:
    """Store an answer (over whatever is there) and return its new revision."""
    from app.plan.answers import load_cells

    current = load_cells(engine, plan_id).get(path)
    saved = save_cell(engine, get_template(), plan_id, path, current.revision if current else revision,
                      value, Editor())
    return saved.revision


def row(engine: Engine, plan_id: int, table: str, **values: Any) -> str:
    return add_row(engine, get_template(), plan_id, table, Editor(), values=values)


# ---------------------------------------------------------------- people, roles, sign-in

def make_person(engine: Engine, name: str = "Ona Petraitienė", email: str | None = None,
                password: str | None = None, pin: str | None = None) -> int:
    """A person; staff get an e-mail and a password, team members maybe a PIN."""
    from app.models import Person
    from app.models_people import Credential
    from app.people.passwords import hash_secret

    with Session(engine) as db:
        person = Person(name=name, email=email)
        db.add(person)
        db.flush()
        if password or pin:
            db.add(Credential(person_id=person.id, password_hash=hash_secret(password) if password else None,
                              pin_hash=hash_secret(pin) if pin else None))
        db.commit()
        return person.id


def add_role(engine: Engine, person_id: int, role: str, *, lag_id: int | None = None,
             community_id: int | None = None, plan_id: int | None = None) -> None:
    """A membership: team members and facilitators on a plan, LAG staff in a LAG."""
    from app.people.access import add_membership
    from app.plan.permissions import Role

    add_membership(engine, person_id, Role(role), lag_id=lag_id, community_id=community_id, plan_id=plan_id)


def lag_of_plan(engine: Engine, plan_id: int) -> int:
    from app.models import Plan

    with Session(engine) as db:
        plan = db.get(Plan, plan_id)
        return db.get(Community, plan.community_id).lag_id


def make_member(engine: Engine, role: str, plan: int | None = None, lag: int | None = None,
                name: str | None = None, password: str | None = None) -> int:
    """A person in a role: team members and facilitators on ``plan``, LAG staff in ``lag`` (or
    the plan's LAG), coordinators and administrators everywhere. Staff get an e-mail."""
    import uuid

    staff = role != "team_member"
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.lt" if staff else None
    person_id = make_person(engine, name or f"{role.replace('_', ' ').title()}", email, password)
    if role in ("team_member", "facilitator"):
        assert plan is not None, f"a {role} needs a plan"
        add_role(engine, person_id, role, plan_id=plan, lag_id=lag_of_plan(engine, plan) if staff else None)
    elif role == "lag_staff":
        add_role(engine, person_id, role, lag_id=lag or lag_of_plan(engine, plan))
    else:
        add_role(engine, person_id, role)
    return person_id


def make_session(engine: Engine, person_id: int) -> str:
    """A signed-in session for the person; returns the cookie token."""
    from app.people.sessions import create_session

    return create_session(engine, person_id, "testclient")


def sign_in_client(client, engine: Engine, person_id: int) -> str:  # noqa: ANN001
    """Make ``client`` that person: the session cookie, and the CSRF header every form needs."""
    from app.web.auth import SESSION_COOKIE, csrf_token_for

    token = make_session(engine, person_id)
    client.cookies.set(SESSION_COOKIE, token, domain="testserver.local")  # where the app's cookies land
    client.headers["X-CSRF-Token"] = csrf_token_for("s", token)
    return token


def login_as(client, role: str, plan: int | None = None, lag: int | None = None,  # noqa: ANN001
             engine: Engine | None = None) -> int:
    """Sign ``client`` in as a new person in ``role`` (see ``make_member``); returns their id."""
    from app.db import get_engine

    engine = engine or get_engine()
    person_id = make_member(engine, role, plan, lag)
    sign_in_client(client, engine, person_id)
    return person_id


def link_in(page: str) -> str:
    """The one-time link a staff page shows to pass on (``/kvietimas/…``)."""
    import re

    return re.search(r'value="http://testserver(/kvietimas/[^"]+)"', page).group(1)


@contextmanager
def statements_run(engine: Engine, matching: str | None = None) -> Iterator[list[str]]:
    """The SQL statements the engine runs while the block runs (those matching a regular
    expression, when given): how tests check that a page's query count stays fixed."""
    seen: list[str] = []
    pattern = re.compile(matching, re.IGNORECASE) if matching else None

    def record(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        if pattern is None or pattern.search(statement):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
