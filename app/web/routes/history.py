"""The change history of a plan (who changed what, when, on whose behalf, old → new) and of
one answer, with "bring this value back": nobody's earlier text is ever lost."""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Engine

from app.plan.answers import MAX_PATH, Editor, load_cells, save_cell
from app.plan.changelog import history
from app.plan.display import display_value, row_title
from app.plan.content import Text
from app.plan.errors import Conflict, FieldError, LimitReached, NotFound
from app.plan.rows import delete_row
from app.plan.services import PlanContext, read_plan
from app.web.auth import allow
from app.web.deps import current_editor, engine_dep, plan_dep
from app.web.templating import render, request_lang
from app.web.views import css_id
from app.web.params import Id

router = APIRouter()


def _describe(ctx: PlanContext, data, entry, lang: str) -> dict:  # noqa: ANN001
    """An entry as the page shows it: where (section, field, row), and old → new as text."""
    template = ctx.template
    parts = entry.path.split("/")
    field = template.fields.get(parts[0])
    if field is None:
        return {}
    where = field.label.get(lang)
    leaf = field
    if len(parts) >= 2 and field.is_rows:
        row = next((r for r in data.rows(field.key) if r.id == parts[1]), None)
        if entry.action == "row_add" and row is not None and row.fixed:
            return {}  # a fixed row came with the plan: logged for the rebuild, nobody added it
        where += " – " + (row_title(template, data, field.key, row, lang) if row else "…")
        if len(parts) == 3:
            try:
                leaf = field.column(parts[2])
            except KeyError:
                return {}
            where += f" – {leaf.label.get(lang)}"
    step = template.step_of(field.key)
    anchor = css_id(entry.path) if len(parts) != 2 else f"row-{parts[1]}"
    return {"entry": entry, "where": where, "letter": template.section_of(field.key).letter,
            "old": display_value(template, data, leaf, entry.old, lang) if leaf.kind.value not in ("list", "table") else "",
            "new": display_value(template, data, leaf, entry.new, lang) if leaf.kind.value not in ("list", "table") else "",
            "link": f"/plans/{ctx.plan.id}/steps/{step.slug}#{anchor}", "moved": _direction(entry)}


def _direction(entry) -> str | None:  # noqa: ANN001
    """Which way a row moved: a move logs the row's old and new position (older logs held list
    indexes, which compare the same way)."""
    if entry.action != "row_move" or not all(isinstance(x, (int, float)) for x in (entry.old, entry.new)):
        return None
    return "up" if entry.new < entry.old else "down" if entry.new > entry.old else None


@router.get("/plans/{plan_id}/istorija", dependencies=[allow("plan.view")])
def show_history(request: Request, ctx: PlanContext = Depends(plan_dep),
                 engine: Engine = Depends(engine_dep)) -> Response:
    """The plan's last changes, or every change of one answer (``?path=``)."""
    return _history_page(request, ctx, engine, request.query_params.get("path") or None)


def _history_page(request: Request, ctx: PlanContext, engine: Engine, path: str | None,
                  problem: Text | None = None, status_code: int = 200) -> Response:
    if path and (len(path) > MAX_PATH or path.split("/")[0] not in ctx.template.fields or path.count("/") > 2):
        raise NotFound(path)
    lang = request_lang(request)
    data = read_plan(engine, ctx)
    entries = [d for d in (_describe(ctx, data, e, lang) for e in history(engine, ctx.plan.id, path)) if d]
    return render(request, "plans/history.html", {
        "ctx": ctx, "plan": ctx.plan, "entries": entries, "path": path, "problem": problem,
        "title": data.value("plan_title") or ctx.community.name}, status_code=status_code)


#: Someone saved between reading the revision and writing: say so, nothing was overwritten.
SAVED_MEANWHILE = Text(
    "Kol grąžinote, šį atsakymą ką tik pakeitė {who}. Niekas neperrašyta: peržiūrėkite naujausią "
    "reikšmę viršuje ir, jei vis dar reikia, grąžinkite dar kartą.",
    "While you were restoring, {who} changed this answer. Nothing was overwritten: look at the newest "
    "value at the top and restore again if you still want to.")


@router.post("/plans/{plan_id}/istorija/{seq}", dependencies=[allow("plan.edit")])
def restore_value(seq: Id, request: Request, ctx: PlanContext = Depends(plan_dep),
                  engine: Engine = Depends(engine_dep)) -> Response:
    """Bring back the value an answer had after change ``seq`` (or a removed row). A save that
    raced it, a table that is full or a value that no longer fits (a ref to a removed row) is
    said on the history page; nothing is swallowed."""
    entry = next(iter(history(engine, ctx.plan.id, seq=seq)), None)
    if entry is None:
        raise NotFound(str(seq))
    editor: Editor = current_editor(request)
    try:
        if entry.action == "row_delete":
            table, row_id = entry.path.split("/")[:2]
            delete_row(engine, ctx.template, ctx.plan.id, table, row_id, editor, restore=True)
        elif entry.action == "set":
            current = load_cells(engine, ctx.plan.id).get(entry.path)
            save_cell(engine, ctx.template, ctx.plan.id, entry.path, current.revision if current else 0,
                      entry.new, editor)
        else:
            raise NotFound(entry.action)
    except Conflict as exc:
        problem = Text(SAVED_MEANWHILE.lt.format(who=exc.by or "kitas žmogus"),
                       SAVED_MEANWHILE.en.format(who=exc.by or "someone else"))
        return _history_page(request, ctx, engine, entry.path, problem, status_code=409)
    except (FieldError, LimitReached) as exc:
        path = entry.path if entry.action == "set" else None
        return _history_page(request, ctx, engine, path, exc.message, status_code=422)
    return RedirectResponse(f"/plans/{ctx.plan.id}/istorija?path={quote(entry.path)}&restored=1", status_code=303)
