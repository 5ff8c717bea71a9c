"""Signing in and out: staff with e-mail and password, team members with a join code (and a
name, optionally a PIN), and the one-time links that set a staff password (invitation, reset).
Each sign-in starts a new session (a new id); the old one of this browser is revoked."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from app.db import get_engine
from app.people import accounts, audit, joincodes, sessions
from app.people.errors import PeopleError
from app.people.sessions import STAFF_DAYS, TEAM_DAYS
from app.web.auth import SESSION_COOKIE, allow, client_address, queue_cookie
from app.web.messages import form_errors
from app.web.templating import render

router = APIRouter()
STATUS = {"InvalidInput": 422, "SignInFailed": 401, "RateLimited": 429}


def safe_next(value: object) -> str:
    """A place on this site to go after signing in (anything else: the plan list)."""
    text = str(value or "/")
    return text if text.startswith("/") and not text.startswith("//") and "\\" not in text and len(text) < 500 else "/"


def _start(request: Request, person_id: int, staff: bool, to: str) -> Response:
    token = sessions.create_session(get_engine(), person_id, client_address(request), staff=staff,
                                    replaces=request.cookies.get(SESSION_COOKIE))
    queue_cookie(request, SESSION_COOKIE, token, max_age=(STAFF_DAYS if staff else TEAM_DAYS) * 86400)
    return RedirectResponse(to, status_code=303)


def _status(exc: PeopleError) -> int:
    return STATUS.get(type(exc).__name__, 400)


@router.get("/prisijungti", dependencies=[allow("public")])
def show_sign_in(request: Request) -> Response:
    """The staff sign-in form (team members are pointed to the join code)."""
    return render(request, "people/sign_in.html",
                  {"next": safe_next(request.query_params.get("next")), "email": "", "errors": {},
                   "signed_out": bool(request.query_params.get("atsijungta"))})


@router.post("/prisijungti", dependencies=[allow("public")])
async def sign_in(request: Request) -> Response:
    """Check e-mail and password; the same answer for an unknown e-mail and a wrong password."""
    form = await request.form()
    email, password = str(form.get("email") or "")[:300], str(form.get("password") or "")
    to = safe_next(form.get("next"))
    try:
        person_id = accounts.authenticate(get_engine(), email, password, client_address(request))
    except PeopleError as exc:
        return render(request, "people/sign_in.html", {"next": to, "email": email, **form_errors(exc)},
                      status_code=_status(exc))
    return _start(request, person_id, True, to)


@router.post("/atsijungti", dependencies=[allow("public")])
async def sign_out(request: Request) -> Response:
    """End this browser's session (in the database: it cannot be used again)."""
    visitor = getattr(request.state, "visitor", None)
    if visitor is not None:
        sessions.revoke(get_engine(), visitor.session_id)
        audit.record(get_engine(), "signout", visitor.person_id, client_address(request))
    queue_cookie(request, SESSION_COOKIE, "")
    return RedirectResponse("/prisijungti?atsijungta=1", status_code=303)


@router.get("/kodas", dependencies=[allow("public")])
def show_join(request: Request) -> Response:
    """Join a team: the code (filled in when the QR code was scanned), a name, a PIN if wanted."""
    code = str(request.query_params.get("kodas") or "")[:20]
    return render(request, "people/join.html", {"code": code, "name": "", "errors": {}})


@router.post("/kodas", dependencies=[allow("public")])
async def join_team(request: Request) -> Response:
    """Join the plan's team with a code; a matching name and PIN is the same person again."""
    form = await request.form()
    code, name = str(form.get("code") or "")[:40], str(form.get("name") or "")[:200]
    address = client_address(request)
    try:
        joined = joincodes.join(get_engine(), code, name, str(form.get("pin") or "")[:10], address)
    except PeopleError as exc:
        audit.record(get_engine(), "join.fail", None, address, f"{exc.code} {code[:20]}")
        return render(request, "people/join.html", {"code": code, "name": name, **form_errors(exc)},
                      status_code=_status(exc))
    audit.record(get_engine(), "join.ok", joined.person_id, address, f"plan {joined.plan_id}")
    return _start(request, joined.person_id, False, f"/plans/{joined.plan_id}")


@router.get("/kvietimas/{token}", dependencies=[allow("public")])
def show_link(token: str, request: Request) -> Response:
    """An invitation or reset link: set a password (or say plainly that the link is spent)."""
    holder = accounts.token_holder(get_engine(), token)
    return render(request, "people/set_password.html", {"holder": holder, "token": token, "errors": {}},
                  status_code=200 if holder else 404)


@router.post("/kvietimas/{token}", dependencies=[allow("public")])
async def accept_link(token: str, request: Request) -> Response:
    """Set the password from the link and sign in (every other session of the person ends)."""
    form = await request.form()
    engine = get_engine()
    try:
        person_id = accounts.accept_link(engine, token, str(form.get("password") or ""),
                                         str(form.get("repeat") or ""), client_address(request))
    except PeopleError as exc:
        holder = accounts.token_holder(engine, token)
        return render(request, "people/set_password.html",
                      {"holder": holder, "token": token, **form_errors(exc)},
                      status_code=_status(exc) if holder else 404)
    return _start(request, person_id, True, "/")
