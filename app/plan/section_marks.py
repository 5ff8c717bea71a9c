"""Each section's review state as the facilitator sees it: neperžiūrėta, yra pastabų (open
comments on it, from ``app.plan.comments``), patvirtinta (the facilitator's mark)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from app.db import write_lock
from app.models import Person, utcnow
from app.models_review import SectionReview
from app.plan.content import Section, Template, Text
from app.plan.errors import Refused

review_t = SectionReview.__table__
person_t = Person.__table__

STATES = {
    "unreviewed": Text("neperžiūrėta", "not reviewed"),
    "comments": Text("yra pastabų", "has comments"),
    "approved": Text("patvirtinta", "approved"),
}
MARKS = ("unreviewed", "approved")  # what the facilitator sets; "comments" comes from comments


@dataclass(frozen=True)
class SectionMark:
    section: Section
    state: str            # a key of STATES
    open_comments: int
    marked: bool          # the facilitator's "approved" mark is set (it may be hidden by comments)
    by: str
    at: datetime | None

    def label(self, lang: str = "lt") -> str:
        return STATES[self.state].get(lang)


def _open_counts(engine: Engine, template: Template, plan_id: int) -> dict[str, int]:
    try:
        from app.plan.comments import open_counts_by_section
    except ImportError:  # the comments area is not there yet
        return {}
    return open_counts_by_section(engine, template, plan_id)


def section_marks(engine: Engine, template: Template, plan_id: int) -> list[SectionMark]:
    """Every section of the plan in order with its state: open comments first (something to
    answer), then the facilitator's mark."""
    query = (select(review_t.c.section, review_t.c.status, person_t.c.name, review_t.c.at)
             .select_from(review_t.outerjoin(person_t, person_t.c.id == review_t.c.person_id))
             .where(review_t.c.plan_id == plan_id))
    with engine.connect() as conn:
        marks = {letter: (status, who or "", at) for letter, status, who, at in conn.execute(query)}
    counts = _open_counts(engine, template, plan_id)
    out = []
    for section in template.sections:
        status, who, at = marks.get(section.letter, ("unreviewed", "", None))
        open_n = counts.get(section.letter, 0)
        state = "comments" if open_n else "approved" if status == "approved" else "unreviewed"
        out.append(SectionMark(section, state, open_n, status == "approved", who, at))
    return out


def mark_section(engine: Engine, template: Template, plan_id: int, letter: str, mark: str,
                 person_id: int | None) -> None:
    """Set a section's mark ("approved" or back to "unreviewed"); Refused for an unknown one."""
    if letter not in {s.letter for s in template.sections}:
        raise Refused(Text("Tokio plano skyriaus nėra.", "The plan has no such section."))
    if mark not in MARKS:
        raise Refused(Text("Pasirinkite skyriaus žymą.", "Choose the section's mark."))
    values = {"status": mark, "person_id": person_id, "at": utcnow()}
    where = (review_t.c.plan_id == plan_id, review_t.c.section == letter)
    for _ in range(2):  # a second try when someone inserted the row a moment ago
        try:
            with write_lock(engine), engine.begin() as conn:
                if conn.execute(update(review_t).where(*where).values(**values)).rowcount == 0:
                    conn.execute(insert(review_t).values(plan_id=plan_id, section=letter, **values))
            return
        except IntegrityError:
            continue
