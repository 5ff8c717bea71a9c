"""Reading comment threads: a plan's threads with their replies, authors and places (which
section, field and row each is about, and where the wizard shows it), and the open threads
across many plans for the facilitator's list."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased

from app.models import Person
from app.plan.comments import comment_t, open_counts_by_anchor, section_letter
from app.plan.content import Template
from app.plan.data import PlanData

person_t = Person.__table__

STATES = ("open", "resolved", "all")


@dataclass
class Entry:
    """One comment of a thread (its first comment or a reply)."""

    id: int
    body: str
    author: str
    on_behalf_of: str | None
    at: datetime


@dataclass
class Place:
    """What a thread is about, as people read it, and the wizard's place for it."""

    section: str | None
    label: str
    row: str = ""             # the row's heading, for a row or cell anchor
    row_gone: bool = False    # the row was deleted (the thread stays until resolved)
    step: str | None = None   # the step that shows it
    target: str = ""          # the element id on that step


@dataclass
class Thread:
    id: int
    plan_id: int
    anchor: str
    first: Entry
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    replies: list[Entry] = field(default_factory=list)
    place: Place | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


def _row_heading(template: Template, data: PlanData, key: str, row_id: str, lang: str) -> tuple[str, bool]:
    f = template.fields[key]
    rows = data.rows(key)
    for index, row in enumerate(rows, start=1):
        if row.id == row_id:
            if row.fixed:
                return next((fr.label.get(lang) for fr in f.fixed_rows if fr.id == row.fixed), row.fixed), False
            named = row.get(f.row_label) if f.row_label else None
            if isinstance(named, str) and named.strip():
                return f"{index}. {named.strip()[:80]}", False
            return f"#{index}", False
    return "", True


def place_of(template: Template, data: PlanData | None, anchor: str, lang: str = "lt") -> Place:
    """Where a thread sits: section, field label, row heading (or that the row is gone).
    Without ``data`` a row is taken to be there, unnamed (enough for a link to it)."""
    letter = section_letter(template, anchor)
    if anchor.startswith("@"):
        section = next((s for s in template.sections if s.letter == letter), None)
        label = f"{letter}. {section.title.get(lang)}" if section else anchor
        step = None
        if section and section.fields:
            step = _step_slug(template, section.fields[0])
        return Place(letter, label, step=step)
    parts = anchor.split("/")
    f = template.fields.get(parts[0])
    if f is None:
        return Place(None, anchor)
    label = f.label.get(lang)
    if len(parts) == 3:
        try:
            label = f"{label}: {f.column(parts[2]).label.get(lang)}"
        except KeyError:
            pass
    place = Place(letter, label, step=_step_slug(template, parts[0]),
                  target=f"table-{f.key}" if f.is_rows else "c-" + "".join(c if c.isalnum() else "-" for c in f.key))
    if len(parts) >= 2:
        if data is not None:
            place.row, place.row_gone = _row_heading(template, data, parts[0], parts[1], lang)
        if not place.row_gone:
            place.target = f"row-{parts[1]}"
    return place


def _step_slug(template: Template, key: str) -> str | None:
    try:
        return template.step_of(key).slug
    except KeyError:
        return None


def _query():  # noqa: ANN202
    author, resolver = aliased(person_t), aliased(person_t)
    return (select(comment_t, author.c.name.label("author"), resolver.c.name.label("resolver"))
            .outerjoin(author, author.c.id == comment_t.c.person_id)
            .outerjoin(resolver, resolver.c.id == comment_t.c.resolved_by)
            .order_by(comment_t.c.created_at, comment_t.c.id))


def _entry(row) -> Entry:  # noqa: ANN001
    return Entry(row.id, row.body, row.author or "?", row.on_behalf_of, row.created_at)


def _gather(rows) -> list[Thread]:  # noqa: ANN001
    threads: dict[int, Thread] = {}
    replies = []
    for row in rows:
        if row.parent_id is None:
            threads[row.id] = Thread(row.id, row.plan_id, row.anchor, _entry(row), row.resolved_at, row.resolver)
        else:
            replies.append(row)
    for row in replies:
        if row.parent_id in threads:
            threads[row.parent_id].replies.append(_entry(row))
    return list(threads.values())


def plan_threads(engine: Engine, plan_id: int, state: str = "open", anchor: str | None = None) -> list[Thread]:
    """A plan's threads (open, resolved or all; at one anchor, or on a field and its rows and
    cells) with their replies, oldest first."""
    query = _query().where(comment_t.c.plan_id == plan_id)
    if anchor:
        # a row's link shows the threads on its cells too; a field's, those on its rows
        query = query.where((comment_t.c.anchor == anchor) | comment_t.c.anchor.startswith(anchor + "/", autoescape=True))
    with engine.connect() as conn:
        threads = _gather(conn.execute(query).all())
    if state == "open":
        threads = [t for t in threads if t.is_open]
    elif state == "resolved":
        threads = [t for t in threads if not t.is_open]
    return threads


def open_threads_of(engine: Engine, plan_ids: list[int]) -> dict[int, list[Thread]]:
    """Open threads of many plans (one query for threads, one for their replies), by plan."""
    if not plan_ids:
        return {}
    with engine.connect() as conn:
        firsts = conn.execute(_query().where(comment_t.c.plan_id.in_(plan_ids), comment_t.c.parent_id.is_(None),
                                             comment_t.c.resolved_at.is_(None))).all()
        ids = [r.id for r in firsts]
        replies = conn.execute(_query().where(comment_t.c.parent_id.in_(ids))).all() if ids else []
    out: dict[int, list[Thread]] = {}
    for t in _gather([*firsts, *replies]):
        out.setdefault(t.plan_id, []).append(t)
    return out


def step_counts(engine: Engine, template: Template, plan_id: int) -> dict[str, int]:
    """Open threads per step slug (a thread on a field counts on every step showing it)."""
    by_field: dict[str, int] = {}
    for anchor, n in open_counts_by_anchor(engine, plan_id).items():
        if not anchor.startswith("@"):
            key = anchor.split("/", 1)[0]
            by_field[key] = by_field.get(key, 0) + n
    return {step.slug: sum(by_field.get(sf.key, 0) for sf in step.fields) for step in template.steps()
            if any(sf.key in by_field for sf in step.fields)}
