"""The first thing every route runs (an app-wide dependency, before anything reads the
database): ids in the path within the database's range (else the page does not exist), text that
can be read and stored (UTF-8 without NUL), and for a state-changing request this browser's CSRF
token and no sign that another site sent it. What fails here never reaches a route."""
from __future__ import annotations

import hmac
from urllib.parse import unquote_to_bytes, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import Response

from app.plan.errors import NotFound
from app.web.auth import SAFE_METHODS, CsrfRefused, browser_token
from app.web.params import parse_id


def _(text: str) -> str:
    """Marks a UI string for the catalogue (the error page translates it when it shows it)."""
    return text


ENCODING_MESSAGE = _("Siųstame tekste yra ženklų, kurių nepavyko perskaityti (netinkama koduotė arba nematomi valdymo simboliai). Niekas neišsaugota: ištrinkite juos ir bandykite dar kartą.")  # noqa: E501
# Path parameters that are database ids or counters: checked before any query sees them.
NUMERIC_PATH_PARAMS = frozenset({"plan_id", "code_id", "person_id", "seq", "session", "comment_id",
                                 "version_id", "notice_id"})
# Browsers say where a request comes from; another site's page may never change anything here.
SAME_ORIGIN_FETCH = frozenset({"same-origin", "none"})


class UnreadableInput(Exception):
    """A request whose text is not valid UTF-8 or carries NUL (no database can store it)."""


async def guard_request(request: Request) -> None:
    """Every route, before anything reads the database: ids in the path within range (else the
    page does not exist), no unreadable text, and for a state-changing request this browser's
    token (form field or X-CSRF-Token header) and no sign of another site behind it.
    ``SessionCookies`` worked the token out already."""
    for name, value in request.path_params.items():
        if name in NUMERIC_PATH_PARAMS and parse_id(value) is None:
            raise NotFound(name)
    expected = getattr(request.state, "csrf_token", None) or browser_token(request)
    request.state.csrf_token = expected
    if "%00" in str(request.url.query) or "\x00" in request.url.path:
        raise UnreadableInput()
    if request.method in SAFE_METHODS:
        return
    if not _same_origin(request):
        raise CsrfRefused()
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded") and not _readable_form(await request.body()):
        raise UnreadableInput()
    sent = request.headers.get("x-csrf-token")
    if not sent and content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get("csrf_token")
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfRefused()


def _same_origin(request: Request) -> bool:
    """What the browser says about the request's origin, when it says anything: a page of
    another site (or a sandboxed frame, "null") is refused even if it somehow had the token.
    Clients that send neither header (scripts, old browsers) rely on the token alone."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in SAME_ORIGIN_FETCH:
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    # behind a proxy that rewrites Host, the public host name arrives as X-Forwarded-Host (a
    # page of another site cannot set that header on a form post)
    hosts = {request.headers.get("host", ""), request.headers.get("x-forwarded-host", "")} - {""}
    return urlsplit(origin).netloc.lower() in {h.lower() for h in hosts}


def _readable_form(body: bytes) -> bool:
    """A urlencoded body whose every value is UTF-8 without NUL. Starlette would quietly turn
    broken bytes into "\ufffd" and keep NUL, which PostgreSQL refuses mid-save."""
    if not body.isascii():
        return False  # browsers percent-encode everything outside ASCII
    for part in body.replace(b"+", b" ").split(b"&"):
        try:
            text = unquote_to_bytes(part).decode("utf-8")
        except UnicodeDecodeError:
            return False
        if "\x00" in text:
            return False
    return True


def install(app: FastAPI) -> None:
    """Unreadable input as the "Užklausa nesuprasta" page with its own message (400)."""
    from app.web.errors import error_page

    @app.exception_handler(UnreadableInput)
    async def _unreadable(request: Request, exc: UnreadableInput) -> Response:
        return error_page(request, 400, ENCODING_MESSAGE)
