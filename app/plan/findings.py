"""Findings: what validation and the soft checks say about a plan, each tied to a path."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from app.plan.content import Text


class Severity(str, Enum):
    ERROR = "error"      # the value itself is refused (too long, out of range): never stored
    MISSING = "missing"  # an R or R1 answer is missing
    WARNING = "warning"  # W: a soft check; never blocks


@dataclass(frozen=True)
class Finding:
    """One message about one place of the plan.

    ``path`` is a field key (``vision``), a row (``needs/<row_id>``) or a cell
    (``needs/<row_id>/title``); ``field`` is the top-level key, for linking to its step.
    """

    field: str
    path: str
    message: Text
    severity: Severity = Severity.WARNING
    gate_session: int | None = None
