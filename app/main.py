"""The FastAPI application: static files, routers, compression, security headers, errors."""
from __future__ import annotations

import logging
from pathlib import Path

from fastapi import Depends, FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.staticfiles import StaticFiles

from app.config import get_settings
from app.plan.catalogue import get_template
from app.web import auth as web_auth
from app.web import errors, guard
from app.web.auth import SessionCookies, allow, load_person
from app.web.guard import guard_request
from app.web.limits import BodyLimit
from app.web.routes import cells, history, live, plans, wizard
from app.web.routes import export
from app.web.routes import admin, people, team
from app.web.routes import comments, dashboards, notices, review, versions
from app.web.routes import auth as sign_in

STATIC_DIR = Path(__file__).resolve().parent / "static"

log = logging.getLogger("plano")

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
                               "form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class SecurityHeaders:
    """Security headers on every response, and ``Cache-Control: no-store`` on every response
    that does not set its own (pages carry plan content: a shared computer's cache or a proxy
    must not keep them). An unexpected error becomes the Lithuanian error page here, inside
    this middleware, so it carries the headers too and the connection stays open.
    A plain ASGI middleware: no per-request task."""

    def __init__(self, app):  # noqa: ANN001
        self.app = app
        self.raw = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        self.raw.append((b"cache-control", b"no-store"))

    async def __call__(self, scope, receive, send):  # noqa: ANN001
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_with_headers(message):  # noqa: ANN001, ANN202
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.raw if k not in present]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise  # half a response went out: nothing sensible can follow
            response = errors.error_page(Request(scope, receive), 500)
            await response(scope, receive, send_with_headers)


class CachedStatic(StaticFiles):
    """Static files cached for a day: a phone on a rural network fetches them once."""

    def file_response(self, *args, **kwargs) -> Response:  # noqa: ANN002, ANN003
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response


def create_app() -> FastAPI:
    settings = get_settings()
    settings.check()
    get_template()  # a malformed template stops start-up here, with file, field and fault
    # every route: the CSRF token of this browser, then who is signed in (app/web/auth.py)
    app = FastAPI(title="Plano vedlys", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(guard_request), Depends(load_person)])
    # outermost last: cookies and the CSRF token, security headers (and the 500 page), the
    # body-size ceiling, compression
    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(SessionCookies)
    app.mount("/static", CachedStatic(directory=STATIC_DIR), name="static")

    @app.get("/healthz", include_in_schema=False, dependencies=[allow("public")])
    def healthz() -> PlainTextResponse:
        """A bare endpoint: liveness, and the framework's own limit in the benchmark."""
        return PlainTextResponse("ok")

    for module in (plans, wizard, cells, live, history, export, sign_in, people, team, admin,
                   review, comments, versions, dashboards, notices):
        app.include_router(module.router)
    errors.install(app)
    web_auth.install(app)
    guard.install(app)
    return app
