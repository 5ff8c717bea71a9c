"""Workshop sessions as the facilitator closes them: the day a session was held, its R1 answers
checked (closing anyway needs a written reason, kept with what was missing), reopening, each a
step of the plan's timeline and closing a named version ("Po 1 susitikimo"). The team's own
"continue anyway" (``services.leave_session``, ``GateOverride``) is a separate, older record."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from app.db import write_lock
from app.models import Person, utcnow
from app.models_review import PlanSession
from app.plan.content import Session, Step, Template, Text
from app.plan.data import PlanData
from app.plan.errors import InvalidTransition, NotFound, Refused, ValidationFailed
from app.plan.kinds import clean_text, text_problem
from app.plan.services import PlanContext, read_plan
from app.plan.validation import gate_findings

session_t = PlanSession.__table__
person_t = Person.__table__
FIRST_DAY = date(2000, 1, 1)
MAX_REASON = 2000
REASON_LABEL = Text("Priežastis", "Reason")


def today() -> date:
    return datetime.now(ZoneInfo("Europe/Vilnius")).date()


def parse_held_on(raw: str | None, now: date | None = None) -> date:
    """The day the session was held, typed as 2025-06-30 (a date input sends that): not in the
    future, not before 2000. Refused with a message for the date field otherwise."""
    text = (raw or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not text:
        raise Refused(Text("Įrašykite, kurią dieną vyko susitikimas.", "Enter the day the session was held."))
    try:
        day = date(*(int(g) for g in m.groups())) if m else None
    except ValueError:
        day = None
    if day is None:
        raise Refused(Text("Įrašykite datą taip: 2025-06-30.", "Enter the date as 2025-06-30."))
    if day > (now or today()):
        raise Refused(Text("Susitikimo data negali būti ateityje.", "The session's date cannot be in the future."))
    if day < FIRST_DAY:
        raise Refused(Text("Susitikimo data negali būti ankstesnė nei 2000 m.", "The session's date cannot be before 2000."))
    return day


@dataclass(frozen=True)
class Held:
    """A session as closed (or reopened) by the facilitator."""

    session: int
    held_on: date | None
    closed: bool
    closed_at: datetime | None
    closed_by: str
    override_reason: str
    missing: list[str]


def sessions_held(engine: Engine, plan_id: int) -> dict[int, Held]:
    """The plan's sessions that were ever closed, by number."""
    query = (select(session_t.c.session, session_t.c.held_on, session_t.c.closed, session_t.c.closed_at,
                    person_t.c.name, session_t.c.override_reason, session_t.c.missing)
             .select_from(session_t.outerjoin(person_t, person_t.c.id == session_t.c.closed_by))
             .where(session_t.c.plan_id == plan_id))
    with engine.connect() as conn:
        return {n: Held(n, held, bool(closed), at, who or "", reason or "", [m for m in (missing or "").split("\n") if m])
                for n, held, closed, at, who, reason, missing in conn.execute(query)}


def _session(template: Template, number: int) -> Session:
    try:
        return template.session(number)
    except KeyError:
        raise NotFound(f"session {number}") from None


def close_session(engine: Engine, ctx: PlanContext, number: int, held_on: date, reason: str | None,
                  person_id: int | None) -> None:
    """Close a session held on ``held_on``. With R1 answers missing only with a reason (else
    ValidationFailed listing them); the reason and what was missing are kept. Closing a closed
    session is InvalidTransition. Makes the version "Po {n} susitikimo"."""
    from app.plan.versions import insert_version
    from app.plan.workflow import record_event

    _session(ctx.template, number)
    missing = gate_findings(ctx.template, read_plan(engine, ctx), number)
    reason = clean_text(reason or "").strip() if missing else ""
    if missing and not reason:
        raise ValidationFailed(missing)
    problem = text_problem(REASON_LABEL, reason, MAX_REASON)
    if problem:
        raise Refused(problem)
    now = utcnow()
    values = {"held_on": held_on, "closed": True, "closed_at": now, "closed_by": person_id,
              "override_reason": reason, "missing": "\n".join(f.message.lt for f in missing)}
    already = InvalidTransition(Text(f"{number} susitikimas jau baigtas.", f"Session {number} is already closed."))
    try:
        with write_lock(engine), engine.begin() as conn:
            row = conn.execute(select(session_t.c.id, session_t.c.closed).where(
                session_t.c.plan_id == ctx.plan.id, session_t.c.session == number)).first()
            if row is not None and row.closed:
                raise already
            if row is None:
                conn.execute(insert(session_t).values(plan_id=ctx.plan.id, session=number, **values))
            elif conn.execute(update(session_t).where(session_t.c.id == row.id, session_t.c.closed.is_(False))
                              .values(**values)).rowcount != 1:
                raise already  # closed by someone else a moment ago
            record_event(conn, ctx.plan.id, "session_close", person_id, number, reason, now)
            data = _data(conn, ctx)
            name = f"After session {number}" if ctx.plan.lang == "en" else f"Po {number} susitikimo"
            insert_version(conn, ctx.plan.id, name, "session_close", person_id, data)
    except IntegrityError:  # two facilitators closing at once (PostgreSQL): one wins
        raise already from None


def _data(conn, ctx: PlanContext) -> PlanData:  # noqa: ANN001
    from app.plan.approval import plan_data

    return plan_data(conn, ctx)


def reopen_session(engine: Engine, ctx: PlanContext, number: int, note: str | None,
                   person_id: int | None) -> None:
    """Reopen a closed session (its day is kept for the next close); logged with the note."""
    from app.plan.workflow import record_event

    _session(ctx.template, number)
    note = clean_text(note or "").strip()
    problem = text_problem(REASON_LABEL, note, MAX_REASON)
    if problem:
        raise Refused(problem)
    with write_lock(engine), engine.begin() as conn:
        done = conn.execute(update(session_t).where(
            session_t.c.plan_id == ctx.plan.id, session_t.c.session == number, session_t.c.closed.is_(True))
            .values(closed=False, closed_at=None))
        if done.rowcount != 1:
            raise InvalidTransition(Text(f"{number} susitikimas nėra baigtas.", f"Session {number} is not closed."))
        record_event(conn, ctx.plan.id, "session_reopen", person_id, number, note)


def resume_step(template: Template, data: PlanData, closed: set[int]) -> Step:
    """Where "Tęsti pildymą" goes: the first unfinished step of the first session not closed
    (its first step when all are filled); with every session closed, the first unfinished step."""
    from app.plan.wizard import step_progress

    open_sessions = [s for s in template.sessions if s.number not in closed]
    for session in open_sessions[:1] or template.sessions:
        for step in session.steps:
            if not step_progress(template, data, step).done:
                return step
        if open_sessions:
            return session.steps[0]
    return template.steps()[0]
