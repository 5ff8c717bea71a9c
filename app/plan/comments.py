"""Comment threads on a plan: anchored to a section (``@B``), a field (``vision``), a table row
(``needs/<row_id>``) or one cell of a row (``needs/<row_id>/title``). Row ids are stable, so a
thread on a row follows the row when rows move; a thread on a deleted row stays (listed as
"eilutė pašalinta") until someone resolves it. Comments are never part of the DOCX."""
from __future__ import annotations

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Engine

from app.db import write_lock
from app.models import utcnow
from app.models_review import Comment
from app.plan.answers import Editor, MAX_PATH, _row_alive, resolve
from app.plan.content import Template, Text
from app.plan.errors import NotFound, Refused
from app.plan.kinds import clean_text, is_row_id, text_problem

comment_t = Comment.__table__
MAX_BODY = 4000
BODY_LABEL = Text("Pastaba", "Comment")


def section_letter(template: Template, anchor: str) -> str | None:
    """The letter of the section an anchor belongs to (None for an anchor the template no
    longer knows: such a thread is still listed, but counts in no section)."""
    if anchor.startswith("@"):
        letter = anchor[1:]
        return letter if any(s.letter == letter for s in template.sections) else None
    try:
        return template.section_of(anchor.split("/", 1)[0]).letter
    except KeyError:
        return None


def check_anchor(engine: Engine, template: Template, plan_id: int, anchor: str) -> str:
    """The anchor if a new thread may be put there: a section of the template, a field, or a
    live row (or a cell of one). Anything else is NotFound, never a 500."""
    anchor = anchor.strip()
    if not anchor or len(anchor) > MAX_PATH:
        raise NotFound("no anchor")
    if anchor.startswith("@"):
        if section_letter(template, anchor) is None:
            raise NotFound(f"no section {anchor!r}")
        return anchor
    parts = anchor.split("/")
    field = template.fields.get(parts[0])
    if field is None or len(parts) > 3 or (len(parts) > 1 and not field.is_rows):
        raise NotFound(f"no field for {anchor!r}")
    if len(parts) == 1:
        return anchor
    if len(parts) == 3:
        resolve(template, anchor)  # the column must exist
    if not is_row_id(parts[1]):
        raise NotFound("malformed row id")
    with engine.connect() as conn:
        if not _row_alive(conn, plan_id, parts[0], parts[1]):
            raise NotFound(f"no row {parts[1]}")
    return anchor


def clean_body(raw: str) -> str:
    """A comment's text, or Refused with a Lithuanian message (empty, control characters,
    longer than MAX_BODY)."""
    body = clean_text(raw or "").strip()
    if not body:
        raise Refused(Text("Įrašykite pastabos tekstą.", "Write the comment."))
    problem = text_problem(BODY_LABEL, body, MAX_BODY)
    if problem:
        raise Refused(problem)
    return body


def add_thread(engine: Engine, template: Template, plan_id: int, anchor: str, body: str,
               editor: Editor) -> int:
    """Start a thread at an anchor; returns its id."""
    anchor = check_anchor(engine, template, plan_id, anchor)
    text = clean_body(body)
    with write_lock(engine), engine.begin() as conn:
        return conn.execute(insert(comment_t).values(
            plan_id=plan_id, anchor=anchor, body=text, person_id=editor.person_id,
            on_behalf_of=editor.on_behalf_of, created_at=utcnow())).inserted_primary_key[0]


def thread_of(engine: Engine, plan_id: int, comment_id: int):  # noqa: ANN201
    """The first comment of the thread ``comment_id`` belongs to (a reply names its thread);
    NotFound for a comment of another plan."""
    with engine.connect() as conn:
        row = conn.execute(select(comment_t).where(comment_t.c.id == comment_id,
                                                   comment_t.c.plan_id == plan_id)).first()
        if row is not None and row.parent_id is not None:
            row = conn.execute(select(comment_t).where(comment_t.c.id == row.parent_id,
                                                       comment_t.c.plan_id == plan_id)).first()
    if row is None:
        raise NotFound(f"no comment {comment_id}")
    return row


def add_reply(engine: Engine, plan_id: int, comment_id: int, body: str, editor: Editor) -> int:
    """Reply in a thread (also to a resolved one: a reply does not reopen it by itself)."""
    text = clean_body(body)
    first = thread_of(engine, plan_id, comment_id)
    with write_lock(engine), engine.begin() as conn:
        return conn.execute(insert(comment_t).values(
            plan_id=plan_id, parent_id=first.id, anchor=first.anchor, body=text,
            person_id=editor.person_id, on_behalf_of=editor.on_behalf_of,
            created_at=utcnow())).inserted_primary_key[0]


def set_resolved(engine: Engine, plan_id: int, comment_id: int, person_id: int | None,
                 resolved: bool = True) -> int:
    """Resolve a thread (or reopen it); returns the thread's id. Doing it twice changes
    nothing: the first resolution's author and time stay."""
    first = thread_of(engine, plan_id, comment_id)
    values = {"resolved_at": utcnow(), "resolved_by": person_id} if resolved else \
        {"resolved_at": None, "resolved_by": None}
    with write_lock(engine), engine.begin() as conn:
        where = comment_t.c.resolved_at.is_(None) if resolved else comment_t.c.resolved_at.is_not(None)
        conn.execute(update(comment_t).where(comment_t.c.id == first.id, where).values(**values))
    return first.id


def _open_threads():  # noqa: ANN202
    return (comment_t.c.parent_id.is_(None), comment_t.c.resolved_at.is_(None))


def open_counts_by_anchor(engine: Engine, plan_id: int, keys: list[str] | None = None) -> dict[str, int]:
    """Open threads of a plan per anchor (one query); with ``keys``, only anchors on those
    fields (a field, its rows and their cells): the fields of one step."""
    query = select(comment_t.c.anchor, func.count()).where(comment_t.c.plan_id == plan_id, *_open_threads())
    if keys is not None:
        if not keys:
            return {}
        query = query.where(or_(comment_t.c.anchor.in_(keys), *(
            comment_t.c.anchor.like(_escape(k) + "/%", escape="\\") for k in keys)))
    with engine.connect() as conn:
        rows = conn.execute(query.group_by(comment_t.c.anchor)).all()
    return {anchor: n for anchor, n in rows}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def link_counts(counts: dict[str, int]) -> dict[str, int]:
    """What the wizard shows beside a field and a row: a field (or a whole table) counts the
    threads on it and on its rows and cells; a row (``needs/<row_id>``) those on it and its cells."""
    out: dict[str, int] = {}
    for anchor, n in counts.items():
        parts = anchor.split("/")
        out[parts[0]] = out.get(parts[0], 0) + n
        if len(parts) > 1:
            row = "/".join(parts[:2])
            out[row] = out.get(row, 0) + n
    return out


def open_counts_by_section(engine: Engine, template: Template, plan_id: int) -> dict[str, int]:
    """Open threads per section letter (only sections that have some)."""
    counts: dict[str, int] = {}
    for anchor, n in open_counts_by_anchor(engine, plan_id).items():
        letter = section_letter(template, anchor)
        if letter is not None:
            counts[letter] = counts.get(letter, 0) + n
    return counts


def open_counts_by_plan(engine: Engine, plan_ids: list[int]) -> dict[int, int]:
    """Open threads per plan, for the plans given (one query)."""
    if not plan_ids:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(select(comment_t.c.plan_id, func.count()).where(
            comment_t.c.plan_id.in_(plan_ids), *_open_threads()).group_by(comment_t.c.plan_id)).all()
    return {plan_id: n for plan_id, n in rows}


def step_link_counts(engine: Engine, plan_id: int, keys: list[str]) -> dict[str, int]:
    """The counts beside the fields ``keys`` of one step and their rows (one query)."""
    return link_counts(open_counts_by_anchor(engine, plan_id, keys))
