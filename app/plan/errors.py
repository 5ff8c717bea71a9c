"""Domain errors. The web layer (``web/errors.py``) maps each to a page or a fragment."""
from __future__ import annotations

from datetime import datetime
from typing import Any


class DomainError(Exception):
    """Base of everything the domain refuses."""


class NotFound(DomainError):
    """No such plan, field, row, or not visible to this person (shown as 404)."""


class NotAllowed(DomainError):
    """The person may not do this (shown as 403, or 404 where existence must stay hidden)."""


class InvalidTransition(DomainError):
    """A status change the workflow does not allow from the current status."""


class ValidationFailed(DomainError):
    """An action needs answers that are missing (e.g. the final DOCX with R fields empty)."""

    def __init__(self, findings: list):
        super().__init__(f"{len(findings)} finding(s)")
        self.findings = findings


class Conflict(DomainError):
    """Someone changed the cell since the person loaded it: nothing was written."""

    def __init__(self, path: str, current: Any, mine: Any, revision: int,
                 by: str | None, at: datetime | None):
        super().__init__(f"conflict on {path}")
        self.path, self.current, self.mine = path, current, mine
        self.revision, self.by, self.at = revision, by, at
