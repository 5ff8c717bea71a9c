"""Refusals of the people domain. Each carries a ``code`` the web layer turns into a plain
Lithuanian message next to the field concerned; none says whether an account exists."""
from __future__ import annotations


class PeopleError(Exception):
    """Base: ``code`` names the message, ``field`` the input it belongs to (or None)."""

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code)
        self.code, self.field = code, field


class InvalidInput(PeopleError):
    """Malformed or missing input (an empty name, a PIN that is not four digits…)."""


class SignInFailed(PeopleError):
    """Wrong e-mail or password, an unknown or expired code: one message for all."""


class RateLimited(PeopleError):
    """Too many failed attempts from this address or for this account; try again later."""

    def __init__(self, minutes: int):
        super().__init__("rate_limited")
        self.minutes = minutes
