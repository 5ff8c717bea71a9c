"""Request dependencies: the engine, the current person (one seam; sign-in plugs in here),
and the plan a URL names."""
from __future__ import annotations

from fastapi import Depends, Request
from sqlalchemy.engine import Engine

from app.db import get_engine
from app.plan.answers import Editor
from app.plan.services import PlanContext, get_plan
from app.web.params import Id


async def engine_dep() -> Engine:
    return get_engine()


def current_person(request: Request):  # noqa: ANN201
    """The person making the request, or None. Sign-in sets ``request.state.person``."""
    return getattr(request.state, "person", None)


def current_editor(request: Request) -> Editor:
    """Who an edit is attributed to: the person, and on a shared laptop whom it is for; the
    signed-in account that sent it is kept too (who really typed)."""
    person = current_person(request)
    account = getattr(person, "id", None)
    writer = getattr(request.state, "writer_id", None)  # "Kas dabar rašo?" on a shared laptop
    return Editor(person_id=writer or account, on_behalf_of=getattr(request.state, "on_behalf_of", None),
                  account_id=account)


async def plan_dep(request: Request, plan_id: Id, engine: Engine = Depends(engine_dep)) -> PlanContext:
    """The plan in the URL (NotFound → 404 page). Async: one quick indexed query is cheaper in
    the event loop than a hop to the thread pool."""
    ctx = getattr(request.state, "plan_ctx", None)  # the permission check read it already
    if ctx is not None and ctx.plan.id == plan_id:
        return ctx
    return get_plan(engine, plan_id)
