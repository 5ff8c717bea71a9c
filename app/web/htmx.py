"""HTMX helpers: one URL serves the whole page or, for HTMX, only the target partial."""
from __future__ import annotations

from starlette.requests import Request


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def wants_partial(request: Request) -> bool:
    """A partial for HTMX swaps, but the whole page when HTMX restores history."""
    return is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
