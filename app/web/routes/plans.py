"""Plan pages: the list of plans, a plan's overview with progress, the plan check
("Plano patikra"), and the language switch."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Engine

from app.plan.findings import Severity
from app.people.access import visible_plans
from app.plan.services import PlanContext, gate_overrides, read_plan
from app.plan.sessions_held import resume_step, sessions_held
from app.plan.validation import gate_findings, plan_findings
from app.plan.wizard import plan_progress, session_progress, step_progress
from app.web.auth import allow, queue_cookie
from app.web.routes.auth import safe_next
from app.web.routes.dashboards import front_context
from app.web.deps import engine_dep, plan_dep
from app.web.i18n import LANGS
from app.web.overview import review_parts
from app.web.templating import render

router = APIRouter()
YEAR = 365 * 24 * 3600  # the language and text-size choices are remembered this long


@router.get("/", dependencies=[allow("plans.list")])
def list_all_plans(request: Request, engine: Engine = Depends(engine_dep)) -> Response:
    """Staff: the dashboards of their roles; a team member: the plans they can open, by LAG."""
    dashboards = front_context(request, engine)
    if dashboards is not None:
        return render(request, "plans/index.html", dashboards)
    return render(request, "plans/index.html",
                  {"plans": visible_plans(engine, request.state.visitor.grants)})


@router.get("/plans/{plan_id}", dependencies=[allow("plan.view")])
def show_plan(request: Request, ctx: PlanContext = Depends(plan_dep),
              engine: Engine = Depends(engine_dep)) -> Response:
    """The plan overview: three sessions, their steps, progress and what is still missing."""
    data = read_plan(engine, ctx)
    template = ctx.template
    sessions = []
    for session in template.sessions:
        steps = [(step, step_progress(template, data, step)) for step in session.steps]
        sessions.append({"session": session, "progress": session_progress(template, data, session.number),
                         "steps": steps, "gate": gate_findings(template, data, session.number)})
    closed = {n for n, held in sessions_held(engine, ctx.plan.id).items() if held.closed}
    resume = resume_step(template, data, closed)  # the first session not closed yet
    return render(request, "plans/overview.html", {
        "resume": resume,
        "ctx": ctx, "plan": ctx.plan, "template": template, "sessions": sessions,
        "progress": plan_progress(template, data), "overrides": gate_overrides(engine, ctx.plan.id),
        "title": data.value("plan_title") or ctx.community.name,
        **review_parts(request, engine, ctx, data),
    })


@router.get("/plans/{plan_id}/patikra", dependencies=[allow("plan.view")])
def show_plan_check(request: Request, ctx: PlanContext = Depends(plan_dep),
                    engine: Engine = Depends(engine_dep)) -> Response:
    """Plano patikra: every warning (W, cross-section links) and every missing answer, each
    linking to the step and field concerned."""
    data = read_plan(engine, ctx)
    template = ctx.template
    findings = plan_findings(template, data)

    def link(finding) -> str:  # noqa: ANN001
        step = template.step_of(finding.field)
        anchor = "c-" + "".join(ch if ch.isalnum() else "-" for ch in finding.path)
        if finding.path == finding.field and template.fields[finding.field].is_rows:
            anchor = f"table-{finding.field}"
        return f"/plans/{ctx.plan.id}/steps/{step.slug}#{anchor}"

    groups = {
        "warnings": [f for f in findings if f.severity is Severity.WARNING],
        "missing": [f for f in findings if f.severity is Severity.MISSING],
        "errors": [f for f in findings if f.severity is Severity.ERROR],
    }
    return render(request, "plans/check.html", {
        "ctx": ctx, "plan": ctx.plan, "template": template, "groups": groups, "link": link,
        "section_of": template.section_of,
    })


@router.post("/lang", dependencies=[allow("public")])
async def switch_language(request: Request) -> Response:
    """Remember the person's language (a cookie for a year) and go back where they were."""
    form = await request.form()
    lang = str(form.get("lang") or "lt")
    if lang in LANGS:
        queue_cookie(request, "lang", lang, max_age=YEAR)
    return RedirectResponse(safe_next(form.get("next")), status_code=303)


@router.post("/display", dependencies=[allow("public")])
async def switch_text_size(request: Request) -> Response:
    """Large text for a projector or weak eyes, remembered like the language."""
    form = await request.form()
    queue_cookie(request, "text", "large" if form.get("text") == "large" else "normal", max_age=YEAR)
    return RedirectResponse(safe_next(form.get("next")), status_code=303)
