"""A person's notices: the list, marking them read."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from app.people import notices
from app.web.auth import allow
from app.web.deps import engine_dep
from app.web.params import Id, parse_id
from app.web.routes.auth import safe_next
from app.web.templating import render

router = APIRouter()


def _back(next_url: str) -> RedirectResponse:
    return RedirectResponse(safe_next(next_url or "/pranesimai"), status_code=303)


@router.get("/pranesimai", dependencies=[allow("notices.view")])
def list_notices(request: Request, engine: Engine = Depends(engine_dep)) -> Response:
    """My notices: the unread ones first, each linking to its place in the plan."""
    items = notices.recent(engine, request.state.visitor.person_id)
    return render(request, "notices/index.html", {
        "unread": [n for n in items if n.unread], "read": [n for n in items if not n.unread]})


# The forms are read in the event loop (the body is in memory already: the request guard read
# it) and the database work goes to the thread pool. FastAPI ``Form`` parameters would parse the
# body before the app-wide guard runs, which then finds the stream consumed.
@router.post("/pranesimai/perskaityta", dependencies=[allow("notices.view")])
async def mark_all_read(request: Request, engine: Engine = Depends(engine_dep)) -> Response:
    """Mark all my notices read, or only those of one plan (the plan page's button)."""
    form = await request.form()
    plan, next_url = str(form.get("plan") or ""), str(form.get("next") or "")
    plan_id = parse_id(plan) if plan else None
    if plan and plan_id is None:
        return _back(next_url)  # a plan that cannot exist has no notices to mark
    await run_in_threadpool(notices.mark_all_read, engine, request.state.visitor.person_id, plan_id)
    return _back(next_url)


@router.post("/pranesimai/{notice_id}/perskaityta", dependencies=[allow("notices.view")])
async def mark_notice_read(request: Request, notice_id: Id, engine: Engine = Depends(engine_dep)) -> Response:
    """Mark one of my notices read (anyone else's is not found)."""
    form = await request.form()
    await run_in_threadpool(notices.mark_read, engine, request.state.visitor.person_id, notice_id)
    return _back(str(form.get("next") or ""))
