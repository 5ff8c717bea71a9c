"""Autosave and table rows: the small requests a step page sends while people type.

Each answer saves itself (HTMX, debounced) with the revision the person saw; the reply is the
answer's status line (with the new revision), plus fresh computed values of its table and the
step's progress. Rows are added, removed (with undo) and moved by keyboard-friendly buttons.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Engine

from app.plan.answers import resolve, save_cell
from app.plan.rows import add_row, delete_row, move_row
from app.plan.content import FieldKind, Text
from app.plan.data import is_empty
from app.plan.display import display_value
from app.plan.errors import Conflict, FieldError, LimitReached, NotFound
from app.plan.kinds import parse_input
from app.plan.services import PlanContext
from app.plan.wizard import step_progress
from app.web.auth import allow
from app.web.deps import current_editor, engine_dep, plan_dep
from app.web.forms import read_cells
from app.web.htmx import is_htmx
from app.plan.comments import step_link_counts
from app.web.stepview import builder_for, step_context, table_refused
from app.web.templating import render, request_lang

router = APIRouter()


def _step_for(ctx: PlanContext, request: Request, key: str):
    """The step named in the query if it shows ``key`` (a stale or forged ``step`` falls back
    to the field's own step, never to a page without it)."""
    slug = request.query_params.get("step") or ""
    try:
        step = ctx.template.step(slug)
    except KeyError:
        return ctx.template.step_of(key)
    return step if any(sf.key == key for sf in step.fields) else ctx.template.step_of(key)


@router.post("/plans/{plan_id}/cells", dependencies=[allow("plan.edit")])
async def save_cells(request: Request, ctx: PlanContext = Depends(plan_dep),
                     engine: Engine = Depends(engine_dep)) -> Response:
    """Save the answers in the request (usually one); reply with their status lines."""
    form = await request.form()
    # the database work runs in the thread pool: on PostgreSQL saves overlap while one waits
    return await run_in_threadpool(_save_and_reply, request, form, ctx, engine)


def _save_and_reply(request: Request, form, ctx: PlanContext, engine: Engine) -> Response:  # noqa: ANN001
    editor = current_editor(request)
    results, status = [], 200
    for sub in read_cells(form):
        try:
            target = resolve(ctx.template, sub.path)
            value = parse_input(target.leaf, sub.values, sub.other)
            saved = save_cell(engine, ctx.template, ctx.plan.id, sub.path, sub.revision, value, editor)
            results.append({"path": sub.path, "state": "saved", "revision": saved.revision, "at": saved.at,
                            "moved": saved.was_empty != is_empty(value), "target": target})
        except FieldError as exc:
            status = max(status, 422)
            results.append({"path": sub.path, "state": "error", "revision": sub.revision,
                            "message": exc.message})
        except Conflict as exc:
            status = max(status, 409)
            results.append({"path": sub.path, "state": "conflict", "revision": sub.revision,
                            "conflict": exc, "leaf": target.leaf})
        except NotFound:
            status = max(status, 404)
            results.append({"path": sub.path, "state": "gone", "revision": sub.revision})
    lang = request_lang(request)
    extra = {}
    if results and _needs_refresh(results):
        key = results[0]["path"].split("/")[0]
        if key in ctx.template.fields:
            data, builder = builder_for(engine, ctx, lang)
            step = _step_for(ctx, request, key)
            extra = {"progress": step_progress(ctx.template, data, step), "computed": _computed(builder, key, data)}
            for r in results:
                if r["state"] == "conflict":
                    r["theirs_text"] = display_value(ctx.template, data, r["leaf"], r["conflict"].current, lang)
    return render(request, "wizard/_save_result.html", {"results": results, "ctx": ctx, **extra},
                  status_code=status)


def _needs_refresh(results: list[dict]) -> bool:
    """Re-read the plan only when the reply must show more than the status line: a conflict
    (their value), an answer that became empty or filled (progress), or a value computations
    read (numbers, choices, refs). Typing text into a filled answer, the common case in a
    workshop, stays on the fast path."""
    for r in results:
        if r["state"] == "conflict" or r.get("moved"):
            return True
        target = r.get("target")
        if target is None:
            continue
        if target.leaf.kind not in (FieldKind.SHORT, FieldKind.LONG):
            return True  # numbers, choices and refs feed totals, ranks, codes and quadrants
    return False


def _computed(builder, key: str, data) -> list:  # noqa: ANN001
    """Fresh computed cells (totals, ranks, codes, quadrants) of the saved answer's table, and
    the computed top-level fields; the page swaps those it shows."""
    template = builder.template
    field = template.fields[key]
    out = []
    tables = [field] if field.is_rows else []
    # a top-level number (residents_total) feeds computed columns elsewhere: refresh those too
    tables += [f for f in template.fields.values()
               if f.is_rows and f is not field and any(c.kind is FieldKind.COMPUTED for c in f.columns)]
    for table in tables:
        cols = [c for c in table.columns if c.kind is FieldKind.COMPUTED]
        for index, row in enumerate(data.rows(table.key), start=1):
            out.extend(c for c in builder.row_view(table, row, index, cols).cells)
    return out


def _back_to_step(ctx: PlanContext, request: Request, key: str, anchor: str = "") -> RedirectResponse:
    step = _step_for(ctx, request, key)
    url = f"/plans/{ctx.plan.id}/steps/{step.slug}{anchor}"
    return RedirectResponse(url, status_code=303)


def _table_partial(request: Request, engine: Engine, ctx: PlanContext, key: str,
                   focus: str | None = None, status_code: int = 200, error: Text | None = None) -> Response:
    lang = request_lang(request)
    step = _step_for(ctx, request, key)
    _, builder = builder_for(engine, ctx, lang, table_refused(key, error) if error else None)
    sf = next(sf for sf in step.fields if sf.key == key)
    return render(request, "wizard/_table.html",
                  {"view": builder.field_view(sf), "ctx": ctx, "plan": ctx.plan, "template": ctx.template,
                   "step": step, "focus": focus, "comment_counts": step_link_counts(engine, ctx.plan.id, [key])},
                  status_code=status_code)


@router.get("/plans/{plan_id}/cell", dependencies=[allow("plan.view")])
def show_cell(request: Request, ctx: PlanContext = Depends(plan_dep),
              engine: Engine = Depends(engine_dep)) -> Response:
    """One answer as it is stored now (after a conflict: "keep their version")."""
    path = request.query_params.get("path") or ""
    target = resolve(ctx.template, path)
    step = _step_for(ctx, request, target.field.key)
    _, builder = builder_for(engine, ctx, request_lang(request))
    return render(request, "wizard/_cell.html",
                  {"cell": builder.cell(path, target.leaf), "ctx": ctx, "plan": ctx.plan,
                   "template": ctx.template, "step": step, "compact": "/" in path})


def _refused_row(request: Request, engine: Engine, ctx: PlanContext, key: str, exc: LimitReached) -> Response:
    """A full table: HTMX gets the table with the message under it, a plain request the step."""
    if is_htmx(request):
        return _table_partial(request, engine, ctx, key, status_code=422, error=exc.message)
    step = _step_for(ctx, request, key)
    return render(request, "wizard/step.html",
                  step_context(engine, ctx, step, request_lang(request), table_refused(key, exc.message)),
                  status_code=422)


@router.post("/plans/{plan_id}/rows/{table_key}", dependencies=[allow("plan.edit")])
def add_table_row(table_key: str, request: Request, ctx: PlanContext = Depends(plan_dep),
                  engine: Engine = Depends(engine_dep)) -> Response:
    """Append a row; HTMX gets the table back with focus on the new row's first input. A full
    table (``max_rows``, checked by ``add_row`` for every caller) answers 422 with the message."""
    field = ctx.template.fields.get(table_key)
    if field is None or not field.is_rows:
        raise NotFound(table_key)
    try:
        row_id = add_row(engine, ctx.template, ctx.plan.id, table_key, current_editor(request))
    except LimitReached as exc:
        return _refused_row(request, engine, ctx, table_key, exc)
    if not is_htmx(request):
        return _back_to_step(ctx, request, table_key, f"#row-{row_id}")
    return _table_partial(request, engine, ctx, table_key, focus=row_id)


@router.post("/plans/{plan_id}/rows/{table_key}/{row_id}/delete", dependencies=[allow("plan.edit")])
def delete_table_row(table_key: str, row_id: str, request: Request,
                     ctx: PlanContext = Depends(plan_dep), engine: Engine = Depends(engine_dep)) -> Response:
    """Remove a row (soft: the page offers "Atkurti" to bring it back)."""
    delete_row(engine, ctx.template, ctx.plan.id, table_key, row_id, current_editor(request))
    if not is_htmx(request):
        return _back_to_step(ctx, request, table_key, f"#table-{table_key}")
    return render(request, "wizard/_row_removed.html",
                  {"ctx": ctx, "plan": ctx.plan, "table_key": table_key, "row_id": row_id,
                   "step": _step_for(ctx, request, table_key)})


@router.post("/plans/{plan_id}/rows/{table_key}/{row_id}/restore", dependencies=[allow("plan.edit")])
def restore_table_row(table_key: str, row_id: str, request: Request,
                      ctx: PlanContext = Depends(plan_dep), engine: Engine = Depends(engine_dep)) -> Response:
    """Bring back a removed row (unless the table has filled up meanwhile)."""
    try:
        delete_row(engine, ctx.template, ctx.plan.id, table_key, row_id, current_editor(request), restore=True)
    except LimitReached as exc:
        return _refused_row(request, engine, ctx, table_key, exc)
    if not is_htmx(request):
        return _back_to_step(ctx, request, table_key, f"#row-{row_id}")
    return _table_partial(request, engine, ctx, table_key, focus=row_id)


@router.post("/plans/{plan_id}/rows/{table_key}/{row_id}/move", dependencies=[allow("plan.edit")])
def move_table_row(table_key: str, row_id: str, request: Request,
                   ctx: PlanContext = Depends(plan_dep), engine: Engine = Depends(engine_dep)) -> Response:
    """Move a row up or down one place (buttons, so it works by keyboard)."""
    offset = -1 if request.query_params.get("dir") == "up" else 1
    move_row(engine, ctx.plan.id, table_key, row_id, offset, current_editor(request))
    if not is_htmx(request):
        return _back_to_step(ctx, request, table_key, f"#row-{row_id}")
    return _table_partial(request, engine, ctx, table_key,
                          focus=f"{row_id}:{'up' if offset < 0 else 'down'}")
