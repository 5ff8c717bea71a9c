"""Live refresh: a step page asks every few seconds what changed since the change it last saw
(the plan's change log), and gets the changed answers and tables back to swap in. A phone's edit
appears on the projector without a reload; an answer someone is typing in is never replaced
(app.js skips it, and their next save meets the conflict check instead)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.engine import Engine

from app.plan.answers import resolve
from app.plan.changelog import changes_since
from app.plan.comments import step_link_counts
from app.plan.errors import NotFound
from app.plan.services import PlanContext
from app.web.auth import allow
from app.web.deps import engine_dep, plan_dep
from app.web.params import MAX_ID, parse_int
from app.web.stepview import builder_for
from app.web.templating import render, request_lang

router = APIRouter()


@router.get("/plans/{plan_id}/changes", dependencies=[allow("plan.view")])
def show_changes(request: Request, ctx: PlanContext = Depends(plan_dep),
                 engine: Engine = Depends(engine_dep)) -> Response:
    """Changed answers of one step since a change number; 204 when nothing changed."""
    since = parse_int(request.query_params.get("since") or "0", 0, MAX_ID)
    try:
        step = ctx.template.step(request.query_params.get("step") or "")
    except KeyError:
        raise NotFound("changes") from None
    if since is None:
        raise NotFound("changes")
    newest, changes = changes_since(engine, ctx.plan.id, since)
    if not changes:
        return Response(status_code=204)
    on_step = {sf.key: sf for sf in step.fields}
    tables, cells = set(), []
    for path, action in changes:
        key = path.split("/")[0]
        if key not in on_step:
            continue
        if action != "set":
            tables.add(key)  # a row came, went or moved: the whole table again
        elif path not in cells:
            cells.append(path)
    _, builder = builder_for(engine, ctx, request_lang(request))
    table_views = [builder.field_view(on_step[key]) for key in tables]
    cell_views = []
    for path in cells:
        if path.split("/")[0] in tables:
            continue
        try:
            target = resolve(ctx.template, path)
        except NotFound:
            continue
        sf = on_step[target.field.key]
        if target.column and sf.columns is not None and target.column.key not in sf.columns:
            continue
        cell_views.append(builder.cell(path, target.leaf, readonly=bool(target.column and target.column.key in sf.readonly_columns)))
    return render(request, "wizard/_changes.html", {
        "ctx": ctx, "plan": ctx.plan, "template": ctx.template, "step": step, "since": newest,
        "cells": cell_views, "tables": table_views,
        "comment_counts": step_link_counts(engine, ctx.plan.id, sorted(tables)) if tables else {}})
