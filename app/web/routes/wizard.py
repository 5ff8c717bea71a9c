"""The wizard's step pages, the plain-POST fallback for a whole step, and leaving a session
past its R1 gate ("continue anyway" with a reason)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine

from app.plan.answers import resolve, save_cell
from app.plan.rows import add_row, delete_row, move_row
from app.plan.content import Step, Text
from app.plan.errors import Conflict, FieldError, LimitReached, NotFound, Refused, ValidationFailed
from app.plan.kinds import parse_input
from app.plan.services import PlanContext, leave_session, read_plan
from app.plan.validation import gate_findings
from app.web.auth import allow
from app.web.deps import current_editor, engine_dep, plan_dep
from app.web.forms import read_cells
from app.web.stepview import Typed, step_context, table_refused
from app.web.templating import render, request_lang
from app.web.params import SessionNo

router = APIRouter()


def _step(ctx: PlanContext, slug: str) -> Step:
    try:
        return ctx.template.step(slug)
    except KeyError:
        raise NotFound(slug) from None


def _step_url(ctx: PlanContext, step: Step, anchor: str = "") -> str:
    return f"/plans/{ctx.plan.id}/steps/{step.slug}{anchor}"


@router.get("/plans/{plan_id}/steps/{slug}", dependencies=[allow("plan.view")])
def show_step(slug: str, request: Request, ctx: PlanContext = Depends(plan_dep),
              engine: Engine = Depends(engine_dep)) -> Response:
    """A step of the wizard: its fields, each saving itself; the step's form for no-JS use."""
    step = _step(ctx, slug)
    lang = request_lang(request)
    return render(request, "wizard/step.html", step_context(engine, ctx, step, lang),
                  partial="wizard/_step_main.html")


def _row_action(engine: Engine, ctx: PlanContext, request: Request, action: str) -> str:
    """Buttons of the no-JS form: "add:<table>", "delete:<table>:<row>", "up:…", "down:…".
    Returns the anchor to land on. ``add_row`` refuses a full table (LimitReached), as it
    does for autosave."""
    parts = action.split(":")
    editor = current_editor(request)
    if parts[0] == "add" and len(parts) == 2:
        return f"#row-{add_row(engine, ctx.template, ctx.plan.id, parts[1], editor)}"
    if parts[0] in ("delete", "up", "down") and len(parts) == 3:
        if parts[0] == "delete":
            delete_row(engine, ctx.template, ctx.plan.id, parts[1], parts[2], editor)
            return f"#table-{parts[1]}"
        move_row(engine, ctx.plan.id, parts[1], parts[2], -1 if parts[0] == "up" else 1, editor)
        return f"#row-{parts[2]}"
    raise NotFound(action)


@router.post("/plans/{plan_id}/steps/{slug}", dependencies=[allow("plan.edit")])
async def submit_step(slug: str, request: Request, ctx: PlanContext = Depends(plan_dep),
                      engine: Engine = Depends(engine_dep)) -> Response:
    """Save a whole step at once (the wizard without JavaScript), then go where the person
    pressed: stay, next, back, or a row button. A refused answer or a conflict keeps every
    typed value on the page with the message beside the field; nothing is lost."""
    form = await request.form()
    # the database work runs in the thread pool (rule 13), as autosave's does
    return await run_in_threadpool(_submit, slug, request, form, ctx, engine)


def _submit(slug: str, request: Request, form, ctx: PlanContext, engine: Engine) -> Response:  # noqa: ANN001
    step = _step(ctx, slug)
    editor = current_editor(request)
    typed: Typed = {}
    conflicts = []
    for sub in read_cells(form):
        try:
            target = resolve(ctx.template, sub.path)
            value = parse_input(target.leaf, sub.values, sub.other)
            save_cell(engine, ctx.template, ctx.plan.id, sub.path, sub.revision, value, editor)
        except FieldError as exc:
            typed[sub.path] = (sub.values, sub.other, exc.message)
        except Conflict as exc:
            typed[sub.path] = (sub.values, sub.other, Text(
                "Kol rašėte, šį atsakymą pakeitė kitas žmogus. Palyginkite ir išsaugokite dar kartą.",
                "Someone else changed this answer while you were typing. Compare and save again."))
            conflicts.append(exc)
        except NotFound:
            continue  # a row removed by someone else meanwhile: nothing to save there
    lang = request_lang(request)
    if typed:
        return render(request, "wizard/step.html",
                      step_context(engine, ctx, step, lang, typed, conflicts), status_code=422)
    action = str(form.get("action") or "save")
    context = step_context(engine, ctx, step, lang)
    if action == "next" and context["after"] is not None:
        if context["leaves_session"]:
            return RedirectResponse(f"/plans/{ctx.plan.id}/sessions/{step.session}/leave", 303)
        return RedirectResponse(_step_url(ctx, context["after"]), 303)
    if action == "next":  # the last step: leaving session 3 is leaving the wizard
        return RedirectResponse(f"/plans/{ctx.plan.id}/sessions/{step.session}/leave", 303)
    if action == "back" and context["before"] is not None:
        return RedirectResponse(_step_url(ctx, context["before"]), 303)
    if action not in ("save", "back"):
        try:
            anchor = _row_action(engine, ctx, request, action)
        except LimitReached as exc:  # the step again (answers are saved), the message by the table
            table_key = action.split(":")[1]
            return render(request, "wizard/step.html",
                          step_context(engine, ctx, step, lang, table_refused(table_key, exc.message)),
                          status_code=422)
        return RedirectResponse(_step_url(ctx, step, anchor), 303)
    return RedirectResponse(_step_url(ctx, step, "?saved=1"), 303)


def _gate_context(engine: Engine, ctx: PlanContext, session: int) -> dict:
    try:
        current = ctx.template.session(session)
    except KeyError:
        raise NotFound(str(session)) from None
    data = read_plan(engine, ctx)
    following = next((s for s in ctx.template.sessions if s.number > session), None)
    return {"ctx": ctx, "plan": ctx.plan, "template": ctx.template, "session": current,
            "missing": gate_findings(ctx.template, data, session), "following": following}


@router.get("/plans/{plan_id}/sessions/{session}/leave", dependencies=[allow("plan.view")])
def show_gate(session: SessionNo, request: Request, ctx: PlanContext = Depends(plan_dep),
              engine: Engine = Depends(engine_dep)) -> Response:
    """Before leaving a session: what R1 answers are still missing, with "continue anyway"."""
    return render(request, "wizard/gate.html", _gate_context(engine, ctx, session))


@router.post("/plans/{plan_id}/sessions/{session}/leave", dependencies=[allow("plan.edit")])
async def leave_gate(session: SessionNo, request: Request, ctx: PlanContext = Depends(plan_dep),
                     engine: Engine = Depends(engine_dep)) -> Response:
    """Leave the session; with answers missing only when a reason is given (it is recorded)."""
    form = await request.form()
    return await run_in_threadpool(_leave, session, request, str(form.get("reason") or ""), ctx, engine)


def _leave(session: int, request: Request, reason: str, ctx: PlanContext, engine: Engine) -> Response:
    context = _gate_context(engine, ctx, session)
    try:
        leave_session(engine, ctx, session, reason, current_editor(request))
    except Refused as exc:  # control characters or too long: the typed reason stays in the box
        context.update(reason_error=exc.message, reason=reason)
        return render(request, "wizard/gate.html", context, status_code=422)
    except ValidationFailed:
        context.update(reason_error=True, reason=reason)
        return render(request, "wizard/gate.html", context, status_code=422)
    following = context["following"]
    if following is None:
        return RedirectResponse(f"/plans/{ctx.plan.id}/patikra", 303)
    return RedirectResponse(_step_url(ctx, following.steps[0]), 303)
