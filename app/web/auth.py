"""Sign-in in the HTTP layer: the session cookie, CSRF, and the one permission check every route
declares (``dependencies=[allow("plan.edit")]``).

``SessionCookies`` (ASGI) works out this browser's CSRF token before routing and writes the
cookies a request queued. Two app-wide dependencies run first on every route: ``guard_request``
(``app.web.guard``: ids, readable text, the token and the origin) and ``load_person`` (the session's
person from the database). Then ``allow(action)`` asks the permission table. A plan the person
does not reach is a 404 for every URL under it, pages, fragments and downloads alike.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection

from app.config import get_settings
from app.db import get_engine
from app.people import audit, sessions
from app.people.access import all_roles, roles_on
from app.people.sessions import Visitor
from app.plan.errors import NotAllowed, NotFound
from app.plan.permissions import PLAN_ACTIONS, PUBLIC, can_any
from app.plan.services import get_plan
from app.web.htmx import is_htmx
from app.web.params import parse_id
from app.web.who import WhoWrites

SESSION_COOKIE = "pv_session"
ANON_COOKIE = "pv_anon"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _(text: str) -> str:
    """Marks a UI string for the catalogue (templates translate it when they show it)."""
    return text


CSRF_MESSAGE = _("Forma pasenusi arba atsiųsta ne iš šio puslapio. Atnaujinkite puslapį ir bandykite dar kartą.")
class SignInRequired(Exception):
    """An anonymous visitor asked for something that needs a person."""


class CsrfRefused(Exception):
    """A state-changing request without this browser's token (a forged or stale form), or one
    that its browser says came from another site (``app.web.guard``)."""


def client_address(request: Request) -> str:
    """The address rate limits and the audit log use (uvicorn resolves trusted proxies)."""
    return request.client.host if request.client else ""


def csrf_token_for(kind: str, token: str) -> str:
    """This browser's CSRF token, derived from its session (or pre-session) cookie."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"csrf:{kind}:{token}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:40]


def queue_cookie(request: HTTPConnection, name: str, value: str, max_age: int | None = None) -> None:
    """A cookie for the response (written by ``SessionCookies``; routes return any Response)."""
    holder = Response()
    if value:
        holder.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax",
                          secure=get_settings().secure_cookies, path="/")
    else:
        holder.delete_cookie(name, httponly=True, samesite="lax", secure=get_settings().secure_cookies, path="/")
    cookies = getattr(request.state, "set_cookies", None) or []
    cookies.append(holder.headers["set-cookie"])
    request.state.set_cookies = cookies


def browser_token(request: HTTPConnection) -> str:
    """This browser's CSRF token, from its session cookie, or from a pre-session cookie given
    now (so the sign-in and join forms are protected too)."""
    raw = request.cookies.get(SESSION_COOKIE)
    if raw:
        return csrf_token_for("s", raw)
    anon = request.cookies.get(ANON_COOKIE)
    if not anon or len(anon) > 100:
        anon = secrets.token_urlsafe(24)
        path = request.url.path
        if path != "/healthz" and not path.startswith("/static/"):  # probes and files need no cookie
            queue_cookie(request, ANON_COOKIE, anon)
    return csrf_token_for("a", anon)


async def load_person(request: Request) -> Visitor | None:
    """The signed-in person behind the session cookie, or None. A stale cookie is left alone:
    the CSRF token of the page was made from it (sign-in replaces it)."""
    if hasattr(request.state, "visitor"):
        return request.state.visitor
    raw = request.cookies.get(SESSION_COOKIE)
    visitor = sessions.load_visitor(get_engine(), raw) if raw else None
    request.state.visitor = visitor
    request.state.person = visitor
    return visitor


def _refuse(request: Request, visitor: Visitor, status: int, action: str) -> None:
    """Log the refusal and answer 404 (the plan stays hidden) or 403. A staff member's refusal
    is one journal row; a team member (anyone who was given a join code) is counted per hour
    instead, so a script on a phone cannot push staff events out of the journal."""
    engine = get_engine()
    if visitor.is_staff:
        audit.record(engine, f"refused.{status}", visitor.person_id, client_address(request),
                     f"{request.method} {request.url.path} {action}")
    else:
        audit.record_anonymous(engine, f"refused.{status}", client_address(request),
                               f"asmuo #{visitor.person_id} {action}")
    raise NotFound(request.url.path) if status == 404 else NotAllowed(action)


def allow(action: str):  # noqa: ANN201
    """The permission a route needs, as a dependency: ``@router.get(..., dependencies=[allow("plan.view")])``."""

    # async, as plan_dep: one indexed query is cheaper in the event loop than a thread-pool hop
    async def check_permission(request: Request, visitor: Visitor | None = Depends(load_person)) -> None:
        if action == PUBLIC:
            return
        if visitor is None:
            raise SignInRequired()
        raw_plan = request.path_params.get("plan_id")
        if raw_plan is None:
            if action in PLAN_ACTIONS:
                raise RuntimeError(f"plan action {action!r} on a route without plan_id")
            if not can_any(all_roles(visitor.grants), action, None):
                _refuse(request, visitor, 403, action)
            return
        engine = get_engine()
        plan_id = parse_id(raw_plan)
        try:
            ctx = get_plan(engine, plan_id) if plan_id is not None else None
        except NotFound:
            ctx = None
        roles = roles_on(visitor.grants, ctx.plan.id, ctx.community.id, ctx.lag.id) if ctx else set()
        if not roles:
            _refuse(request, visitor, 404, action)
        request.state.plan_ctx = ctx
        if visitor.writer_plan_id == ctx.plan.id:
            request.state.writer_id = visitor.writer_id
            request.state.on_behalf_of = visitor.on_behalf_of
        status = ctx.plan.status
        request.state.who = WhoWrites(engine, ctx.plan.id, visitor, can_any(roles, "plan.writer", status),
                                      can_any(roles, "team.manage", status))
        if not can_any(roles, action, status):
            _refuse(request, visitor, 403, action)

    check_permission.action = action  # read by the test that walks every route
    return Depends(check_permission)


def route_action(route) -> str | None:  # noqa: ANN001
    """The action a route declared with ``allow``, or None."""
    dependant = getattr(route, "dependant", None)
    for dep in dependant.dependencies if dependant else []:
        if getattr(dep.call, "action", None):
            return dep.call.action
    return None


def sign_in_url(request: Request) -> str:
    """The sign-in page, coming back here afterwards (for a page someone asked for)."""
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if is_htmx(request):  # the page the fragment belongs to
        current = urlsplit(request.headers.get("hx-current-url", "/"))
        back = current.path + (f"?{current.query}" if current.query else "")
    elif request.method not in SAFE_METHODS:
        back = "/"
    if not back.startswith("/") or back.startswith("//"):
        back = "/"
    return f"/prisijungti?next={quote(back, safe='/')}" if back != "/" else "/prisijungti"


class SessionCookies:
    """Before routing: this browser's CSRF token into ``request.state`` (every page has it, a
    404 page's language switch too). After: the cookies a request queued (``queue_cookie``),
    on whatever response it gets."""

    def __init__(self, app):  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send):  # noqa: ANN001
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        state = scope.setdefault("state", {})
        state["csrf_token"] = browser_token(HTTPConnection(scope))

        async def send_with_cookies(message):  # noqa: ANN001, ANN202
            if message["type"] == "http.response.start" and state.get("set_cookies"):
                headers = MutableHeaders(scope=message)
                for value in state["set_cookies"]:
                    headers.append("set-cookie", value)
            await send(message)

        await self.app(scope, receive, send_with_cookies)


def install(app: FastAPI) -> None:
    """Errors of this layer as pages: sign-in first, a refused form, a refused action."""
    from app.web.errors import error_page

    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired) -> Response:
        url = sign_in_url(request)
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": url})
        return RedirectResponse(url, status_code=303)

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, exc: CsrfRefused) -> Response:
        audit.record(get_engine(), "refused.csrf", getattr(await load_person(request), "person_id", None),
                     client_address(request), f"{request.method} {request.url.path}")
        return error_page(request, 403, CSRF_MESSAGE)
