"""Staff screens: communities and their plans, inviting staff (the invitation link is shown to
copy: the app sends no e-mail), an administrator's password-reset link, and the audit log.
Each list shows only what the person reaches; each id from a form is checked."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from app.db import get_engine
from app.people import accounts, audit, invitations
from app.people.access import all_roles
from app.people.errors import InvalidInput, PeopleError
from app.people.joincodes import clean_name
from app.people.staff import (check_invite_lag, communities_in_reach, community_choices,
                              create_community as new_community, create_plan_for, lags_in_reach, staff_in_reach)
from app.plan.catalogue import get_template
from app.plan.errors import NotFound
from app.plan.permissions import ROLE_LABELS, Role, can_any, invitable_roles
from app.plan.services import STATUS_LABELS
from app.web.auth import allow
from app.web.params import Id, parse_id
from app.web.messages import form_errors
from app.web.templating import render, request_lang

router = APIRouter()


def _municipalities(request: Request) -> list[tuple[str, str]]:
    """The municipalities the plan template knows (a community's one pre-fills its plan)."""
    field = get_template().fields.get("municipality")
    lang = request_lang(request)
    return [(o.value, o.label.get(lang)) for o in field.options] if field else []


def _home(request: Request, status: int = 200, **extra: object) -> Response:
    engine = get_engine()
    grants = request.state.visitor.grants
    roles = all_roles(grants)
    lags = lags_in_reach(engine, grants)
    communities = communities_in_reach(engine, grants)
    context = {
        "lags": lags, "communities": communities, "staff": staff_in_reach(engine, grants) if lags else [],
        "pending": invitations.pending_in_reach(engine, grants, request.state.visitor.person_id) if lags else [],
        "role_labels": ROLE_LABELS, "invitable": invitable_roles(roles),
        "can": lambda action: can_any(roles, action), "errors": {}, "form": {}, "invite": {},
        "statuses": STATUS_LABELS, "municipalities": _municipalities(request),
        "community_options": community_choices([v for v in communities if v.lag.id in {lag.id for lag in lags}],
                                               request_lang(request)),
        "lag_options": [(lag.id, lag.name) for lag in lags],
        "role_options": [(r.value, ROLE_LABELS[r][1 if request_lang(request) == "en" else 0])
                         for r in invitable_roles(roles)],
    }
    context.update(extra)
    return render(request, "admin/index.html", context, status_code=status)


@router.get("/darbuotojai", dependencies=[allow("staff.home")])
def show_staff_home(request: Request) -> Response:
    """The staff page: communities and plans in reach, staff, and the forms to add them."""
    return _home(request)


@router.post("/darbuotojai/bendruomenes", dependencies=[allow("community.create")])
async def create_community(request: Request) -> Response:
    """Add a community organisation to a LAG the person manages."""
    form = await request.form()
    values = {k: str(form.get(k) or "")[:300] for k in ("lag_id", "community_name", "municipality", "eldership")}
    try:
        new_community(get_engine(), request.state.visitor.grants, request.state.visitor.person_id,
                      parse_id(values["lag_id"]), values["community_name"], values["municipality"],
                      values["eldership"])
    except PeopleError as exc:
        return _home(request, 422, form=values, **form_errors(exc))
    return RedirectResponse("/darbuotojai#bendruomenes", status_code=303)


@router.post("/darbuotojai/planai", dependencies=[allow("plan.create")])
async def add_plan(request: Request) -> Response:
    """Start a plan for a community; its team page comes next (join codes, facilitators)."""
    form = await request.form()
    try:
        plan_id = create_plan_for(get_engine(), request.state.visitor.grants, request.state.visitor.person_id,
                                  parse_id(form.get("community_id")))
    except PeopleError as exc:
        return _home(request, 422, **form_errors(exc))
    return RedirectResponse(f"/plans/{plan_id}/komanda", status_code=303)


@router.post("/darbuotojai/kvietimai", dependencies=[allow("invite.facilitator")])
async def invite_staff(request: Request) -> Response:
    """Invite a staff member to one role the person may give; show the link to pass on. The
    answer is the same whether the e-mail is new, pending or has an account."""
    form = await request.form()
    visitor = request.state.visitor
    values = {k: str(form.get(k) or "")[:300] for k in ("name", "email", "role", "lag_id")}
    engine = get_engine()
    try:
        name = clean_name(values["name"], "name", 120)
        try:
            role = Role(values["role"])
        except ValueError:
            raise InvalidInput("role", "role") from None
        if role not in invitable_roles(all_roles(visitor.grants)):
            raise InvalidInput("role", "role")
        lag_id = check_invite_lag(engine, visitor.grants, role, parse_id(values["lag_id"]),
                                  given=bool(values["lag_id"].strip()))
        _, token = accounts.invite(engine, visitor.person_id, name, values["email"], role, lag_id)
    except PeopleError as exc:
        return _home(request, 422, invite=values, **form_errors(exc))
    return render(request, "admin/link.html", {"purpose": "invite", "name": name,
                                               "link": f"{str(request.base_url).rstrip('/')}/kvietimas/{token}",
                                               "email": values["email"].strip().lower()})


@router.post("/darbuotojai/kvietimai/{invitation_id}/atsaukti", dependencies=[allow("invite.facilitator")])
def withdraw_invitation(invitation_id: str, request: Request) -> Response:
    """Stop an open invitation working (its inviter, or whoever may give that role there)."""
    if not invitations.withdraw(get_engine(), request.state.visitor.person_id, invitation_id):
        raise NotFound(invitation_id)
    return RedirectResponse("/darbuotojai#pending-h", status_code=303)


@router.post("/darbuotojai/zmones/{person_id}/atkurti", dependencies=[allow("password.reset_link")])
def create_reset_link(person_id: Id, request: Request) -> Response:
    """An administrator's one-time link for a staff member to set a new password."""
    token = accounts.reset_link(get_engine(), request.state.visitor.person_id, person_id)
    if token is None:
        raise NotFound(str(person_id))
    holder = accounts.token_holder(get_engine(), token)
    return render(request, "admin/link.html", {"purpose": "reset", "name": holder.name, "email": holder.email,
                                               "link": f"{str(request.base_url).rstrip('/')}/kvietimas/{token}"})


@router.get("/darbuotojai/zurnalas", dependencies=[allow("audit.view")])
def show_audit(request: Request) -> Response:
    """The audit log: staff and signed-in people's events, newest first, and below them the
    anonymous failures counted per hour."""
    engine = get_engine()
    return render(request, "admin/audit.html", {"events": audit.recent(engine),
                                                "anonymous": audit.anonymous_summary(engine)})
