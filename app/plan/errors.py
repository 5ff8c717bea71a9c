"""Domain errors. The web layer (``web/errors.py``) maps each to a page or a fragment."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.plan.content import Text


class DomainError(Exception):
    """Base of everything the domain refuses."""


class NotFound(DomainError):
    """No such plan, field, row, or not visible to this person (shown as 404)."""


class NotAllowed(DomainError):
    """The person may not do this (shown as 403, or 404 where existence must stay hidden)."""


class InvalidTransition(DomainError):
    """A status change the workflow does not allow from the current status (the plan moved on
    meanwhile, a session already closed); ``message`` says so, in both languages."""

    def __init__(self, message: "Text | str | None" = None):
        text = message if hasattr(message, "lt") else None  # a plain string is for logs only
        super().__init__(text.lt if text is not None else str(message or "invalid transition"))
        self.message = text


class ValidationFailed(DomainError):
    """An action needs answers that are missing (e.g. the final DOCX with R fields empty)."""

    def __init__(self, findings: list):
        super().__init__(f"{len(findings)} finding(s)")
        self.findings = findings


class Refused(ValidationFailed):
    """One request refused with a message for the person, in both languages (a reason with
    control characters); shown as 422 beside what they typed, which is kept."""

    def __init__(self, message: "Text"):
        super().__init__([])
        self.message = message
        self.args = (message.lt,)


class LimitReached(Refused):
    """A table already holds its ``max_rows`` rows: no row is added or brought back."""


class FieldError(ValueError):
    """A typed or stored value a field cannot hold; ``message`` names the field and the limit,
    in both languages. (Raised by ``kinds.py`` and ``save_cell``; routes show it by the field.)"""

    def __init__(self, message: "Text"):
        super().__init__(message.lt)
        self.message = message


class Conflict(DomainError):
    """Someone changed the cell since the person loaded it: nothing was written."""

    def __init__(self, path: str, current: Any, mine: Any, revision: int,
                 by: str | None, at: datetime | None):
        super().__init__(f"conflict on {path}")
        self.path, self.current, self.mine = path, current, mine
        self.revision, self.by, self.at = revision, by, at
