"""Memberships and what they open: which roles a person has on a plan, which plans a person
sees, who is in a plan's team. Reach per role is declared in ``app.plan.permissions``."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db import write_lock
from app.models import Community, Lag, Person, Plan
from app.models_people import Membership
from app.people import clock
from app.people.errors import InvalidInput
from app.plan.permissions import ROLE_REACH, Role

membership_t = Membership.__table__
MAX_TEAM = 60  # team members per plan: a village meeting, not a crowd a script can create


@dataclass(frozen=True)
class Grant:
    """One membership, as much as access needs."""

    role: Role
    lag_id: int | None = None
    community_id: int | None = None
    plan_id: int | None = None

    def reaches(self, plan_id: int, community_id: int, lag_id: int) -> bool:
        """Does this membership open the plan at all?"""
        reach = ROLE_REACH[self.role]
        if reach == "all":
            return True
        if reach == "lag":
            return self.lag_id == lag_id
        if self.plan_id is not None:
            return self.plan_id == plan_id
        return self.community_id is not None and self.community_id == community_id


def grants_of(engine: Engine, person_id: int) -> tuple[Grant, ...]:
    """Every membership of a person."""
    with engine.connect() as conn:
        rows = conn.execute(sa_select(membership_t.c.role, membership_t.c.lag_id, membership_t.c.community_id,
                                      membership_t.c.plan_id).where(membership_t.c.person_id == person_id))
        return tuple(Grant(Role(r.role), r.lag_id, r.community_id, r.plan_id) for r in rows)


def roles_on(grants: tuple[Grant, ...], plan_id: int, community_id: int, lag_id: int) -> set[Role]:
    """The roles a person has on one plan (empty: the plan does not exist for them)."""
    return {g.role for g in grants if g.reaches(plan_id, community_id, lag_id)}


def all_roles(grants: tuple[Grant, ...]) -> set[Role]:
    """Every role a person has anywhere (for actions about no particular plan)."""
    return {g.role for g in grants}


def reachable_lags(grants: tuple[Grant, ...], lag_ids: list[int]) -> list[int]:
    """The LAGs a person manages (LAG staff: their own; coordinators, administrators: all)."""
    if any(ROLE_REACH[g.role] == "all" for g in grants):
        return list(lag_ids)
    own = {g.lag_id for g in grants if ROLE_REACH[g.role] == "lag"}
    return [i for i in lag_ids if i in own]


def visible_plans(engine: Engine, grants: tuple[Grant, ...]) -> list[tuple[Plan, Community, Lag]]:
    """The plans a person may open, grouped by LAG, each with its community and LAG."""
    with Session(engine) as db:
        rows = db.exec(select(Plan, Community, Lag).join(Community, Plan.community_id == Community.id)
                       .join(Lag, Community.lag_id == Lag.id).order_by(Lag.id, Community.name, Plan.id)).all()
        db.expunge_all()
    return [(p, c, lag) for p, c, lag in rows if roles_on(grants, p.id, c.id, lag.id)]


def add_membership(engine: Engine, person_id: int, role: Role, *, lag_id: int | None = None,
                   community_id: int | None = None, plan_id: int | None = None,
                   created_by: int | None = None) -> None:
    """Give a person a role (nothing happens if they have exactly this one already)."""
    with write_lock(engine), Session(engine) as db:
        existing = db.exec(select(Membership).where(
            Membership.person_id == person_id, Membership.role == role.value, Membership.lag_id == lag_id,
            Membership.community_id == community_id, Membership.plan_id == plan_id)).first()
        if existing is None:
            db.add(Membership(person_id=person_id, role=role.value, lag_id=lag_id, community_id=community_id,
                              plan_id=plan_id, created_by=created_by, created_at=clock.now()))
            db.commit()


def remove_membership(engine: Engine, person_id: int, role: Role, plan_id: int) -> None:
    """Take a plan role away (a facilitator no longer assigned to the plan)."""
    with write_lock(engine), Session(engine) as db:
        for m in db.exec(select(Membership).where(Membership.person_id == person_id,
                                                  Membership.role == role.value, Membership.plan_id == plan_id)):
            db.delete(m)
        db.commit()


def plan_people(engine: Engine, plan_id: int, role: Role) -> list[Person]:
    """The people holding a role on exactly this plan (its team members, its facilitators)."""
    with Session(engine) as db:
        people = db.exec(select(Person).join(Membership, Membership.person_id == Person.id).where(
            Membership.plan_id == plan_id, Membership.role == role.value).order_by(Person.name, Person.id)).all()
        db.expunge_all()
        return _unique(people)


def facilitators_for(engine: Engine, lag_id: int) -> list[Person]:
    """Facilitators who work in a LAG (or in every LAG), for assigning to a plan there."""
    with Session(engine) as db:
        people = db.exec(select(Person).join(Membership, Membership.person_id == Person.id).where(
            Membership.role == Role.FACILITATOR.value,
            (Membership.lag_id == lag_id) | (Membership.lag_id.is_(None))).order_by(Person.name)).all()
        db.expunge_all()
        return _unique(people)


def _unique(people: list[Person]) -> list[Person]:
    seen: set[int] = set()
    return [p for p in people if not (p.id in seen or seen.add(p.id))]


def team_member_named(engine: Engine, plan_id: int, name: str, created_by: int | None) -> int:
    """On a shared laptop: the team member of this plan with this name, added if new (while
    the team has room: InvalidInput "team_full" on ``new_name`` past MAX_TEAM)."""
    with write_lock(engine), Session(engine) as db:
        for person in db.exec(select(Person).join(Membership, Membership.person_id == Person.id).where(
                Membership.plan_id == plan_id, Membership.role == Role.TEAM_MEMBER.value)):
            if person.name.casefold() == name.casefold():
                return person.id
        person_id = add_team_member(db, plan_id, name, created_by, "new_name")
        db.commit()
        return person_id


def add_team_member(db: Session, plan_id: int, name: str, created_by: int | None, field: str) -> int:
    """A new person in the plan's team, in the caller's transaction; InvalidInput "team_full"
    (on ``field``) when the team already has MAX_TEAM members. The plan row is locked first
    (PostgreSQL) so two app processes cannot both take the last place."""
    db.exec(select(Plan.id).where(Plan.id == plan_id).with_for_update()).first()
    size = db.exec(select(func.count()).select_from(Membership).where(
        Membership.plan_id == plan_id, Membership.role == Role.TEAM_MEMBER.value)).one()
    if size >= MAX_TEAM:
        raise InvalidInput("team_full", field, limit=MAX_TEAM)
    now = clock.now()
    person = Person(name=name, created_at=now)
    db.add(person)
    db.flush()
    db.add(Membership(person_id=person.id, role=Role.TEAM_MEMBER.value, plan_id=plan_id,
                      created_by=created_by, created_at=now))
    return person.id
