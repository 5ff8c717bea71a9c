"""A ceiling on the size of a request body: a whole step of long answers sent by the plain form
is far below it; a megabyte-sized paste loop or an attacker's endless upload is refused before
the form parser holds it in memory."""
from __future__ import annotations

from starlette.requests import Request

MAX_BODY = 4 * 1024 * 1024  # bytes: the plain form of the longest step, percent-encoded, with room


class BodyTooLarge(Exception):
    """The request body passed ``MAX_BODY``."""


class BodyLimit:
    """Refuse a body over ``MAX_BODY`` with the "Per daug duomenų" page (413): at once when
    Content-Length says so, else as soon as the streamed body passes the limit."""

    def __init__(self, app, limit: int = MAX_BODY):  # noqa: ANN001
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):  # noqa: ANN001
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not declared.isdigit() or len(declared) > 12 or int(declared) > self.limit:
            return await self._refuse(scope, receive, send)
        seen = 0

        async def counted():  # noqa: ANN202
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope, receive, send):  # noqa: ANN001, ANN202
        from app.web.errors import error_page

        response = error_page(Request(scope, receive), 413)
        response.headers["Connection"] = "close"  # the rest of the body is not read
        await response(scope, receive, send)
