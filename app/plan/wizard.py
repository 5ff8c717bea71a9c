"""The wizard's order and progress: which step comes before and after, and how much of each
step, session and the whole plan is filled (required answers filled out of required answers)."""
from __future__ import annotations

from dataclasses import dataclass, field

from app.plan.content import FieldKind, Step, Template
from app.plan.data import PlanData
from app.plan.findings import Finding
from app.plan.validation import field_missing, is_visible, session_columns


@dataclass
class Progress:
    """Filled required fields out of required fields, and what is still missing."""

    filled: int = 0
    total: int = 0
    missing: list[Finding] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.filled / self.total)

    @property
    def done(self) -> bool:
        return self.filled == self.total

    def add(self, other: "Progress") -> None:
        self.filled += other.filled
        self.total += other.total
        self.missing.extend(other.missing)


def _required_in(template: Template, data: PlanData, shown: dict[str, set[str] | None]) -> Progress:
    """Progress over the given fields, each on the columns given (None = all)."""
    progress = Progress()
    for key, columns in shown.items():
        f = template.fields[key]
        if not (f.required or f.gate_session) or f.kind is FieldKind.COMPUTED or not is_visible(f, data):
            continue
        missing = field_missing(f, data, columns)
        progress.total += 1
        progress.filled += 0 if missing else 1
        progress.missing.extend(missing)
    return progress


def step_progress(template: Template, data: PlanData, step: Step) -> Progress:
    """The required answers this step shows (a table on the columns the step shows)."""
    shown: dict[str, set[str] | None] = {}
    for sf in step.fields:
        shown[sf.key] = None if sf.columns is None else set(sf.columns)
    return _required_in(template, data, shown)


def session_progress(template: Template, data: PlanData, number: int) -> Progress:
    """The required answers the session's steps show, each counted once."""
    return _required_in(template, data, session_columns(template, number))


def plan_progress(template: Template, data: PlanData) -> Progress:
    """Every required answer of the plan, on all its columns."""
    return _required_in(template, data, {key: None for key in template.fields})


def neighbours(template: Template, slug: str) -> tuple[Step | None, Step | None]:
    """The steps before and after this one, across session boundaries."""
    steps = template.steps()
    index = [s.slug for s in steps].index(slug)
    before = steps[index - 1] if index > 0 else None
    after = steps[index + 1] if index + 1 < len(steps) else None
    return before, after


def leaves_session(template: Template, slug: str) -> int | None:
    """The session number if going "next" from this step leaves that session."""
    step = template.step(slug)
    _, after = neighbours(template, slug)
    if after is None or after.session != step.session:
        return step.session
    return None
