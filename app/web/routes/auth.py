"""Signing in and out: staff with e-mail and password, team members with a join code (and a
name, optionally a PIN), and the one-time links: an administrator's reset link sets a password;
an invitation creates an account, or, for an e-mail that has one, is accepted after signing in
as that account. Each sign-in starts a new session (a new id); the old one is revoked."""
from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from fastapi.responses import RedirectResponse, Response

from app.db import get_engine
from app.people import accounts, audit, invitations, joincodes, sessions
from app.people.errors import PeopleError
from app.people.sessions import STAFF_DAYS, TEAM_DAYS
from app.plan.permissions import ROLE_LABELS
from app.web.auth import ANON_COOKIE, SESSION_COOKIE, allow, client_address, queue_cookie
from app.web.messages import form_errors
from app.web.templating import render, request_lang

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
    # argon2 and the database off the event loop: one sign-in must not stall every open page
    return await run_in_threadpool(_sign_in, request, form)


def _sign_in(request: Request, form: FormData) -> Response:
    email, password = str(form.get("email") or "")[:300], str(form.get("password") or "")
    to = safe_next(form.get("next"))
    try:
        person_id = accounts.authenticate(get_engine(), email, password, client_address(request))
    except PeopleError as exc:
        return render(request, "people/sign_in.html", {"next": to, "email": email, **form_errors(exc)},
                      status_code=_status(exc))
    return _start(request, person_id, True, to)


@router.post("/atsijungti", dependencies=[allow("public")])
def sign_out(request: Request) -> Response:
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
    return await run_in_threadpool(_join_team, request, form)


def _join_team(request: Request, form: FormData) -> Response:
    code, name = str(form.get("code") or "")[:40], str(form.get("name") or "")[:200]
    address = client_address(request)
    # the browser's pre-session cookie tells the phones of one village Wi-Fi apart
    device = str(request.cookies.get(ANON_COOKIE) or request.cookies.get(SESSION_COOKIE) or "")[:100]
    try:
        joined = joincodes.join(get_engine(), code, name, str(form.get("pin") or "")[:10], address, device)
    except PeopleError as exc:  # counted in the audit summary by the service, without what was typed
        return render(request, "people/join.html", {"code": code, "name": name, **form_errors(exc)},
                      status_code=_status(exc))
    audit.record(get_engine(), "join.ok", joined.person_id, address, f"plan {joined.plan_id}")
    return _start(request, joined.person_id, False, f"/plans/{joined.plan_id}")


def _invitation_page(request: Request, found: invitations.OpenInvitation | None, token: str,
                     status: int = 200, **extra: object) -> Response:
    """The page of an invitation link: set a password (a new account), accept (signed in as the
    invited account), or sign in first; a spent link says so."""
    if found is None:
        return render(request, "people/set_password.html", {"holder": None, "token": token, "errors": {}},
                      status_code=404)
    visitor = getattr(request.state, "visitor", None)
    context = {"invitation": found, "token": token, "errors": {}, "params": {},
               "role_label": ROLE_LABELS[found.role][1 if request_lang(request) == "en" else 0],
               "is_invited": bool(visitor and (visitor.email or "").lower() == found.email),
               "sign_in": f"/prisijungti?next=/kvietimas/{token}"}
    context.update(extra)
    return render(request, "people/invitation.html", context, status_code=status)


@router.get("/kvietimas/{token}", dependencies=[allow("public")])
def show_link(token: str, request: Request) -> Response:
    """A reset link (set a new password) or an invitation (see ``_invitation_page``)."""
    engine = get_engine()
    holder = accounts.token_holder(engine, token)
    if holder is not None:
        return render(request, "people/set_password.html", {"holder": holder, "token": token, "errors": {}})
    return _invitation_page(request, invitations.open_invitation(engine, token), token)


@router.post("/kvietimas/{token}", dependencies=[allow("public")])
async def accept_link(token: str, request: Request) -> Response:
    """Use the link: set the password from a reset link; accept an invitation by creating the
    account, or (``accept``) by adding its role to the signed-in account it was made for."""
    form = await request.form()
    return await run_in_threadpool(_accept_link, token, request, form)


def _accept_link(token: str, request: Request, form: FormData) -> Response:
    engine = get_engine()
    password, repeat = str(form.get("password") or ""), str(form.get("repeat") or "")
    address = client_address(request)
    if accounts.token_holder(engine, token) is not None:
        try:
            person_id = accounts.accept_link(engine, token, password, repeat, address)
        except PeopleError as exc:
            holder = accounts.token_holder(engine, token)
            return render(request, "people/set_password.html", {"holder": holder, "token": token, **form_errors(exc)},
                          status_code=_status(exc) if holder else 404)
        return _start(request, person_id, True, "/")
    visitor = getattr(request.state, "visitor", None)
    try:
        if form.get("accept") and visitor is not None:
            invitations.accept_signed_in(engine, token, visitor.person_id, visitor.email, address)
            return RedirectResponse("/darbuotojai", status_code=303)
        person_id = invitations.accept_new(engine, token, password, repeat, address)
    except PeopleError as exc:
        status = 409 if exc.code in ("account_exists", "invitation_other_account", "invitation_earlier") \
            else _status(exc)
        return _invitation_page(request, invitations.open_invitation(engine, token), token, status, **form_errors(exc))
    return _start(request, person_id, True, "/")
