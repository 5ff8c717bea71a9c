"""Notices: what a person should know about a plan (it was submitted, returned, approved or
reopened; a comment was added), shown in the product until read, and e-mailed once when an
SMTP server is configured."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Engine

from app.db import get_engine, write_lock
from app.models import Cell, Person
from app.models_people import Membership
from app.models_review import Notice
from app.people import clock
from app.plan.content import Text
from app.plan.errors import NotFound
from app.plan.kinds import decode
from app.plan.permissions import Role
from app.plan.services import get_plan

notice_t, membership_t, person_t, cell_t = (Notice.__table__, Membership.__table__, Person.__table__,
                                            Cell.__table__)
MAX_TEXT = 500
MAX_LINK = 300

# Who is told of what: roles held on the plan itself, and whether the LAG's staff are told too.
AUDIENCE: dict[str, tuple[frozenset[Role], bool]] = {
    "submitted": (frozenset({Role.FACILITATOR}), True),
    "returned": (frozenset({Role.TEAM_MEMBER, Role.FACILITATOR}), False),
    "approved": (frozenset({Role.TEAM_MEMBER, Role.FACILITATOR}), False),
    "reopened": (frozenset({Role.TEAM_MEMBER, Role.FACILITATOR}), False),
    "comment": (frozenset({Role.TEAM_MEMBER, Role.FACILITATOR}), False),
}
KINDS = tuple(AUDIENCE)

# What happened, by whom ({actor}); with the note after a colon when there is one. Past-tense
# Lithuanian verbs do not change with the actor's gender, so no role noun is needed.
SENTENCES = {
    "submitted": Text("{actor} pateikė planą „{title}“ peržiūrai", "{actor} submitted the plan “{title}” for review"),
    "returned": Text("{actor} grąžino planą „{title}“ taisyti", "{actor} returned the plan “{title}” for changes"),
    "approved": Text("{actor} patvirtino planą „{title}“", "{actor} approved the plan “{title}”"),
    "reopened": Text("{actor} vėl atvėrė planą „{title}“ taisyti", "{actor} reopened the plan “{title}” for changes"),
    "comment": Text("{actor} pakomentavo planą „{title}“", "{actor} commented on the plan “{title}”"),
}
SOMEONE = Text("Kažkas", "Someone")


@dataclass(frozen=True)
class NoticeView:
    """One notice as pages show it."""

    id: int
    plan_id: int
    kind: str
    text: str
    link: str
    created_at: datetime
    read_at: datetime | None

    @property
    def unread(self) -> bool:
        return self.read_at is None


def recipients(engine: Engine, plan_id: int, kind: str, actor_id: int | None) -> list[int]:
    """The people told of ``kind`` on the plan, by their memberships (never the actor)."""
    if kind not in AUDIENCE:
        raise ValueError(f"unknown notice kind {kind!r}")
    roles, lag_staff = AUDIENCE[kind]
    m = membership_t.c
    who = (m.plan_id == plan_id) & m.role.in_([r.value for r in roles])
    if lag_staff:
        who = or_(who, (m.role == Role.LAG_STAFF.value) & (m.lag_id == get_plan(engine, plan_id).lag.id))
    query = select(m.person_id).where(who).distinct()
    if actor_id is not None:
        query = query.where(m.person_id != actor_id)
    with engine.connect() as conn:
        return sorted(conn.execute(query).scalars())


def _plan_title(engine: Engine, plan_id: int, fallback: str) -> str:
    with engine.connect() as conn:
        raw = conn.execute(select(cell_t.c.value_json).where(cell_t.c.plan_id == plan_id,
                                                             cell_t.c.path == "plan_title")).scalar()
    title = decode(raw) if raw else None
    return " ".join(str(title).split()) if title else fallback


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def notice_text(kind: str, lang: str, actor: str | None, title: str, note: str = "") -> str:
    """The one line a person reads: who did what to which plan, and the note (shortened)."""
    sentence = SENTENCES[kind].get(lang).format(actor=actor or SOMEONE.get(lang), title=_shorten(title, 120))
    note = " ".join(note.split())  # one line: the note's own line breaks stay in the plan
    if not note:
        return sentence + "."
    return _shorten(f"{sentence}: {note}", MAX_TEXT)


def _safe_link(link: str, plan_id: int) -> str:
    """A place in the product (a path of this site), else the plan's page."""
    if link.startswith("/") and not link.startswith("//") and "\\" not in link and len(link) <= MAX_LINK \
            and link.isprintable():
        return link
    return f"/plans/{plan_id}"


def notify(engine: Engine, plan_id: int, kind: str, actor_id: int | None, note: str = "",
           link: str = "") -> int:
    """Tell the people concerned with a plan that ``kind`` happened (submitted, returned,
    approved, reopened, comment); returns how many were told. The actor is never told."""
    people = recipients(engine, plan_id, kind, actor_id)
    if not people:
        return 0
    ctx = get_plan(engine, plan_id)
    with engine.connect() as conn:
        actor = conn.execute(select(person_t.c.name).where(person_t.c.id == actor_id)).scalar() \
            if actor_id is not None else None
    text = notice_text(kind, ctx.plan.lang, actor, _plan_title(engine, plan_id, ctx.community.name), note)
    now, place = clock.now(), _safe_link(link, plan_id)
    rows = [{"person_id": p, "plan_id": plan_id, "kind": kind, "text": text, "link": place,
             "actor_id": actor_id, "created_at": now} for p in people]
    with write_lock(engine), engine.begin() as conn:
        conn.execute(insert(notice_t), rows)
    from app.people import mailer  # the mailer reads these notices back: no import cycle at load

    mailer.schedule(engine)
    return len(rows)


_COLUMNS = (notice_t.c.id, notice_t.c.plan_id, notice_t.c.kind, notice_t.c.text, notice_t.c.link,
            notice_t.c.created_at, notice_t.c.read_at)


def _views(engine: Engine, query) -> list[NoticeView]:  # noqa: ANN001
    with engine.connect() as conn:
        return [NoticeView(r.id, r.plan_id, r.kind, r.text, r.link, clock.aware(r.created_at),
                           clock.aware(r.read_at)) for r in conn.execute(query)]


def unread_count(engine: Engine, person_id: int) -> int:
    """How many notices the person has not read (one query on the person/read index)."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(notice_t).where(
            notice_t.c.person_id == person_id, notice_t.c.read_at.is_(None))).scalar_one()


def unread(engine: Engine, person_id: int, limit: int = 10) -> list[NoticeView]:
    """The person's unread notices, newest first."""
    return _views(engine, select(*_COLUMNS).where(notice_t.c.person_id == person_id, notice_t.c.read_at.is_(None))
                  .order_by(notice_t.c.created_at.desc(), notice_t.c.id.desc()).limit(limit))


def plan_unread(engine: Engine, person_id: int, plan_id: int, limit: int = 20) -> list[NoticeView]:
    """The person's unread notices about one plan, newest first."""
    return _views(engine, select(*_COLUMNS).where(
        notice_t.c.person_id == person_id, notice_t.c.plan_id == plan_id, notice_t.c.read_at.is_(None))
        .order_by(notice_t.c.created_at.desc(), notice_t.c.id.desc()).limit(limit))


def recent(engine: Engine, person_id: int, limit: int = 50) -> list[NoticeView]:
    """The person's notices, unread first, each group newest first."""
    return _views(engine, select(*_COLUMNS).where(notice_t.c.person_id == person_id).order_by(
        notice_t.c.read_at.is_not(None), notice_t.c.created_at.desc(), notice_t.c.id.desc()).limit(limit))


def mark_read(engine: Engine, person_id: int, notice_id: int) -> None:
    """Mark one of the person's own notices read; anyone else's (or none) is NotFound."""
    with write_lock(engine), engine.begin() as conn:
        found = conn.execute(select(notice_t.c.read_at).where(
            notice_t.c.id == notice_id, notice_t.c.person_id == person_id)).first()
        if found is None:
            raise NotFound(f"notice {notice_id}")
        if found.read_at is None:
            conn.execute(update(notice_t).where(notice_t.c.id == notice_id).values(read_at=clock.now()))


def mark_all_read(engine: Engine, person_id: int, plan_id: int | None = None) -> int:
    """Mark the person's unread notices read (those of one plan, or all); returns how many."""
    where = [notice_t.c.person_id == person_id, notice_t.c.read_at.is_(None)]
    if plan_id is not None:
        where.append(notice_t.c.plan_id == plan_id)
    with write_lock(engine), engine.begin() as conn:
        return conn.execute(update(notice_t).where(*where).values(read_at=clock.now())).rowcount


class NoticeBox:
    """A signed-in person's notices for the page header and front pages, read only when a
    template asks (a fragment or an anonymous page never queries)."""

    def __init__(self, person_id: int):
        self.person_id = person_id

    @cached_property
    def count(self) -> int:
        return unread_count(get_engine(), self.person_id)

    @cached_property
    def latest(self) -> list[NoticeView]:
        return unread(get_engine(), self.person_id, 5) if self.count else []
