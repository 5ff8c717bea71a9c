"""Review and approval of a plan: submitting, returning with a note, approving (the approved
DOCX is frozen), reopening; closing and reopening workshop sessions; section marks; the
timeline. One route pair per row of ``app.plan.workflow.TRANSITIONS``, each declaring the
permission action its row names."""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine

from app.people.access import roles_on
from app.plan import approval, section_marks, sessions_held, workflow
from app.plan.errors import InvalidTransition, NotFound, Refused, ValidationFailed
from app.plan.permissions import can_any
from app.plan.services import PlanContext, read_plan
from app.plan.validation import gate_findings
from app.web.auth import allow
from app.web.deps import engine_dep, plan_dep
from app.web.params import SessionNo, parse_id
from app.web.routes.export import finding_link
from app.web.templating import render

router = APIRouter()


async def _fields(request: Request, *names: str) -> list[str]:
    """Form fields as text ("" when absent). Read in the route, after the request guard has
    checked the body (FastAPI's ``Form`` parameters would read it before the guard does)."""
    form = await request.form()
    return [str(form.get(name) or "") for name in names]


def _roles(request: Request, ctx: PlanContext) -> set:
    visitor = request.state.visitor
    return roles_on(visitor.grants, ctx.plan.id, ctx.community.id, ctx.lag.id)


def _plan_url(ctx: PlanContext, anchor: str = "busena") -> str:
    return f"/plans/{ctx.plan.id}#{anchor}"


def overview_status(request: Request, engine: Engine, ctx: PlanContext) -> dict:
    """What the overview's status panel and session slots show (``workflow`` in the context)."""
    roles = _roles(request, ctx)
    status = ctx.plan.status
    docs = approval.approved_documents(engine, ctx.plan.id)
    events = workflow.timeline(engine, ctx.plan.id)
    held = sessions_held.sessions_held(engine, ctx.plan.id)
    last_note = next((e for e in reversed(events) if e.kind == "status" and e.to_status == status and e.note), None)
    return {"workflow": {
        "status": status, "label": workflow.status_label(status, request_lang_of(request)),
        "transitions": workflow.available(roles, status), "approved": docs,
        "current": docs[0] if docs else None, "events": events, "last_note": last_note,
        "marks": section_marks.section_marks(engine, ctx.template, ctx.plan.id),
        "can_mark": can_any(roles, "section.review", status),
        "held": held,
        "first_open": next((s.number for s in ctx.template.sessions
                            if not (held.get(s.number) and held[s.number].closed)), None),
        "can_close": can_any(roles, "session.close", status),
        "today": sessions_held.today().isoformat(),
    }}


def request_lang_of(request: Request) -> str:
    from app.web.templating import request_lang

    return request_lang(request)


# ---------------------------------------------------------------- status transitions

def _transition_page(request: Request, engine: Engine, ctx: PlanContext, t: workflow.Transition,
                     status_code: int = 200, **extra: object) -> Response:
    missing = extra.pop("missing", None)
    if missing is None and t.name == "approve":
        from app.plan.validation import required_findings

        missing = required_findings(ctx.template, read_plan(engine, ctx))
    return render(request, "review/transition.html", {
        "ctx": ctx, "plan": ctx.plan, "t": t, "missing": missing or [],
        "link": lambda f: finding_link(ctx.template, ctx.plan.id, f), "section_of": ctx.template.section_of,
        "label": workflow.status_label(ctx.plan.status, request_lang_of(request)),
        "note": "", "note_error": None, "problem": None, **extra}, status_code=status_code)


def _show(t: workflow.Transition):  # noqa: ANN202
    def show_transition(request: Request, ctx: PlanContext = Depends(plan_dep),
                        engine: Engine = Depends(engine_dep)) -> Response:
        """The step's own page: its note, and before approving what is still missing."""
        return _transition_page(request, engine, ctx, t)

    show_transition.__name__ = f"show_{t.name}"
    return show_transition


def _fire(t: workflow.Transition):  # noqa: ANN202
    async def fire_transition(request: Request, ctx: PlanContext = Depends(plan_dep),
                              engine: Engine = Depends(engine_dep)) -> Response:
        """Fire the step (the status the form was made for must still be the plan's); a refused
        note or missing answers come back on the step's page with what was typed."""
        note, expected = await _fields(request, "note", "expected")
        return await run_in_threadpool(_do_fire, t, request, note, expected, ctx, engine)

    fire_transition.__name__ = f"fire_{t.name}"
    return fire_transition


def _do_fire(t: workflow.Transition, request: Request, note: str, expected: str, ctx: PlanContext,
             engine: Engine) -> Response:
    try:
        workflow.transition(engine, ctx, t.name, _roles(request, ctx), request.state.visitor.person_id,
                            note, expected=expected)
    except Refused as exc:
        return _transition_page(request, engine, ctx, t, 422, note=note, note_error=exc.message)
    except ValidationFailed as exc:
        return _transition_page(request, engine, ctx, t, 422, note=note, missing=exc.findings)
    except InvalidTransition as exc:
        return _transition_page(request, engine, ctx, t, 409, note=note, problem=exc.message)
    return RedirectResponse(_plan_url(ctx), status_code=303)


for _t in workflow.TRANSITIONS.values():
    router.add_api_route(f"/plans/{{plan_id}}/{_t.slug}", _show(_t), methods=["GET"],
                         dependencies=[allow(_t.action)])
    router.add_api_route(f"/plans/{{plan_id}}/{_t.slug}", _fire(_t), methods=["POST"],
                         dependencies=[allow(_t.action)])


@router.get("/plans/{plan_id}/patvirtintas.docx", dependencies=[allow("plan.export")])
def download_approved(request: Request, dokumentas: str = "", ctx: PlanContext = Depends(plan_dep),
                      engine: Engine = Depends(engine_dep)) -> Response:
    """The approved document exactly as it was approved (the latest, or an earlier one by id)."""
    doc_id = parse_id(dokumentas) if dokumentas else None
    if dokumentas and doc_id is None:
        raise NotFound(dokumentas)
    content, filename, plain = approval.approved_file(engine, ctx.plan.id, doc_id)
    disposition = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=approval.MEDIA_TYPE,
                    headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


# ---------------------------------------------------------------- sessions held

def _session_page(request: Request, engine: Engine, ctx: PlanContext, number: int,
                  status_code: int = 200, **extra: object) -> Response:
    try:
        session = ctx.template.session(number)
    except KeyError:
        raise NotFound(str(number)) from None
    held = sessions_held.sessions_held(engine, ctx.plan.id).get(number)
    missing = gate_findings(ctx.template, read_plan(engine, ctx), number)
    default_day = held.held_on.isoformat() if held and held.held_on else sessions_held.today().isoformat()
    return render(request, "review/session_close.html", {
        "ctx": ctx, "plan": ctx.plan, "template": ctx.template, "session": session, "held": held,
        "missing": missing, "today": sessions_held.today().isoformat(), "held_on": default_day,
        "reason": "", "errors": {}, "problem": None, **extra}, status_code=status_code)


@router.get("/plans/{plan_id}/susitikimai/{session}/baigti", dependencies=[allow("session.close")])
def show_session_close(session: SessionNo, request: Request, ctx: PlanContext = Depends(plan_dep),
                       engine: Engine = Depends(engine_dep)) -> Response:
    """Closing a session: the day it was held, and what R1 answers are still missing."""
    return _session_page(request, engine, ctx, session)


@router.post("/plans/{plan_id}/susitikimai/{session}/baigti", dependencies=[allow("session.close")])
async def close_session(session: SessionNo, request: Request, ctx: PlanContext = Depends(plan_dep),
                        engine: Engine = Depends(engine_dep)) -> Response:
    """Close the session; with R1 answers missing only with a reason, which is kept and shown."""
    held_on, reason = await _fields(request, "held_on", "reason")
    return await run_in_threadpool(_close, session, request, held_on, reason, ctx, engine)


def _close(session: int, request: Request, held_on: str, reason: str, ctx: PlanContext, engine: Engine) -> Response:
    typed = {"held_on": held_on, "reason": reason}
    try:
        day = sessions_held.parse_held_on(held_on)
    except Refused as exc:
        return _session_page(request, engine, ctx, session, 422, errors={"held_on": exc.message}, **typed)
    try:
        sessions_held.close_session(engine, ctx, session, day, reason, request.state.visitor.person_id)
    except Refused as exc:
        return _session_page(request, engine, ctx, session, 422, errors={"reason": exc.message}, **typed)
    except ValidationFailed:
        return _session_page(request, engine, ctx, session, 422, errors={"reason": True}, **typed)
    except InvalidTransition as exc:
        return _session_page(request, engine, ctx, session, 409, problem=exc.message, **typed)
    return RedirectResponse(_plan_url(ctx, f"session-{session}"), status_code=303)


@router.post("/plans/{plan_id}/susitikimai/{session}/atverti", dependencies=[allow("session.close")])
async def reopen_session(session: SessionNo, request: Request, ctx: PlanContext = Depends(plan_dep),
                         engine: Engine = Depends(engine_dep)) -> Response:
    """Reopen a closed session (logged on the timeline)."""
    [note] = await _fields(request, "note")
    return await run_in_threadpool(_reopen, session, request, note, ctx, engine)


def _reopen(session: int, request: Request, note: str, ctx: PlanContext, engine: Engine) -> Response:
    try:
        sessions_held.reopen_session(engine, ctx, session, note, request.state.visitor.person_id)
    except Refused as exc:
        return _session_page(request, engine, ctx, session, 422, errors={"note": exc.message}, note=note)
    except InvalidTransition as exc:
        return _session_page(request, engine, ctx, session, 409, problem=exc.message)
    return RedirectResponse(_plan_url(ctx, f"session-{session}"), status_code=303)


# ---------------------------------------------------------------- section marks

@router.post("/plans/{plan_id}/skyriai", dependencies=[allow("section.review")])
async def mark_section(request: Request, ctx: PlanContext = Depends(plan_dep),
                       engine: Engine = Depends(engine_dep)) -> Response:
    """The facilitator marks a section approved, or takes the mark back."""
    section, mark = await _fields(request, "section", "mark")
    return await run_in_threadpool(_mark, request, section, mark, ctx, engine)


def _mark(request: Request, section: str, mark: str, ctx: PlanContext, engine: Engine) -> Response:
    try:
        section_marks.mark_section(engine, ctx.template, ctx.plan.id, section, mark,
                                   request.state.visitor.person_id)
    except Refused as exc:
        from app.web.errors import error_page

        return error_page(request, 422, exc.message.get(request_lang_of(request)))
    return RedirectResponse(_plan_url(ctx, "skyriai"), status_code=303)
