"""Comment threads on a plan's sections, fields and rows: add, reply, resolve, reopen; the
facilitator's list of open comments across their plans. Plain forms that answer 303 back to
the page they came from; with HTMX the thread panel swaps in place."""
from __future__ import annotations

from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from app.people.access import all_roles, roles_on, visible_plans
from app.people.notices import notify
from app.plan import comments as domain
from app.plan.comment_threads import open_threads_of, place_of, plan_threads, step_counts
from app.plan.content import Text
from app.plan.errors import NotFound, Refused
from app.plan.permissions import can_any
from app.plan.services import PlanContext, get_plan, read_plan
from app.web.auth import allow
from app.web.deps import current_editor, engine_dep, plan_dep
from app.web.htmx import is_htmx
from app.web.params import Id
from app.web.routes.auth import safe_next
from app.web.templating import render, request_lang

router = APIRouter()

# the filter of the list (?rodyti=): query value → the domain's state
SHOW = {"atviros": "open", "isspresta": "resolved", "visos": "all"}
NO_PLACE = Text("Pasirinkite, apie ką pastaba.", "Choose what the comment is about.")


def _may(request: Request, ctx: PlanContext, action: str) -> bool:
    visitor = request.state.visitor
    return can_any(roles_on(visitor.grants, ctx.plan.id, ctx.community.id, ctx.lag.id), action, ctx.plan.status)


def comments_url(plan_id: int, anchor: str = "", back: str = "", show: str = "") -> str:
    """The plan's comments page, at one place, remembering the wizard page to go back to."""
    url = f"/plans/{plan_id}/komentarai"
    params = (("vieta", anchor), ("atgal", back), ("rodyti", show if show != "atviros" else ""))
    query = "&".join(f"{k}={quote(v, safe='/@')}" for k, v in params if v)
    return f"{url}?{query}" if query else url


def field_url(plan_id: int, place) -> str:  # noqa: ANN001
    """Where the wizard shows a thread's field or row (the comments page when no step does)."""
    if place.step is None:
        return comments_url(plan_id)
    return f"/plans/{plan_id}/steps/{place.step}" + (f"#{place.target}" if place.target else "")


def _anchor_choices(ctx: PlanContext, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """For a new thread without a place: each section, and its fields."""
    out = []
    for section in ctx.template.sections:
        title = f"{section.letter}. {section.title.get(lang)}"
        fields = [(key, ctx.template.fields[key].label.get(lang)) for key in section.fields
                  if key in ctx.template.fields]
        out.append((title, [(f"@{section.letter}", title), *fields]))
    return out


def _context(request: Request, engine: Engine, ctx: PlanContext, show: str, anchor: str, back: str,
             **extra: object) -> dict:
    lang = request_lang(request)
    data = read_plan(engine, ctx)
    threads = plan_threads(engine, ctx.plan.id, SHOW.get(show, "open"), anchor or None)
    for t in threads:
        t.place = place_of(ctx.template, data, t.anchor, lang)
    here = None  # the place a new thread goes: one that still exists
    if anchor:
        try:
            domain.check_anchor(engine, ctx.template, ctx.plan.id, anchor)
            here = place_of(ctx.template, data, anchor, lang)
        except NotFound:
            pass
    show = show if show in SHOW else "atviros"
    sheet = is_htmx(request) and "/steps/" in urlsplit(request.headers.get("hx-current-url", "")).path
    return {"ctx": ctx, "plan": ctx.plan, "template": ctx.template, "threads": threads, "show": show,
            "anchor": anchor, "here": here, "back": back, "page": comments_url(ctx.plan.id, anchor, back, show),
            "url_for_show": lambda s: comments_url(ctx.plan.id, anchor, back, s),
            "choices": _anchor_choices(ctx, lang) if not anchor else [],
            "can_add": _may(request, ctx, "comment.add"), "can_resolve": _may(request, ctx, "comment.resolve"),
            "field_url": field_url, "errors": {}, "typed": {}, "sheet": sheet,
            **(_sheet_links(engine, ctx, anchor, back, here) if sheet else {}), **extra}


def _sheet_links(engine: Engine, ctx: PlanContext, anchor: str, back: str, here) -> dict:  # noqa: ANN001
    """In the wizard's comment sheet: the step's links of this place, with their new counts
    (swapped out of band, so "Pastabos (n)" beside the field stays true)."""
    parts = anchor.split("/")
    slug = urlsplit(back).path.rsplit("/steps/", 1)[-1] if "/steps/" in back else ""
    if here is None or anchor.startswith("@") or not slug:
        return {}
    try:
        step = ctx.template.step(slug)
    except KeyError:
        return {}
    keys = [parts[0]] + (["/".join(parts[:2])] if len(parts) > 1 else [])
    whats = [ctx.template.fields[parts[0]].label.get(ctx.plan.lang), here.row or here.label]
    return {"step": step, "comment_counts": domain.step_link_counts(engine, ctx.plan.id, [parts[0]]),
            "oob_links": list(zip(keys, whats))}


def _show(request: Request, engine: Engine, ctx: PlanContext, show: str, anchor: str, back: str,
          status_code: int = 200, **extra: object) -> Response:
    context = _context(request, engine, ctx, show, anchor, back, **extra)
    return render(request, "comments/plan.html", context, status_code=status_code, partial="comments/_panel.html")


def _clean_back(value: str) -> str:
    back = safe_next(value) if value else ""
    return back if back.startswith("/plans/") else ""


@router.get("/plans/{plan_id}/komentarai", dependencies=[allow("plan.view")])
def show_comments(request: Request, rodyti: str = "atviros", vieta: str = "", atgal: str = "",
                  ctx: PlanContext = Depends(plan_dep), engine: Engine = Depends(engine_dep)) -> Response:
    """A plan's comment threads (open, resolved or all), at one place (``vieta``) or all."""
    if len(vieta) > domain.MAX_PATH:
        raise NotFound("anchor too long")
    return _show(request, engine, ctx, rodyti, vieta, _clean_back(atgal))


def _done(request: Request, engine: Engine, ctx: PlanContext, anchor: str, back: str, next_url: str,
          focus: int) -> Response:
    """After a change: the panel again for HTMX, else 303 back to the page of the form."""
    if is_htmx(request):
        return _show(request, engine, ctx, "atviros", anchor, back)
    to = safe_next(next_url) if next_url else comments_url(ctx.plan.id, anchor, back)
    return RedirectResponse(f"{to.split('#')[0]}#k-{focus}", status_code=303)


def _notify(engine: Engine, ctx: PlanContext, anchor: str, body: str, actor: int | None) -> None:
    place = place_of(ctx.template, None, anchor)  # the link only: no need to read the plan
    notify(engine, ctx.plan.id, "comment", actor, note=body.strip()[:200], link=field_url(ctx.plan.id, place))


async def _form(request: Request) -> dict[str, str]:
    """The form's text fields (a file or a missing field reads as ""). Read here, in the event
    loop, after the CSRF guard has read the body: FastAPI's ``Form`` parameters would read it
    before the guard does."""
    form = await request.form()
    return {k: (v if isinstance(v, str) else "") for k, v in
            ((k, form.get(k)) for k in ("vieta", "tekstas", "atgal", "next"))}


@router.post("/plans/{plan_id}/komentarai", dependencies=[allow("comment.add")])
async def add_comment(request: Request, ctx: PlanContext = Depends(plan_dep),
                      engine: Engine = Depends(engine_dep)) -> Response:
    """Start a thread at a section, field or row."""
    return await run_in_threadpool(_add, request, await _form(request), ctx, engine)


def _add(request: Request, form: dict[str, str], ctx: PlanContext, engine: Engine) -> Response:
    back, anchor, body = _clean_back(form["atgal"]), form["vieta"].strip(), form["tekstas"]
    editor = current_editor(request)
    try:
        new_id = domain.add_thread(engine, ctx.template, ctx.plan.id, anchor, body, editor)
    except NotFound:
        return _show(request, engine, ctx, "atviros", "", back, status_code=422,
                     errors={"vieta": NO_PLACE}, typed={"new": body})
    except Refused as exc:
        return _show(request, engine, ctx, "atviros", anchor, back, status_code=422,
                     errors={"new": exc.message}, typed={"new": body})
    _notify(engine, ctx, anchor, body, editor.person_id)
    return _done(request, engine, ctx, anchor, back, form["next"], new_id)


@router.post("/plans/{plan_id}/komentarai/{comment_id}/atsakyti", dependencies=[allow("comment.add")])
async def reply_comment(comment_id: Id, request: Request, ctx: PlanContext = Depends(plan_dep),
                        engine: Engine = Depends(engine_dep)) -> Response:
    """Reply in a thread."""
    return await run_in_threadpool(_reply, request, comment_id, await _form(request), ctx, engine)


def _reply(request: Request, comment_id: int, form: dict[str, str], ctx: PlanContext, engine: Engine) -> Response:
    back, anchor, body = _clean_back(form["atgal"]), form["vieta"][:domain.MAX_PATH], form["tekstas"]
    first = domain.thread_of(engine, ctx.plan.id, comment_id)
    editor = current_editor(request)
    try:
        domain.add_reply(engine, ctx.plan.id, comment_id, body, editor)
    except Refused as exc:
        return _show(request, engine, ctx, "visos" if first.resolved_at else "atviros", anchor, back,
                     status_code=422, errors={first.id: exc.message}, typed={first.id: body})
    _notify(engine, ctx, first.anchor, body, editor.person_id)
    return _done(request, engine, ctx, anchor, back, form["next"], first.id)


def _resolve(request: Request, comment_id: int, resolved: bool, form: dict[str, str], ctx: PlanContext,
             engine: Engine) -> Response:
    thread_id = domain.set_resolved(engine, ctx.plan.id, comment_id, current_editor(request).person_id, resolved)
    return _done(request, engine, ctx, form["vieta"][:domain.MAX_PATH], _clean_back(form["atgal"]),
                 form["next"], thread_id)


@router.post("/plans/{plan_id}/komentarai/{comment_id}/isspresta", dependencies=[allow("comment.resolve")])
async def resolve_comment(comment_id: Id, request: Request, ctx: PlanContext = Depends(plan_dep),
                          engine: Engine = Depends(engine_dep)) -> Response:
    """Mark a thread resolved (it leaves the open counts; it stays readable)."""
    return await run_in_threadpool(_resolve, request, comment_id, True, await _form(request), ctx, engine)


@router.post("/plans/{plan_id}/komentarai/{comment_id}/atverti", dependencies=[allow("comment.resolve")])
async def reopen_comment(comment_id: Id, request: Request, ctx: PlanContext = Depends(plan_dep),
                         engine: Engine = Depends(engine_dep)) -> Response:
    """Open a resolved thread again."""
    return await run_in_threadpool(_resolve, request, comment_id, False, await _form(request), ctx, engine)


@router.get("/komentarai", dependencies=[allow("comments.list")])
def list_open_comments(request: Request, engine: Engine = Depends(engine_dep)) -> Response:
    """Open comment threads across every plan the person reaches, grouped by plan."""
    lang = request_lang(request)
    plans = {p.id: (p, c, lag) for p, c, lag in visible_plans(engine, request.state.visitor.grants)}
    groups = []
    for plan_id, threads in sorted(open_threads_of(engine, list(plans)).items()):
        ctx = get_plan(engine, plan_id)
        data = read_plan(engine, ctx)
        for t in threads:
            t.place = place_of(ctx.template, data, t.anchor, lang)
        groups.append((ctx, threads))
    return render(request, "comments/list.html", {"groups": groups, "field_url": field_url,
                                                  "comments_url": comments_url})


def overview_comments(request: Request, engine: Engine, ctx: PlanContext) -> dict:
    """The plan overview's comment figures: open threads per step and in the whole plan, and
    whether to link the person's list of open comments across their plans."""
    visitor = request.state.visitor
    return {"comment_steps": step_counts(engine, ctx.template, ctx.plan.id),
            "comment_open": sum(domain.open_counts_by_anchor(engine, ctx.plan.id).values()),
            "comment_list": can_any(all_roles(visitor.grants), "comments.list")}
