"""The plan's status as a declared state machine (DESIGN.md rule 7): juodraštis → pateiktas
peržiūrai → grąžintas taisyti / patvirtintas → (atvertas iš naujo) juodraštis.

Each transition is one row of ``TRANSITIONS`` naming the permission action that decides who may
fire it (``app.plan.permissions``); the web layer makes one route per row. ``transition`` is the
only code that changes ``plan.status``: inside one write transaction it checks the status the
person saw, the table and the note, moves the status with a guarded UPDATE (two clicks cannot
both fire), records the step of the timeline (``PlanEvent``) and a named version, and on approval
freezes the DOCX (``app.plan.approval``). Notices go out after the commit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from app.db import write_lock
from app.models import Person, Plan, utcnow
from app.models_review import PlanEvent
from app.plan.content import Text
from app.plan.errors import InvalidTransition, NotAllowed, NotFound, Refused
from app.plan.kinds import clean_text, text_problem
from app.plan.permissions import PERMISSIONS, STATUSES, can_any
from app.plan.services import STATUS_LABELS, PlanContext

plan_t = Plan.__table__
event_t = PlanEvent.__table__
person_t = Person.__table__

MAX_NOTE = 2000


@dataclass(frozen=True)
class Transition:
    name: str
    slug: str                  # the route: POST /plans/{id}/{slug}
    action: str                # the permission row that decides who may fire it
    sources: tuple[str, ...]   # the statuses it leaves
    target: str
    note: str                  # "required" or "optional"
    label: Text                # the button
    done: Text                 # the timeline's words and the version's name
    notice: str                # the kind of notice people get (app.people.notices)
    note_label: Text


TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("submit", "pateikti", "plan.submit", ("draft", "returned"), "review", "optional",
               Text("Pateikti peržiūrai", "Submit for review"), Text("Pateiktas peržiūrai", "Submitted for review"),
               "submitted", Text("Žinutė moderatoriui (nebūtina)", "A message for the facilitator (optional)")),
    Transition("return", "grazinti", "plan.return", ("review",), "returned", "required",
               Text("Grąžinti taisyti", "Return for changes"), Text("Grąžintas taisyti", "Returned for changes"),
               "returned", Text("Ką reikia pataisyti?", "What needs changing?")),
    Transition("approve", "patvirtinti", "plan.approve", ("review",), "approved", "optional",
               Text("Patvirtinti planą", "Approve the plan"), Text("Patvirtintas", "Approved"),
               "approved", Text("Pastaba (nebūtina)", "A note (optional)")),
    Transition("reopen", "atverti", "plan.reopen", ("approved",), "draft", "required",
               Text("Atverti iš naujo", "Reopen"), Text("Atvertas iš naujo", "Reopened"),
               "reopened", Text("Kodėl planą reikia atverti?", "Why must the plan be reopened?")),
)}


def check_table() -> None:
    """The table refers only to known statuses and actions, and each action allows a role in
    exactly the statuses its transition leaves: fails loudly at start-up otherwise."""
    for t in TRANSITIONS.values():
        if t.action not in PERMISSIONS or t.target not in STATUSES or not set(t.sources) <= set(STATUSES):
            raise RuntimeError(f"workflow transition {t.name!r}: unknown action or status")
        allowed = {s for statuses in PERMISSIONS[t.action].values() for s in statuses}
        if allowed != set(t.sources):
            raise RuntimeError(f"workflow transition {t.name!r}: {t.action} allows {sorted(allowed)}, "
                               f"the transition leaves {sorted(t.sources)}")


check_table()


def by_slug(slug: str) -> Transition:
    for t in TRANSITIONS.values():
        if t.slug == slug:
            return t
    raise NotFound(slug)


def status_label(status: str | None, lang: str = "lt") -> str:
    lt, en = STATUS_LABELS.get(status or "", (status or "", status or ""))
    return en if lang == "en" else lt


def available(roles: set, status: str) -> list[Transition]:
    """The transitions this person may fire on a plan in ``status`` (the buttons they see)."""
    return [t for t in TRANSITIONS.values() if status in t.sources and can_any(roles, t.action, status)]


def changed_meanwhile(status: str) -> Text:
    lt, en = STATUS_LABELS.get(status, (status, status))
    return Text(f"Kol žiūrėjote, plano būsena pasikeitė: dabar jis „{lt}“. Atnaujinkite plano puslapį.",
                f"The plan's status changed while you were looking: it is now “{en}”. Reload the plan's page.")


def refusal_for(action: str, roles: set, status: str) -> Text | None:
    """Why a workflow action is refused now, when the person could fire it in another status."""
    for t in TRANSITIONS.values():
        if t.action == action and status not in t.sources and \
                any(can_any(roles, action, s) for s in t.sources):
            return changed_meanwhile(status)
    return None


def clean_note(t: Transition, note: str | None) -> str:
    """The note or reason as typed (line breaks kept); Refused when required and empty, too long
    or holding control characters. Never cut short: the team reads what was written."""
    text = clean_text(note or "").strip()
    if t.note == "required" and not text:
        raise Refused(Text("Įrašykite pastabą komandai – ką reikia pataisyti." if t.name == "return"
                           else "Įrašykite priežastį, kodėl planą reikia atverti.",
                           "Write a note for the team: what needs changing." if t.name == "return"
                           else "Write why the plan must be reopened."))
    problem = text_problem(t.note_label, text, MAX_NOTE)
    if problem:
        raise Refused(problem)
    return text


@dataclass(frozen=True)
class Fired:
    status: str
    version_id: int
    version_number: int
    approved_id: int | None = None


def transition(engine: Engine, ctx: PlanContext, name: str, roles: set, person_id: int | None,
               note: str | None = "", expected: str | None = None) -> Fired:
    """Fire transition ``name`` on the plan for a person with ``roles``; ``expected`` is the
    status the person saw (their form says so). InvalidTransition when the plan is no longer
    there, NotAllowed when the table refuses, Refused for a bad note, ValidationFailed when an
    approval finds required answers missing. Returns the new status and the version made."""
    from app.plan import approval
    from app.plan.versions import insert_version

    t = TRANSITIONS.get(name)
    if t is None:
        raise NotFound(name)
    text = clean_note(t, note)
    plan_id = ctx.plan.id
    now = utcnow()
    approved_id = None
    with write_lock(engine), engine.begin() as conn:
        # the plan's row locked first: a second click, or a save, waits for this one
        current = conn.execute(select(plan_t.c.status).where(plan_t.c.id == plan_id).with_for_update()).scalar()
        if current is None:
            raise NotFound(f"plan {plan_id}")
        if current not in t.sources or (expected is not None and expected != current):
            raise InvalidTransition(changed_meanwhile(current))
        if not can_any(roles, t.action, current):
            raise NotAllowed(t.action)
        data = approval.plan_data(conn, ctx)
        if t.name == "approve":
            approval.require_complete(ctx, data)  # ValidationFailed: nothing written
        moved = conn.execute(update(plan_t).where(plan_t.c.id == plan_id, plan_t.c.status == current)
                             .values(status=t.target))
        if moved.rowcount != 1:
            raise InvalidTransition(changed_meanwhile(current))
        version_name = approval.version_name(conn, plan_id, t.name, t.done.get(ctx.plan.lang), ctx.plan.lang, now)
        kind = "approved" if t.name == "approve" else "status"
        version_id, number = insert_version(conn, plan_id, version_name, kind, person_id, data)
        if t.name == "approve":
            approved_id = approval.freeze(engine, conn, ctx, data, person_id, now, version_id, number)
        elif t.name == "reopen":
            approval.supersede(conn, plan_id, now)
        conn.execute(insert(event_t).values(plan_id=plan_id, kind="status", from_status=current,
                                            to_status=t.target, note=text, person_id=person_id, at=now))
    _notify(engine, plan_id, t, person_id, text)
    return Fired(t.target, version_id, number, approved_id)


def _notify(engine: Engine, plan_id: int, t: Transition, person_id: int | None, note: str) -> None:
    from app.people.notices import notify

    notify(engine, plan_id, t.notice, person_id, note=note, link=f"/plans/{plan_id}")


# ---------------------------------------------------------------- the timeline

@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str            # status, session_close, session_reopen
    from_status: str | None
    to_status: str | None
    session: int | None
    note: str
    who: str

    @property
    def day(self):  # noqa: ANN201
        """The day in Lithuania (the timeline shows local dates)."""
        from app.plan.approval import local_day

        return local_day(self.at)

    def text(self, lang: str = "lt") -> str:
        """"Pateiktas peržiūrai (juodraštis → pateiktas peržiūrai)", "Baigtas 2 susitikimas"."""
        if self.kind == "status":
            done = next((t.done for t in TRANSITIONS.values()
                         if t.target == self.to_status and self.from_status in t.sources), None)
            head = done.get(lang) if done else status_label(self.to_status, lang)
            return f"{head} ({status_label(self.from_status, lang)} → {status_label(self.to_status, lang)})"
        if self.kind == "session_close":
            return f"Closed session {self.session}" if lang == "en" else f"Baigtas {self.session} susitikimas"
        if self.kind == "session_reopen":
            return f"Reopened session {self.session}" if lang == "en" else f"Atvertas {self.session} susitikimas"
        return self.kind


def timeline(engine: Engine, plan_id: int) -> list[Event]:
    """The plan's steps, oldest first, with who took each."""
    query = (select(event_t.c.at, event_t.c.kind, event_t.c.from_status, event_t.c.to_status,
                    event_t.c.session, event_t.c.note, person_t.c.name)
             .select_from(event_t.outerjoin(person_t, person_t.c.id == event_t.c.person_id))
             .where(event_t.c.plan_id == plan_id).order_by(event_t.c.at, event_t.c.id))
    with engine.connect() as conn:
        return [Event(at, kind, a, b, s, note or "", who or "") for at, kind, a, b, s, note, who
                in conn.execute(query)]


def record_event(conn, plan_id: int, kind: str, person_id: int | None, session: int | None = None,  # noqa: ANN001
                 note: str = "", at: datetime | None = None) -> None:
    """A step of the timeline that is not a status change (a session closed or reopened)."""
    conn.execute(insert(event_t).values(plan_id=plan_id, kind=kind, session=session, note=note,
                                        person_id=person_id, at=at or utcnow()))

