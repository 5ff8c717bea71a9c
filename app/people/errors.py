"""Refusals of the people domain. Each carries a ``code`` the web layer turns into a plain
Lithuanian message next to the field concerned; none says whether an account exists."""
from __future__ import annotations


class PeopleError(Exception):
    """Base: ``code`` names the message, ``field`` the input it belongs to (or None), and
    ``params`` fill the message's blanks (``{limit}``)."""

    def __init__(self, code: str, field: str | None = None, **params: object):
        super().__init__(code)
        self.code, self.field, self.params = code, field, params


class InvalidInput(PeopleError):
    """Malformed or missing input (an empty name, a PIN that is not four digits…)."""


class SignInFailed(PeopleError):
    """Wrong e-mail or password, an unknown or expired code: one message for all."""


class RateLimited(PeopleError):
    """Too many failures from this address, or for this account (or device) from this address:
    wait ``seconds`` (the message says how long)."""

    def __init__(self, seconds: int, code: str = "rate_limited", field: str | None = None):
        super().__init__(code, field)
        self.seconds = max(1, int(seconds))
