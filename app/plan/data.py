"""An in-memory, read-only view of one plan's answers, decoded: what validation, progress,
computations and the DOCX renderer read. Built from the cell and row tables by ``answers.py``
(or by hand in tests); holds no database handle, so a consumer cannot write through it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RowData:
    """One row of a table or list: a stable id, its cells by column key, and for a fixed row
    (age band, infrastructure item) the row's fixed id."""

    id: str
    values: dict[str, Any] = field(default_factory=dict)
    fixed: str | None = None

    def get(self, column: str) -> Any:
        return self.values.get(column)


@dataclass
class PlanData:
    """Answers of one plan. ``values`` holds top-level fields, ``tables`` the rows of list and
    table fields in their order. Empty answers are absent (never empty strings)."""

    values: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[RowData]] = field(default_factory=dict)
    lang: str = "lt"
    meta: dict[str, Any] = field(default_factory=dict)  # plan title, status, LAG name, …

    def value(self, key: str) -> Any:
        return self.values.get(key)

    def rows(self, key: str) -> list[RowData]:
        return self.tables.get(key, [])

    def row(self, key: str, row_id: str) -> RowData | None:
        for row in self.rows(key):
            if row.id == row_id:
                return row
        return None


def is_empty(value: Any) -> bool:
    """An answer counts as given when it has content: 0 and False count, "" and [] do not."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, (list, tuple, dict)):
        if isinstance(value, dict):
            return not value.get("selected") and not (value.get("other") or "").strip()
        return len(value) == 0
    return False
