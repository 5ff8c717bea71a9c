"""The project's figures, one function per definition: the dashboards, the report page, the
CSV and the XLSX all read them through ``report`` and ``report_table``, so they cannot disagree.

A plan is *approved* in status ``approved``, *in review* in ``review``, *in progress* otherwise
(a draft, or returned for changes). A session is *held* when the facilitator closed it. The
participants of a plan are the sum of section J's per-session counts (``project.yaml`` names the
table and columns). Targets: ``plans_per_lag`` per LAG, times the template's sessions per plan."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Iterable, Protocol, Sequence

from app.plan.content import Text
from app.plan.data import PlanData

APPROVED, IN_REVIEW, IN_PROGRESS = "approved", "review", "in_progress"


class Line(Protocol):
    """What the figures read of a plan (``stats.PlanLine`` has it)."""

    status: str
    lag_id: int
    sessions_held: int
    participants: int
    vulnerable_participants: int


# ---------------------------------------------------------------- per plan

def plan_state(status: str) -> str:
    """approved / in review / in progress: a returned plan is being corrected, so in progress."""
    return {"approved": APPROVED, "review": IN_REVIEW}.get(status, IN_PROGRESS)


def _count(value: Any) -> int:
    """A stored whole number (a count typed in section J); anything else counts as nothing."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def plan_participants(data: PlanData, keys: Any) -> tuple[int, int]:
    """(participants, of them from vulnerable groups) over the rows of section J's sessions
    table (``keys``: ``project.participants``)."""
    rows = data.rows(keys.table)
    return (sum(_count(r.get(keys.count)) for r in rows), sum(_count(r.get(keys.vulnerable)) for r in rows))


# ---------------------------------------------------------------- over plans

def plans_in_state(lines: Iterable[Line], state: str) -> int:
    """How many of these plans are approved, in review or in progress."""
    return sum(1 for line in lines if plan_state(line.status) == state)


def sessions_held(lines: Iterable[Line]) -> int:
    """Plan-preparation sessions held: the sessions the facilitators closed."""
    return sum(line.sessions_held for line in lines)


def participants(lines: Iterable[Line]) -> int:
    """Participants of the sessions, as section J counts them."""
    return sum(line.participants for line in lines)


def vulnerable_participants(lines: Iterable[Line]) -> int:
    """Of the participants, those from vulnerable groups."""
    return sum(line.vulnerable_participants for line in lines)


def plans_target(project: Any, lags: int) -> int:
    """The plans the project promised: ``plans_per_lag`` for every LAG."""
    return project.plans_per_lag * lags


def sessions_target(project: Any, lags: int) -> int:
    """The sessions the project promised: each promised plan's sessions (the template's)."""
    return plans_target(project, lags) * project.sessions_per_plan


# ---------------------------------------------------------------- the report

@dataclass(frozen=True)
class Row:
    """A LAG's figures, or the total (``lag_id`` None)."""

    lag_id: int | None
    name: str
    plans: int
    plans_target: int
    approved: int
    in_review: int
    in_progress: int
    sessions_held: int
    sessions_target: int
    participants: int
    vulnerable_participants: int


@dataclass(frozen=True)
class Report:
    lags: tuple[Row, ...]
    total: Row

    @property
    def rows(self) -> tuple[Row, ...]:
        return (*self.lags, self.total)


def _row(project: Any, lag_id: int | None, name: str, lines: Sequence[Line], lags: int) -> Row:
    return Row(lag_id, name, len(lines), plans_target(project, lags), plans_in_state(lines, APPROVED),
               plans_in_state(lines, IN_REVIEW), plans_in_state(lines, IN_PROGRESS), sessions_held(lines),
               sessions_target(project, lags), participants(lines), vulnerable_participants(lines))


TOTAL = Text("Iš viso", "Total")


def report(project: Any, lags: Sequence[tuple[int, str]], lines: Sequence[Line], lang: str = "lt") -> Report:
    """Every LAG's figures against its targets, and the project's total."""
    by_lag: dict[int, list[Line]] = {lag_id: [] for lag_id, _ in lags}
    for line in lines:
        if line.lag_id in by_lag:
            by_lag[line.lag_id].append(line)
    rows = tuple(_row(project, lag_id, name, by_lag[lag_id], 1) for lag_id, name in lags)
    return Report(rows, _row(project, None, TOTAL.get(lang), [x for group in by_lag.values() for x in group],
                             len(lags)))


# the columns of the table, the CSV and the XLSX, in order: (attribute, heading)
COLUMNS: tuple[tuple[str, Text], ...] = (
    ("name", Text("VVG", "LAG")),
    ("plans_target", Text("Planų tikslas", "Plans (target)")),
    ("plans", Text("Planų pradėta", "Plans started")),
    ("approved", Text("Patvirtinta", "Approved")),
    ("in_review", Text("Peržiūrima", "In review")),
    ("in_progress", Text("Rengiama", "In progress")),
    ("sessions_target", Text("Susitikimų tikslas", "Sessions (target)")),
    ("sessions_held", Text("Susitikimų įvyko", "Sessions held")),
    ("participants", Text("Dalyvių", "Participants")),
    ("vulnerable_participants", Text("Iš jų pažeidžiamų grupių", "Of whom from vulnerable groups")),
)


def report_table(rep: Report, lang: str = "lt") -> tuple[list[str], list[list[str | int]]]:
    """The report as a heading and rows of cells (text for names, whole numbers for figures)."""
    return [label.get(lang) for _, label in COLUMNS], [[getattr(r, key) for key, _ in COLUMNS] for r in rep.rows]


def report_csv(rep: Report, lang: str = "lt") -> bytes:
    """The table for Lithuanian Excel: UTF-8 with a BOM, ``;`` between cells, whole numbers."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    head, rows = report_table(rep, lang)
    writer.writerow(head)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def report_xlsx(rep: Report, title: str, lang: str = "lt") -> bytes:
    """The table as a workbook: a bold heading row, figures as number cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = Text("Rodikliai", "Figures").get(lang)
    head, rows = report_table(rep, lang)
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for cell in sheet[sheet.max_row]:
        cell.font = bold  # the total
    sheet.column_dimensions["A"].width = max(12, min(60, max(len(str(r[0])) for r in rows) + 2))
    for letter in "BCDEFGHIJ"[:len(head) - 1]:
        sheet.column_dimensions[letter].width = 16
    sheet.freeze_panes = "B2"
    book.properties.title = title[:255]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
