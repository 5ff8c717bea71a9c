"""A plan's named versions: make one, compare two (or one with now), restore one."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from app.people.access import roles_on
from app.plan.compare import compare
from app.plan.content import Text
from app.plan.errors import Conflict, NotFound
from app.plan.kinds import clean_text, text_problem
from app.plan.permissions import can_any
from app.plan.restore import restore_version
from app.plan.services import PlanContext, plan_version, read_plan
from app.plan.versions import (MAX_NAME, get_version, latest_version, list_versions, make_version, snapshot_of,
                               version_label)
from app.web.auth import allow
from app.web.deps import current_editor, engine_dep, plan_dep
from app.web.params import MAX_ID, Id, parse_id, parse_int
from app.web.templating import render, request_lang

router = APIRouter()

NAME_LABEL = Text("Versijos pavadinimas", "Version name")
NAME_MISSING = Text("Įrašykite versijos pavadinimą, pvz., „Po 2 susitikimo“.",
                    "Write a name for the version, e.g. “After session 2”.")
CHANGED_MEANWHILE = Text(
    "Kol žiūrėjote skirtumus, planą kažkas pakeitė. Niekas neatkurta ir neperrašyta: peržiūrėkite "
    "skirtumus iš naujo ir, jei vis dar reikia, atkurkite dar kartą.",
    "While you were looking at the differences, someone changed the plan. Nothing was restored or "
    "overwritten: look at the differences again and restore once more if you still want to.")


def _may(request: Request, ctx: PlanContext, action: str) -> bool:
    visitor = request.state.visitor
    roles = roles_on(visitor.grants, ctx.plan.id, ctx.community.id, ctx.lag.id)
    return can_any(roles, action, ctx.plan.status)


def version_overview(engine: Engine, ctx: PlanContext, lang: str) -> dict:
    """The overview's line "Plano versija: 2 versija, 2025-03-14" (``versions/_overview.html``)."""
    latest = latest_version(engine, ctx.plan.id)
    return {"latest_version": latest, "latest_version_label": version_label(latest, lang) if latest else None}


@router.get("/plans/{plan_id}/versijos", dependencies=[allow("plan.view")])
def list_plan_versions(request: Request, ctx: PlanContext = Depends(plan_dep),
                       engine: Engine = Depends(engine_dep)) -> Response:
    """The plan's versions, newest first, and the form that saves one with a name."""
    return _list_page(request, ctx, engine)


def _list_page(request: Request, ctx: PlanContext, engine: Engine, name: str = "",
               problem: Text | None = None, status_code: int = 200) -> Response:
    versions = list_versions(engine, ctx.plan.id)
    by_id = {v.id: v for v in versions}
    restored = by_id.get(parse_id(request.query_params.get("atkurta")) or 0)
    before = by_id.get(parse_id(request.query_params.get("pries")) or 0)
    saved = by_id.get(parse_id(request.query_params.get("issaugota")) or 0)
    return render(request, "versions/list.html", {
        "ctx": ctx, "plan": ctx.plan, "versions": versions, "name": name, "problem": problem,
        "max_name": MAX_NAME, "can_create": _may(request, ctx, "version.create"),
        "restored": restored, "before": before, "saved": saved,
        "previous": {v.id: versions[i + 1] for i, v in enumerate(versions[:-1])},
        "title": read_plan(engine, ctx).value("plan_title") or ctx.community.name}, status_code=status_code)


async def _field(request: Request, name: str) -> str:
    """A form field as text ("" when absent), read after the request guard has checked the body
    (FastAPI's ``Form`` parameters would read it before the guard does)."""
    return str((await request.form()).get(name) or "")


@router.post("/plans/{plan_id}/versijos", dependencies=[allow("version.create")])
async def create_plan_version(request: Request, ctx: PlanContext = Depends(plan_dep),
                              engine: Engine = Depends(engine_dep)) -> Response:
    """Save the plan as it is now under a name ("Po 2 susitikimo")."""
    name = await _field(request, "name")
    return await run_in_threadpool(_create, request, name, ctx, engine)


def _create(request: Request, name: str, ctx: PlanContext, engine: Engine) -> Response:
    raw = clean_text(name)
    problem = text_problem(NAME_LABEL, raw, MAX_NAME)
    clean = " ".join(raw.split())  # one line: it names the version in lists and on the title page
    if not problem and not clean:
        problem = NAME_MISSING
    if problem:
        return _list_page(request, ctx, engine, name, problem, status_code=422)
    version_id, _ = make_version(engine, ctx.plan.id, clean, "manual", current_editor(request).person_id,
                                 ctx.plan.template_id)
    return RedirectResponse(f"/plans/{ctx.plan.id}/versijos?issaugota={version_id}", status_code=303)


@router.get("/plans/{plan_id}/versijos/{version_id}", dependencies=[allow("plan.view")])
def compare_plan_version(version_id: Id, request: Request, ctx: PlanContext = Depends(plan_dep),
                         engine: Engine = Depends(engine_dep)) -> Response:
    """A version beside the plan as it is now, or beside another version (``?su=<id>``)."""
    return _compare_page(request, ctx, engine, version_id)


def _compare_page(request: Request, ctx: PlanContext, engine: Engine, version_id: int,
                  problem: Text | None = None, status_code: int = 200) -> Response:
    lang = request_lang(request)
    version, snapshot = get_version(engine, ctx.plan.id, version_id)
    other_raw = request.query_params.get("su")
    other = None
    if other_raw:  # empty: the plan as it is now (the form's first choice)
        other_id = parse_id(other_raw)
        if other_id is None:
            raise NotFound(other_raw[:20])
        other, other_snapshot = get_version(engine, ctx.plan.id, other_id)
    seen = plan_version(engine, ctx.plan.id)[1]  # read first: a change after it stops the restore
    data = read_plan(engine, ctx)
    if other is None:
        old, new, older, newer = snapshot, snapshot_of(data), version, None
    elif other.number < version.number:
        old, new, older, newer = other_snapshot, snapshot, other, version
    else:
        old, new, older, newer = snapshot, other_snapshot, version, other
    result = compare(ctx.template, old, new, ctx.plan.lang)
    return render(request, "versions/compare.html", {
        "ctx": ctx, "plan": ctx.plan, "version": version, "older": older, "newer": newer,
        "result": result, "problem": problem, "versions": list_versions(engine, ctx.plan.id),
        "other": other, "seen": seen,
        "can_restore": other is None and _may(request, ctx, "version.restore"),
        "label": lambda v: version_label(v, lang),
        "title": data.value("plan_title") or ctx.community.name}, status_code=status_code)


@router.post("/plans/{plan_id}/versijos/{version_id}/atkurti", dependencies=[allow("version.restore")])
async def restore_plan_version(version_id: Id, request: Request, ctx: PlanContext = Depends(plan_dep),
                               engine: Engine = Depends(engine_dep)) -> Response:
    """Bring a version back as new changes, after saving the plan as it was (so it can be undone).
    ``seen``: the last change the person saw; if the plan changed since, nothing is restored."""
    seen = await _field(request, "seen")
    return await run_in_threadpool(_restore, request, version_id, seen, ctx, engine)


def _restore(request: Request, version_id: int, seen: str, ctx: PlanContext, engine: Engine) -> Response:
    try:
        done = restore_version(engine, ctx.template, ctx.plan.id, version_id, current_editor(request),
                               seen_seq=parse_int(seen, 0, MAX_ID) if seen else None, lang=ctx.plan.lang)
    except Conflict:
        return _compare_page(request, ctx, engine, version_id, CHANGED_MEANWHILE, status_code=409)
    return RedirectResponse(f"/plans/{ctx.plan.id}/versijos?atkurta={version_id}&pries={done.before_id}",
                            status_code=303)
