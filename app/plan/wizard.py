"""The wizard's order and progress: which step comes before and after, and how much of each
step, session and the whole plan is filled (required answers filled out of required answers)."""
from __future__ import annotations

from dataclasses import dataclass, field

from app.plan.content import FieldKind, Step, Template
from app.plan.data import PlanData
from app.plan.findings import Finding
from app.plan.validation import field_missing, is_visible


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


def _required_in(template: Template, data: PlanData, keys: list[str]) -> Progress:
    progress = Progress()
    for key in dict.fromkeys(keys):
        f = template.fields[key]
        if not (f.required or f.gate_session) or f.kind is FieldKind.COMPUTED or not is_visible(f, data):
            continue
        missing = field_missing(f, data)
        progress.total += 1
        progress.filled += 0 if missing else 1
        progress.missing.extend(missing)
    return progress


def step_progress(template: Template, data: PlanData, step: Step) -> Progress:
    """A field counts on the first step that shows it, so nothing is counted twice."""
    keys = [sf.key for sf in step.fields if template.step_of(sf.key).slug == step.slug]
    return _required_in(template, data, keys)


def session_progress(template: Template, data: PlanData, number: int) -> Progress:
    total = Progress()
    for step in template.session(number).steps:
        total.add(step_progress(template, data, step))
    return total


def plan_progress(template: Template, data: PlanData) -> Progress:
    total = Progress()
    for session in template.sessions:
        total.add(session_progress(template, data, session.number))
    return total


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
