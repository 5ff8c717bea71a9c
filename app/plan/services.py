"""Plan use cases that are not a single cell: creating a plan, reading a plan with its
community and LAG, leaving a session past its gate. Domain only: raise domain errors."""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import bindparam, insert as sa_insert, select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from app.db import write_lock
from app.models import Change, Community, GateOverride, Lag, Plan, utcnow
from app.plan.answers import CellState, Editor, _log as log_change, cell_t, load_plan_data
from app.plan.rows import create_fixed_rows
from app.plan.catalogue import get_template
from app.plan.content import Template, Text
from app.plan.data import PlanData
from app.plan.errors import NotFound, Refused, ValidationFailed
from app.plan.kinds import clean_text, encode, text_problem
from app.plan.validation import gate_findings

STATUS_LABELS = {
    "draft": ("juodraštis", "draft"),
    "review": ("pateiktas peržiūrai", "submitted for review"),
    "returned": ("grąžintas taisyti", "returned for changes"),
    "approved": ("patvirtintas", "approved"),
}


@dataclass
class PlanContext:
    """A plan with what every page about it needs."""

    plan: Plan  # read-only records with the tables' columns as attributes
    community: Community
    lag: Lag
    template: Template

    def meta(self, version: tuple[str | None, int] = (None, 0)) -> dict:
        lt, en = STATUS_LABELS.get(self.plan.status, (self.plan.status, self.plan.status))
        return {"plan_id": self.plan.id, "community": self.community.name, "lag": self.lag.name,
                "lag_publicity": self.lag.publicity_line,
                "status": lt if self.plan.lang != "en" else en, "status_code": self.plan.status,
                "version": version[0], "last_seq": version[1]}


# One round trip, built once: every request about a plan starts here, autosave included.
_PLAN_WITH_COMMUNITY = (
    sa_select(Plan.__table__, Community.__table__, Lag.__table__)
    .join(Community.__table__, Community.__table__.c.id == Plan.__table__.c.community_id)
    .join(Lag.__table__, Lag.__table__.c.id == Community.__table__.c.lag_id)
    .where(Plan.__table__.c.id == bindparam("plan_id")))


def get_plan(engine: Engine, plan_id: int) -> PlanContext:
    """The plan, its community and LAG, or NotFound."""
    with engine.connect() as conn:
        row = conn.execute(_PLAN_WITH_COMMUNITY, {"plan_id": plan_id}).first()
    if row is None:
        raise NotFound(f"plan {plan_id}")
    values = list(row)
    parts = []
    for model in (Plan, Community, Lag):
        # plain read-only records: building ORM instances cost more than the query itself
        width = len(model.__table__.columns)
        parts.append(SimpleNamespace(**dict(zip(model.__table__.columns.keys(), values[:width]))))
        values = values[width:]
    plan, community, lag = parts
    return PlanContext(plan, community, lag, get_template(plan.template_id))


def plan_version(engine: Engine, plan_id: int, lang: str = "lt") -> tuple[str | None, int]:
    """(the plan's newest saved version as people name it, "2 versija, 2025-03-14", or None
    before the first; the last change number, where live refresh starts asking)."""
    from app.plan.versions import latest_version, version_label

    with engine.connect() as conn:
        last = conn.execute(sa_select(func.max(Change.__table__.c.seq))
                            .where(Change.__table__.c.plan_id == plan_id)).scalar()
    latest = latest_version(engine, plan_id)
    return (version_label(latest, lang) if latest else None), last or 0


def read_plan(engine: Engine, ctx: PlanContext, cells: dict[str, CellState] | None = None) -> PlanData:
    return load_plan_data(engine, ctx.template, ctx.plan.id, ctx.plan.lang,
                          ctx.meta(plan_version(engine, ctx.plan.id, ctx.plan.lang)), cells)


def create_plan(engine: Engine, community_id: int, lang: str = "lt",
                template_id: str = "community_plan", editor: Editor = Editor()) -> int:
    """A new plan for a community, with its fixed rows and section A pre-filled from the data
    the LAG already has (name, LAG, municipality, eldership). The pre-filled answers and the
    fixed rows go to the change log in the plan's own transaction: the log alone rebuilds it."""
    template = get_template(template_id)
    now = utcnow()
    with write_lock(engine), engine.begin() as conn:
        community = conn.execute(sa_select(Community.__table__).where(
            Community.__table__.c.id == community_id)).first()
        if community is None:
            raise NotFound(f"community {community_id}")
        plan_id = conn.execute(sa_insert(Plan.__table__).values(
            community_id=community_id, template_id=template_id, lang=lang, status="draft",
            created_at=now, updated_at=now)).inserted_primary_key[0]
        prefill = {"bo_name": community.name, "lag": str(community.lag_id),
                   "eldership": community.eldership or None}
        municipality = template.fields.get("municipality")
        if municipality and community.municipality in {o.value for o in municipality.options}:
            prefill["municipality"] = community.municipality
        for key, value in prefill.items():
            if key in template.fields and value:
                conn.execute(sa_insert(cell_t).values(plan_id=plan_id, path=key, value_json=encode(value),
                                                      revision=1, updated_at=now, updated_by=editor.person_id))
                log_change(conn, plan_id, key, "set", None, encode(value), editor, now)
        create_fixed_rows(conn, template, plan_id, editor, now)
    return plan_id


MAX_REASON = 2000
REASON_LABEL = Text("Priežastis", "Reason")


def leave_session(engine: Engine, ctx: PlanContext, session: int, reason: str | None,
                  editor: Editor) -> None:
    """Leave a session: fine when its R1 answers are there; otherwise only with a reason,
    which is recorded with the list of what was missing. An empty reason is ValidationFailed;
    one with control characters or over MAX_REASON characters is Refused (never cut short:
    the moderator reads what the team wrote)."""
    data = read_plan(engine, ctx)
    missing = gate_findings(ctx.template, data, session)
    if not missing:
        return
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationFailed(missing)
    problem = text_problem(REASON_LABEL, reason, MAX_REASON)
    if problem:
        raise Refused(problem)
    with write_lock(engine), Session(engine) as db:
        db.add(GateOverride(plan_id=ctx.plan.id, session=session, reason=reason,
                            missing="\n".join(f.message.lt for f in missing),
                            person_id=editor.person_id, at=utcnow()))
        db.commit()


def gate_overrides(engine: Engine, plan_id: int) -> list[GateOverride]:
    with Session(engine) as db:
        return list(db.exec(select(GateOverride).where(GateOverride.plan_id == plan_id)
                            .order_by(GateOverride.at)))


def lag_options(engine: Engine) -> list[tuple[str, str]]:
    """The LAGs for the `lag` choice (``options_from: lags``): LAGs are data."""
    with Session(engine) as db:
        return [(str(lag.id), lag.name) for lag in db.exec(select(Lag).order_by(Lag.id))]


def list_plans(engine: Engine) -> list[tuple[Plan, Community, Lag]]:
    with Session(engine) as db:
        rows = db.exec(select(Plan, Community, Lag).join(Community, Plan.community_id == Community.id)
                       .join(Lag, Community.lag_id == Lag.id).order_by(Lag.id, Community.name)).all()
        db.expunge_all()
        return list(rows)
