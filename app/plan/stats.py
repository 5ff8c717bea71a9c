"""The plans a person reaches, each with the figures a dashboard shows, in a fixed number of
queries whatever the number of plans: one query reads every plan in reach with its cached figures
(``plan_stats``), sessions held, open comments and approved document; plans changed since their
figures were computed (``plan.updated_at`` ≠ ``plan_stats.computed_at``) are recomputed in bulk."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import false, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from app.db import write_lock
from app.models import Community, Lag, Plan
from app.models_review import ApprovedDocument, Comment, PlanSession, PlanStats
from app.people.access import Grant, roles_on
from app.plan.answers import CellState, assemble_plan_data, cell_t, row_t
from app.plan.catalogue import get_template
from app.plan.content import Template
from app.plan.data import PlanData
from app.plan.figures import plan_participants
from app.plan.kinds import decode
from app.plan.permissions import ROLE_REACH, Role
from app.plan.project import get_project
from app.plan.wizard import plan_progress, session_progress

CHUNK = 400  # plans per bulk read: well under SQLite's and PostgreSQL's bound-parameter limits
PAGE_BUDGET = 100  # changed plans a dashboard recomputes per request (≤ CHUNK: a fixed query count)
plan_t, community_t, lag_t = Plan.__table__, Community.__table__, Lag.__table__
stats_t, session_t = PlanStats.__table__, PlanSession.__table__
comment_t, approved_t = Comment.__table__, ApprovedDocument.__table__


@dataclass(slots=True)
class PlanLine:
    """One plan as the dashboards show it; ``roles``: the person's roles on it."""

    id: int
    status: str
    updated_at: datetime
    community: str
    community_id: int
    lag_id: int
    lag_name: str
    title: str
    answered: int
    required: int
    sessions_json: str  # (filled, required) per session, in order: parsed only where shown
    sessions_held: int
    open_comments: int
    approved_doc: bool
    participants: int
    vulnerable_participants: int
    roles: frozenset[Role] = frozenset()
    pending: bool = False  # changed since its figures, and not recomputed in this request

    @property
    def name(self) -> str:
        return self.title or self.community

    @property
    def sessions(self) -> tuple[tuple[int, int], ...]:
        return _sessions_of(self.sessions_json)


@dataclass(frozen=True)
class Figures:
    """What ``plan_stats`` caches for a plan, computed from its answers."""

    answered: int
    required: int
    sessions: tuple[tuple[int, int], ...]
    participants: int
    vulnerable_participants: int
    title: str


def compute_figures(template: Template, data: PlanData) -> Figures:
    """A plan's progress (whole and per session), participants and title, from its answers."""
    whole = plan_progress(template, data)
    per_session = tuple((p.filled, p.total) for p in
                        (session_progress(template, data, s.number) for s in template.sessions))
    people, vulnerable = plan_participants(data, get_project().participants)
    title = data.value("plan_title")
    return Figures(whole.filled, whole.total, per_session, people, vulnerable,
                   title[:300] if isinstance(title, str) else "")


def _count_of(table: Any, *where: Any) -> Any:
    """A per-plan count as a correlated subquery: indexed on plan_id, so a page about four
    plans counts four plans' rows, and the coordinator's one statement counts them all."""
    return (select(func.count()).select_from(table).where(table.c.plan_id == plan_t.c.id, *where)
            .correlate(plan_t).scalar_subquery())


def _lines_query() -> Any:
    return (select(plan_t.c.id, plan_t.c.status, plan_t.c.updated_at, plan_t.c.template_id, plan_t.c.lang,
                   community_t.c.name.label("community"), community_t.c.id.label("community_id"),
                   lag_t.c.id.label("lag_id"), lag_t.c.name.label("lag_name"),
                   (stats_t.c.computed_at.is_(None) | (stats_t.c.computed_at != plan_t.c.updated_at)).label("stale"),
                   stats_t.c.answered, stats_t.c.required, stats_t.c.session_answered_json,
                   stats_t.c.participants, stats_t.c.vulnerable_participants, stats_t.c.title,
                   _count_of(session_t, session_t.c.closed.is_(True)).label("held"),
                   _count_of(comment_t, comment_t.c.parent_id.is_(None), comment_t.c.resolved_at.is_(None)).label("comments"),
                   _count_of(approved_t, approved_t.c.superseded_at.is_(None)).label("approved"))
            .join(community_t, community_t.c.id == plan_t.c.community_id)
            .join(lag_t, lag_t.c.id == community_t.c.lag_id)
            .outerjoin(stats_t, stats_t.c.plan_id == plan_t.c.id)
            .order_by(lag_t.c.id, community_t.c.name, plan_t.c.id))


def _sessions_of(raw: str | None) -> tuple[tuple[int, int], ...]:
    if not raw or raw == "[]":
        return ()
    try:
        return tuple((int(a), int(b)) for a, b in json.loads(raw or "[]"))
    except (ValueError, TypeError):
        return ()


def _sessions_json(sessions: tuple[tuple[int, int], ...]) -> str:
    return json.dumps([list(s) for s in sessions])


def _reach_filter(grants: tuple[Grant, ...]) -> Any:
    """The plans the grants may open, as SQL, so a facilitator's page does not read every plan
    of the country; ``roles_on`` still decides each row (this only narrows what is read)."""
    if any(ROLE_REACH[g.role] == "all" for g in grants):
        return None
    lag_ids = {g.lag_id for g in grants if ROLE_REACH[g.role] == "lag"}
    plan_ids = {g.plan_id for g in grants if ROLE_REACH[g.role] == "plan" and g.plan_id is not None}
    community_ids = {g.community_id for g in grants if ROLE_REACH[g.role] == "plan"
                     and g.plan_id is None and g.community_id is not None}
    return or_(false(), lag_t.c.id.in_(lag_ids), plan_t.c.id.in_(plan_ids), community_t.c.id.in_(community_ids))


def plan_lines(engine: Engine, grants: tuple[Grant, ...], budget: int | None = None) -> list[PlanLine]:
    """Every plan the person reaches, by LAG and community, with fresh figures. With a
    ``budget``, at most that many changed plans are recomputed (the most recently changed
    first), so one page never waits for thousands; the rest are marked ``pending``."""
    query, reach = _lines_query(), _reach_filter(grants)
    with engine.connect() as conn:
        rows = conn.execute(query if reach is None else query.where(reach)).all()
    lines, stale = [], []
    for (pid, status, updated_at, template_id, lang, community, community_id, lag_id, lag_name, is_stale,
         answered, required, sessions, people, vulnerable, title, held, comments, approved) in rows:
        roles = roles_on(grants, pid, community_id, lag_id)
        if not roles:
            continue
        if is_stale:
            stale.append((len(lines), pid, template_id, lang, updated_at))
        lines.append(PlanLine(pid, status, updated_at, community, community_id, lag_id, lag_name, title or "",
                              answered or 0, required or 0, sessions or "[]", held, comments, bool(approved),
                              people or 0, vulnerable or 0, frozenset(roles)))
    if budget is not None and len(stale) > budget:
        stale.sort(key=lambda s: s[4], reverse=True)
        for index, *_ in stale[budget:]:
            lines[index].pending = True
        stale = stale[:budget]
    if stale:
        fresh = refresh(engine, [(pid, tid, lang, at) for _, pid, tid, lang, at in stale])
        for index, pid, *_ in stale:
            f = fresh[pid]
            lines[index] = replace(lines[index], title=f.title, answered=f.answered, required=f.required,
                                   sessions_json=_sessions_json(f.sessions), participants=f.participants,
                                   vulnerable_participants=f.vulnerable_participants)
    return lines


def bulk_plan_data(conn: Connection, plans: dict[int, tuple[Template, str]]) -> dict[int, PlanData]:
    """The answers of many plans, read in one query for cells and one for rows per chunk, put
    together exactly as ``answers.load_plan_data`` does for one plan."""
    cells: dict[int, dict[str, CellState]] = {pid: {} for pid in plans}
    rows: dict[int, list[Any]] = {pid: [] for pid in plans}
    ids = list(plans)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for pid, path, value, rev in conn.execute(select(cell_t.c.plan_id, cell_t.c.path, cell_t.c.value_json,
                                                         cell_t.c.revision).where(cell_t.c.plan_id.in_(chunk))):
            cells[pid][path] = CellState(decode(value), rev)
        for r in conn.execute(select(row_t.c.plan_id, row_t.c.table_key, row_t.c.row_id, row_t.c.fixed)
                              .where(row_t.c.plan_id.in_(chunk), row_t.c.deleted_at.is_(None))
                              .order_by(row_t.c.plan_id, row_t.c.position, row_t.c.id)):
            rows[r.plan_id].append((r.table_key, r.row_id, r.fixed))
    return {pid: assemble_plan_data(template, cells[pid], rows[pid], lang, None)
            for pid, (template, lang) in plans.items()}


def refresh(engine: Engine, stale: list[tuple[int, str, str, datetime]]) -> dict[int, Figures]:
    """Recompute and store the figures of these plans ((id, template, language, updated_at)).
    ``computed_at`` is the plan's ``updated_at`` as read before its answers: a change that lands
    meanwhile leaves the row stale, so it is computed again next time, never missed."""
    with engine.connect() as conn:
        data = bulk_plan_data(conn, {pid: (get_template(tid), lang) for pid, tid, lang, _ in stale})
    out = {pid: compute_figures(get_template(tid), data[pid]) for pid, tid, _, _ in stale}
    values = [{"plan_id": pid, "computed_at": at, "answered": out[pid].answered, "required": out[pid].required,
               "session_answered_json": _sessions_json(out[pid].sessions),
               "participants": out[pid].participants, "vulnerable_participants": out[pid].vulnerable_participants,
               "title": out[pid].title} for pid, _, _, at in stale]
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(stats_t)
    stmt = stmt.on_conflict_do_update(index_elements=["plan_id"], set_={
        c: getattr(stmt.excluded, c) for c in values[0] if c != "plan_id"})
    with write_lock(engine), engine.begin() as conn:
        conn.execute(stmt, values)
    return out
