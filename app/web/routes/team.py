"""A plan's team, for its facilitator and LAG staff: join codes (made, shown large with a QR
code for phones, revoked), the team members who joined, and the facilitators assigned."""
from __future__ import annotations

import segno
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from app.db import get_engine
from app.people.access import facilitators_for, plan_people, roles_on
from app.people.errors import PeopleError
from app.people.joincodes import EXPIRY_DAYS, create_code, get_code, plan_codes, revoke_code, shown
from app.people.staff import assign_facilitator as assign
from app.plan.errors import NotFound
from app.plan.permissions import Role, can_any
from app.plan.services import PlanContext
from app.web.auth import allow
from app.web.deps import plan_dep
from app.web.messages import MESSAGES, form_errors
from app.web.params import Id, parse_int
from app.web.templating import render

router = APIRouter()


def join_url(request: Request, code: str) -> str:
    """The address a phone opens from the QR code: the join form with the code filled in."""
    return f"{str(request.base_url).rstrip('/')}/kodas?kodas={shown(code)}"


def qr_svg(url: str) -> str:
    """The QR code as inline SVG (drawn here: no network, no script)."""
    return segno.make(url, error="m").svg_inline(scale=1, omitsize=True, dark="#000", light="#fff", border=2)


def _team_context(request: Request, ctx: PlanContext, **extra: object) -> dict:
    engine = get_engine()
    visitor = request.state.visitor
    roles = roles_on(visitor.grants, ctx.plan.id, ctx.community.id, ctx.lag.id)
    return {"ctx": ctx, "plan": ctx.plan, "codes": plan_codes(engine, ctx.plan.id), "shown": shown,
            "members": plan_people(engine, ctx.plan.id, Role.TEAM_MEMBER),
            "facilitators": plan_people(engine, ctx.plan.id, Role.FACILITATOR),
            "candidates": facilitators_for(engine, ctx.lag.id),
            "can_assign": can_any(roles, "facilitator.assign", ctx.plan.status),
            "expiry_days": EXPIRY_DAYS, "errors": {}, **extra}


@router.get("/plans/{plan_id}/komanda", dependencies=[allow("team.manage")])
def show_team(request: Request, ctx: PlanContext = Depends(plan_dep)) -> Response:
    """The team page: codes that work now, who joined, the facilitators."""
    return render(request, "admin/team.html", _team_context(request, ctx))


@router.post("/plans/{plan_id}/kodai", dependencies=[allow("team.manage")])
async def create_join_code(request: Request, ctx: PlanContext = Depends(plan_dep)) -> Response:
    """A new join code for the plan, valid for the chosen number of days; then show it large."""
    form = await request.form()
    try:
        days = parse_int(form.get("days") or "7", 1, 366)
        if days is None:
            raise ValueError("days")
        code = create_code(get_engine(), ctx.plan.id, request.state.visitor.person_id, days)
    except (ValueError, PeopleError):
        return render(request, "admin/team.html",
                      _team_context(request, ctx, errors={"days": MESSAGES["expiry"]}),
                      status_code=422)
    return RedirectResponse(f"/plans/{ctx.plan.id}/kodai/{code.id}", status_code=303)


@router.get("/plans/{plan_id}/kodai/{code_id}", dependencies=[allow("team.manage")])
def show_join_code(code_id: Id, request: Request, ctx: PlanContext = Depends(plan_dep)) -> Response:
    """The code shown large, for a projector or to read aloud, with a QR code for phones."""
    code = get_code(get_engine(), ctx.plan.id, code_id)
    if code is None:
        raise NotFound(str(code_id))
    url = join_url(request, code.code)
    return render(request, "admin/code.html", {"ctx": ctx, "plan": ctx.plan, "code": code, "text": shown(code.code),
                                               "url": url, "qr": qr_svg(url),
                                               "join_path": str(request.base_url).rstrip("/") + "/kodas"})


@router.post("/plans/{plan_id}/kodai/{code_id}/atsaukti", dependencies=[allow("team.manage")])
def revoke_join_code(code_id: Id, request: Request, ctx: PlanContext = Depends(plan_dep)) -> Response:
    """Stop a code working now (people who joined with it stay in the team)."""
    if not revoke_code(get_engine(), ctx.plan.id, code_id):
        raise NotFound(str(code_id))
    return RedirectResponse(f"/plans/{ctx.plan.id}/komanda", status_code=303)


@router.post("/plans/{plan_id}/moderatoriai", dependencies=[allow("facilitator.assign")])
async def assign_facilitator(request: Request, ctx: PlanContext = Depends(plan_dep)) -> Response:
    """Assign a facilitator of the LAG to this plan (or, with ``remove``, take them off)."""
    form = await request.form()
    try:
        assign(get_engine(), request.state.visitor.person_id, ctx.plan.id, ctx.lag.id,
               str(form.get("person_id") or ""), assign=not form.get("remove"))
    except PeopleError as exc:
        return render(request, "admin/team.html", _team_context(request, ctx, **form_errors(exc)), status_code=422)
    return RedirectResponse(f"/plans/{ctx.plan.id}/komanda", status_code=303)
