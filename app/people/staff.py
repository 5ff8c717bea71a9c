"""What the staff screens do: communities and plans within a person's reach, the staff they
see, and facilitators assigned to plans. Every id that comes from a form (parsed and
range-checked by the route: None when it cannot be one) is checked against the person's reach
here (a forged id is "not found", never someone else's data)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db import write_lock
from app.models import Community, Lag, Person, Plan
from app.models_people import Credential, Membership
from app.people import audit
from app.people.access import (Grant, add_membership, facilitators_for, reachable_lags, remove_membership,
                               roles_on)
from app.people.errors import InvalidInput
from app.people.joincodes import clean_name
from app.plan.catalogue import get_template
from app.plan.permissions import ROLE_REACH, Role
from app.plan.services import create_plan


#: The plan template's field whose options name the municipalities a community may be in.
MUNICIPALITY_FIELD = "municipality"


def municipality_label(value: str, lang: str = "lt") -> str:
    """A stored municipality as people read it: its option's label ("kelme" → "Kelmės rajono
    savivaldybė"); a value the template does not know is shown as it was stored."""
    field_ = get_template().fields.get(MUNICIPALITY_FIELD)
    return field_.option_label(value, lang) if field_ and value else value or ""


def community_place(community: Community, lang: str = "lt") -> str:
    """Where a community is: "Kelmės rajono savivaldybė, Kražių seniūnija" (what is known)."""
    return ", ".join(p for p in (municipality_label(community.municipality, lang), community.eldership) if p)


def name_key(name: str) -> str:
    """A community's name as compared for sameness: without case, accents, quotes or extra
    spaces ("Pašilės  kaimo bendruomenė" = "pasiles kaimo Bendruomene")."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\"'„“”‚‘’«»]", " ", plain).casefold().split())


@dataclass
class CommunityView:
    community: Community
    lag: Lag
    plans: list[Plan] = field(default_factory=list)

    def place(self, lang: str = "lt") -> str:
        """The LAG and where the community is: tells two communities of one name apart."""
        return ", ".join(p for p in (self.lag.short_name or self.lag.name, community_place(self.community, lang)) if p)


def community_choices(views: list[CommunityView], lang: str = "lt") -> list[tuple[int, str]]:
    """(id, text) for a list to pick a community from; a name that several communities share
    carries its LAG and place: "Pašilės kaimo bendruomenė (Kelmės VVG, Kelmės rajono savivaldybė)"."""
    counts = Counter(name_key(v.community.name) for v in views)
    return [(v.community.id, f"{v.community.name} ({v.place(lang)})" if counts[name_key(v.community.name)] > 1
             else v.community.name) for v in views]


def lags_in_reach(engine: Engine, grants: tuple[Grant, ...]) -> list[Lag]:
    """The LAGs a person manages."""
    with Session(engine) as db:
        lags = db.exec(select(Lag).order_by(Lag.id)).all()
        db.expunge_all()
    ids = set(reachable_lags(grants, [lag.id for lag in lags]))
    return [lag for lag in lags if lag.id in ids]


def communities_in_reach(engine: Engine, grants: tuple[Grant, ...]) -> list[CommunityView]:
    """Communities with the plans this person can open (for LAG staff: their LAG's)."""
    out: dict[int, CommunityView] = {}
    with Session(engine) as db:
        rows = db.exec(select(Community, Lag).join(Lag, Community.lag_id == Lag.id)
                       .order_by(Lag.id, Community.name)).all()
        plans = db.exec(select(Plan).order_by(Plan.id)).all()
        db.expunge_all()
    managed = {lag.id for lag in lags_in_reach(engine, grants)}
    for community, lag in rows:
        if lag.id in managed:
            out[community.id] = CommunityView(community, lag)
    for plan in plans:
        view = out.get(plan.community_id)
        if view is None:
            community = next((c for c, _ in rows if c.id == plan.community_id), None)
            lag = next((lg for c, lg in rows if c.id == plan.community_id), None)
            if community is None or not roles_on(grants, plan.id, community.id, lag.id):
                continue
            view = out.setdefault(community.id, CommunityView(community, lag))
        view.plans.append(plan)
    return list(out.values())


def create_community(engine: Engine, grants: tuple[Grant, ...], person_id: int, lag_id: int | None,
                     name: str, municipality: str, eldership: str) -> int:
    """A community organisation in a LAG the person manages; refused when the LAG already has
    one of the same name (``name_key``): two entries nobody can tell apart would split plans."""
    lag = _lag(engine, grants, lag_id)
    name = clean_name(name, "community_name", 200)
    with write_lock(engine), Session(engine) as db:
        key = name_key(name)
        same = next((c for c in db.exec(select(Community.name).where(Community.lag_id == lag.id)).all()
                     if name_key(c) == key), None)
        if same is not None:
            raise InvalidInput("community_taken", "community_name", name=same)
        community = Community(lag_id=lag.id, name=name, municipality=_plain(municipality)[:100],
                              eldership=_plain(eldership)[:100])
        db.add(community)
        db.commit()
        db.refresh(community)
    audit.record(engine, "community.create", person_id, detail=f"{community.id} {name}")
    return community.id


def _plain(text: str) -> str:
    """Optional text as stored: printable, single-spaced."""
    return " ".join("".join(ch for ch in text or "" if ch.isprintable()).split())


def create_plan_for(engine: Engine, grants: tuple[Grant, ...], person_id: int, community_id: int | None) -> int:
    """A new plan for a community in a LAG the person manages."""
    if community_id is None:
        raise InvalidInput("community", "community_id")
    with Session(engine) as db:
        community = db.get(Community, community_id)
    if community is None or community.lag_id not in {lag.id for lag in lags_in_reach(engine, grants)}:
        raise InvalidInput("community", "community_id")
    plan_id = create_plan(engine, community_id)
    audit.record(engine, "plan.create", person_id, detail=f"{plan_id} community {community_id}")
    return plan_id


def _lag(engine: Engine, grants: tuple[Grant, ...], lag_id: int | None) -> Lag:
    for lag in lags_in_reach(engine, grants):
        if lag_id is not None and lag.id == lag_id:
            return lag
    raise InvalidInput("lag", "lag_id")


def check_invite_lag(engine: Engine, grants: tuple[Grant, ...], role: Role, lag_id: int | None,
                     given: bool = True) -> int | None:
    """The LAG an invited staff member works in: required for facilitators and LAG staff, and
    within the inviter's reach; coordinators and administrators may have none (``given``:
    something was chosen at all, so a forged value is refused rather than ignored)."""
    if ROLE_REACH[role] == "all" and not given:
        return None
    return _lag(engine, grants, lag_id).id


@dataclass
class StaffView:
    person: Person
    roles: list[tuple[str, str]]  # (role, LAG short name or "")
    has_password: bool


def staff_in_reach(engine: Engine, grants: tuple[Grant, ...]) -> list[StaffView]:
    """Staff the person may see: everyone for coordinators and administrators, otherwise the
    staff of their own LAGs."""
    lags = {lag.id: lag.short_name or lag.name for lag in lags_in_reach(engine, grants)}
    everyone = any(ROLE_REACH[g.role] == "all" for g in grants)
    with Session(engine) as db:
        rows = db.exec(select(Person, Membership, Credential).join(Membership, Membership.person_id == Person.id)
                       .outerjoin(Credential, Credential.person_id == Person.id)
                       .where(Person.email.is_not(None)).order_by(Person.name, Person.id)).all()
        db.expunge_all()
    out: dict[int, StaffView] = {}
    for person, m, cred in rows:
        if not everyone and m.lag_id not in lags:
            continue
        view = out.setdefault(person.id, StaffView(person, [], bool(cred and cred.password_hash)))
        if m.plan_id is None:
            view.roles.append((m.role, lags.get(m.lag_id, "") if m.lag_id else ""))
    return list(out.values())


def assign_facilitator(engine: Engine, actor_id: int, plan_id: int, lag_id: int, person_id: str,
                       assign: bool = True) -> None:
    """Assign a facilitator of the plan's LAG to the plan (or take them off it)."""
    candidates = {p.id for p in facilitators_for(engine, lag_id)}
    try:
        pid = int(person_id)
    except (TypeError, ValueError):
        raise InvalidInput("facilitator", "person_id") from None
    if pid not in candidates:
        raise InvalidInput("facilitator", "person_id")
    if assign:
        add_membership(engine, pid, Role.FACILITATOR, lag_id=lag_id, plan_id=plan_id, created_by=actor_id)
    else:
        remove_membership(engine, pid, Role.FACILITATOR, plan_id)
    audit.record(engine, "facilitator.assign" if assign else "facilitator.unassign", actor_id,
                 detail=f"plan {plan_id} person {pid}")
