"""A person's own things: the staff account page (password change), and on a shared laptop
"Kas dabar rašo?" (who types now, and for whom), which the change log then records."""
from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from fastapi.responses import RedirectResponse, Response

from app.db import get_engine
from app.people import accounts, sessions
from app.people.access import team_member_named
from app.people.errors import InvalidInput, PeopleError, RateLimited
from app.people.joincodes import clean_name
from app.people.sessions import Visitor
from app.web.auth import allow, client_address, load_person
from app.web.errors import error_page
from app.web.htmx import is_htmx
from app.web.i18n import translator
from app.web.messages import MESSAGES, form_errors
from app.web.params import Id, parse_id
from app.web.routes.auth import safe_next
from app.web.templating import render, request_lang
from app.web.who import WhoWrites

router = APIRouter()


@router.get("/paskyra", dependencies=[allow("account.password")])
def show_account(request: Request) -> Response:
    """The staff member's account: who they are, and changing the password."""
    return render(request, "people/account.html", {"errors": {}, "changed": bool(request.query_params.get("ok"))})


@router.post("/paskyra", dependencies=[allow("account.password")])
async def change_password(request: Request) -> Response:
    """Change the password (the current one first); every other session of the person ends."""
    form = await request.form()
    return await run_in_threadpool(_change_password, request, form)  # argon2 off the event loop


def _change_password(request: Request, form: FormData) -> Response:
    visitor: Visitor = request.state.visitor
    try:
        accounts.change_password(get_engine(), visitor.person_id, visitor.email or "",
                                 str(form.get("current") or ""), str(form.get("password") or ""),
                                 str(form.get("repeat") or ""), visitor.session_id, client_address(request))
    except PeopleError as exc:
        context = form_errors(exc)
        return render(request, "people/account.html", {**context, "changed": False},
                      status_code=429 if isinstance(exc, RateLimited) else 422)
    return RedirectResponse("/paskyra?ok=1", status_code=303)


async def _writer_reply(request: Request, plan_id: int, errors: dict | None = None,
                        params: dict | None = None) -> Response:
    """The writer bar again (HTMX), or back to the page the person was on."""
    form = await request.form()
    if not is_htmx(request) and errors:
        # the message with its blanks filled, in the person's language (the page shows it as is)
        return error_page(request, 422, translator(request_lang(request))(next(iter(errors.values())), **(params or {})))
    if not is_htmx(request):
        return RedirectResponse(safe_next(form.get("next") or f"/plans/{plan_id}"), status_code=303)
    del request.state.visitor
    visitor = await load_person(request)  # read again: the bar shows the new state
    old = request.state.who
    request.state.who = WhoWrites(get_engine(), plan_id, visitor, old.can_switch, old.can_manage_team)
    current = urlsplit(request.headers.get("hx-current-url", ""))
    return render(request, "people/_writer_bar.html",
                  {"who": request.state.who, "who_errors": errors, "who_params": params or {}, "announce": not errors,
                   "back": safe_next(current.path or f"/plans/{plan_id}")},
                  status_code=422 if errors else 200)


@router.post("/plans/{plan_id}/rasantis", dependencies=[allow("plan.writer")])
async def switch_writer(plan_id: Id, request: Request) -> Response:
    """One click: from now on this laptop's edits to the plan are this person's (a team
    member, the signed-in person, or a new team member by name while the team has room)."""
    form = await request.form()
    visitor: Visitor = request.state.visitor
    who: WhoWrites = request.state.who
    engine = get_engine()
    new_name = str(form.get("new_name") or "")[:200]
    if "new_name" in form:
        try:
            writer_id = team_member_named(engine, plan_id, clean_name(new_name, "new_name"), visitor.person_id)
        except InvalidInput as exc:
            return await _writer_reply(request, plan_id, **form_errors(exc))
    else:
        writer_id = parse_id(form.get("writer_id"))
        if writer_id not in {pid for pid, _ in who.people}:
            return await _writer_reply(request, plan_id, {"new_name": MESSAGES["writer"]})
    sessions.set_writer(engine, visitor.session_id, plan_id,
                        None if writer_id == visitor.person_id else writer_id)
    return await _writer_reply(request, plan_id)


@router.post("/plans/{plan_id}/uz-ka", dependencies=[allow("plan.writer")])
async def set_on_behalf(plan_id: Id, request: Request) -> Response:
    """Edits entered from now on are for a named participant who has no device (or stop)."""
    form = await request.form()
    visitor: Visitor = request.state.visitor
    name = None
    if not form.get("stop"):
        try:
            name = clean_name(str(form.get("on_behalf") or "")[:200], "on_behalf")
        except InvalidInput as exc:
            return await _writer_reply(request, plan_id, **form_errors(exc))
    sessions.set_on_behalf(get_engine(), visitor.session_id, plan_id, name)
    return await _writer_reply(request, plan_id)

