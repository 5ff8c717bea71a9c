"""Who may do what: ONE declared table of role × action × plan status (DESIGN.md rule 7).

A row names an action; each role it lists may do it in the plan statuses given. Actions about
no particular plan (the staff screens) use ``NO_PLAN``. ``public`` is the only action open to
anonymous visitors. Every route declares its action (``app/web/auth.allow``), and a test walks
every route × role × status against this table.

Where a role reaches (``ROLE_REACH``) decides which plans a membership opens at all; a plan a
person does not reach is answered 404, never 403, so its existence stays hidden.
"""
from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    TEAM_MEMBER = "team_member"
    FACILITATOR = "facilitator"
    LAG_STAFF = "lag_staff"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


TM, F, LS, C, A = Role.TEAM_MEMBER, Role.FACILITATOR, Role.LAG_STAFF, Role.COORDINATOR, Role.ADMIN
STAFF_ROLES = (F, LS, C, A)  # sign in with e-mail and password; team members join with a code

ROLE_LABELS = {
    TM: ("komandos narys", "team member"),
    F: ("moderatorius", "facilitator"),
    LS: ("VVG darbuotojas", "LAG staff"),
    C: ("koordinatorius", "coordinator"),
    A: ("administratorius", "administrator"),
}

# which plans a membership opens: its plan (or its community's plans), its LAG's plans, or all
ROLE_REACH = {TM: "plan", F: "plan", LS: "lag", C: "all", A: "all"}

STATUSES = ("draft", "review", "returned", "approved")  # the keys of services.STATUS_LABELS
ANY = STATUSES
OPEN = ("draft", "review", "returned")  # an approved plan is frozen: changes go through the workflow
TEAM_OPEN = ("draft", "returned")  # a submitted plan waits for the facilitator: the team reads it
NO_PLAN = (None,)
PUBLIC = "public"

PERMISSIONS: dict[str, dict[Role, tuple[str | None, ...]]] = {
    # the plan itself (every URL under /plans/{plan_id})
    "plan.view":        {TM: ANY, F: ANY, LS: ANY, C: ANY, A: ANY},
    "plan.edit":        {TM: TEAM_OPEN, F: OPEN, LS: OPEN, A: OPEN},
    "plan.export":      {TM: ANY, F: ANY, LS: ANY, C: ANY, A: ANY},
    "plan.writer":      {TM: OPEN, F: OPEN, LS: OPEN, A: OPEN},   # "Kas dabar rašo?" on a shared laptop
    "team.manage":      {F: OPEN, LS: OPEN, C: OPEN, A: OPEN},     # join codes, the team list
    "facilitator.assign": {LS: ANY, C: ANY, A: ANY},
    # the workflow (app/plan/workflow.py: each transition names one of these)
    "plan.submit":      {TM: TEAM_OPEN, F: TEAM_OPEN, LS: TEAM_OPEN, A: TEAM_OPEN},
    "plan.return":      {F: ("review",), LS: ("review",), A: ("review",)},
    "plan.approve":     {F: ("review",), LS: ("review",), A: ("review",)},
    "plan.reopen":      {LS: ("approved",), C: ("approved",), A: ("approved",)},
    "session.close":    {F: OPEN, LS: OPEN, A: OPEN},      # closing or reopening a workshop session
    "section.review":   {F: OPEN, LS: OPEN, A: OPEN},      # a section's mark: reviewed, approved
    # comments (never in the DOCX); the team replies and resolves while it may edit
    "comment.add":      {TM: TEAM_OPEN, F: ANY, LS: ANY, C: ANY, A: ANY},
    "comment.resolve":  {TM: TEAM_OPEN, F: ANY, LS: ANY, C: ANY, A: ANY},
    # versions: a named point any time; restoring one writes changes, so only where editing may
    "version.create":   {TM: TEAM_OPEN, F: ANY, LS: ANY, A: ANY},
    "version.restore":  {TM: TEAM_OPEN, F: OPEN, LS: OPEN, A: OPEN},
    # no particular plan
    "plans.list":       {TM: NO_PLAN, F: NO_PLAN, LS: NO_PLAN, C: NO_PLAN, A: NO_PLAN},
    "account.password": {F: NO_PLAN, LS: NO_PLAN, C: NO_PLAN, A: NO_PLAN},
    "staff.home":       {F: NO_PLAN, LS: NO_PLAN, C: NO_PLAN, A: NO_PLAN},
    "community.create": {LS: NO_PLAN, C: NO_PLAN, A: NO_PLAN},
    "plan.create":      {LS: NO_PLAN, C: NO_PLAN, A: NO_PLAN},
    "invite.facilitator": {LS: NO_PLAN, C: NO_PLAN, A: NO_PLAN},
    "invite.lag_staff": {C: NO_PLAN, A: NO_PLAN},
    "invite.coordinator": {A: NO_PLAN},
    "invite.admin":     {A: NO_PLAN},
    "password.reset_link": {A: NO_PLAN},
    "audit.view":       {C: NO_PLAN, A: NO_PLAN},
    "notices.view":     {TM: NO_PLAN, F: NO_PLAN, LS: NO_PLAN, C: NO_PLAN, A: NO_PLAN},
    "comments.list":    {F: NO_PLAN, LS: NO_PLAN, C: NO_PLAN, A: NO_PLAN},  # open comments across my plans
    "plans.zip":        {LS: NO_PLAN, C: NO_PLAN, A: NO_PLAN},  # one ZIP of the approved plans in reach
    "project.report":   {C: NO_PLAN, A: NO_PLAN},  # the founding project's targets, CSV and XLSX
}

PLAN_ACTIONS = frozenset(a for a, row in PERMISSIONS.items() if None not in
                         {s for statuses in row.values() for s in statuses})


def can(role: Role | str | None, action: str, status: str | None = None) -> bool:
    """May ``role`` (None: anonymous) do ``action`` on a plan in ``status`` (None: no plan)?"""
    if action == PUBLIC:
        return True
    if role is None or action not in PERMISSIONS:
        return False
    return status in PERMISSIONS[action].get(Role(role), ())


def can_any(roles: set[Role] | set[str], action: str, status: str | None = None) -> bool:
    """A person with several roles may do what any of them may."""
    return any(can(role, action, status) for role in roles)


def invitable_roles(roles: set[Role] | set[str]) -> list[Role]:
    """The staff roles this person may invite (one ``invite.<role>`` action each)."""
    return [r for r in STAFF_ROLES if can_any(roles, f"invite.{r.value}")]
