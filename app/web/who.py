""""Kas dabar rašo?": what the shared-laptop control in the page header shows. Read lazily, so
only pages that draw the header pay for the team list (autosave replies do not)."""
from __future__ import annotations

from functools import cached_property

from sqlalchemy.engine import Engine

from app.people.access import plan_people
from app.people.sessions import Visitor
from app.plan.permissions import Role


class WhoWrites:
    """The signed-in person, the team members of the plan, and who types now, for whom."""

    def __init__(self, engine: Engine, plan_id: int, visitor: Visitor, can_switch: bool,
                 can_manage_team: bool = False):
        self.engine, self.plan_id, self.visitor = engine, plan_id, visitor
        self.can_switch, self.can_manage_team = can_switch, can_manage_team
        here = visitor.writer_plan_id == plan_id
        self.current_id = (visitor.writer_id if here else None) or visitor.person_id
        self.on_behalf_of = visitor.on_behalf_of if here else None

    @cached_property
    def people(self) -> list[tuple[int, str]]:
        """Whom the next edit can be attributed to: the signed-in person first, then the team."""
        team = [(p.id, p.name) for p in plan_people(self.engine, self.plan_id, Role.TEAM_MEMBER)]
        return [(self.visitor.person_id, self.visitor.name)] + [t for t in team if t[0] != self.visitor.person_id]

    @property
    def current_name(self) -> str:
        return next((name for pid, name in self.people if pid == self.current_id), self.visitor.name)
