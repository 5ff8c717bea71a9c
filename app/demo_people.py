"""Demo accounts for ``python -m app demo``: one person for every role, a facilitator assigned
to two plans, a small team, and a join code. The password is drawn anew each time and printed
in the console only (it is in no file); a demo server that others can reach stays closed."""
from __future__ import annotations

import secrets

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.models import Community, Lag, Person, Plan
from app.models_people import Credential
from app.people.access import add_membership
from app.people.joincodes import create_code, shown
from app.people.passwords import hash_secret
from app.plan.permissions import Role

DOMAIN = "plano.demo"
LAG_SLUGS = {"Kelmės VVG": "kelme", "Pakruojo VVG": "pakruojis", "Anykščių VVG": "anyksciai"}
TEAM = [("Ona Petraitienė", "2580"), ("Jonas Kazlauskas", None), ("Rasa Jankauskienė", None)]


def _person(db: Session, name: str, email: str | None, password: str | None, pin: str | None = None) -> int:
    person = Person(name=name, email=email)
    db.add(person)
    db.flush()
    if password or pin:
        db.add(Credential(person_id=person.id, password_hash=hash_secret(password) if password else None,
                          pin_hash=hash_secret(pin) if pin else None))
    return person.id


def load_people(engine: Engine) -> list[str]:
    """Create the demo accounts on the demo LAGs and plans; return the console lines."""
    password = f"demo-{secrets.token_urlsafe(6)}"
    with Session(engine) as db:
        lags = db.exec(select(Lag).order_by(Lag.id)).all()
        db.expunge_all()  # plain values below, past the commit
        plans = db.exec(select(Plan.id, Community.lag_id).join(Community, Plan.community_id == Community.id)
                        .order_by(Plan.id)).all()
        plan_of_lag = {lag_id: plan_id for plan_id, lag_id in reversed(plans)}
        coordinating = next((lag for lag in lags if lag.is_coordinator), lags[0])
        accounts: list[tuple[str, str, str]] = []  # (role text, name, e-mail)
        admin = _person(db, "Aldona Administratorė", f"administratorius@{DOMAIN}", password)
        accounts.append(("administratorius", "Aldona Administratorė", f"administratorius@{DOMAIN}"))
        coordinator = _person(db, "Kęstutis Koordinatorius", f"koordinatorius@{DOMAIN}", password)
        accounts.append((f"koordinatorius ({coordinating.short_name})", "Kęstutis Koordinatorius",
                         f"koordinatorius@{DOMAIN}"))
        staff = []
        for lag in lags:
            slug = LAG_SLUGS.get(lag.short_name, f"vvg{lag.id}")
            name = f"{lag.short_name} darbuotoja"
            staff.append((_person(db, name, f"vvg-{slug}@{DOMAIN}", password), lag.id))
            accounts.append((f"VVG darbuotojas ({lag.short_name})", name, f"vvg-{slug}@{DOMAIN}"))
        facilitator = _person(db, "Milda Moderatorė", f"moderatorius@{DOMAIN}", password)
        team = [(_person(db, name, None, None, pin), name, pin) for name, pin in TEAM]
        db.commit()

    add_membership(engine, admin, Role.ADMIN)
    add_membership(engine, coordinator, Role.COORDINATOR, lag_id=coordinating.id)
    for person_id, lag_id in staff:
        add_membership(engine, person_id, Role.LAG_STAFF, lag_id=lag_id, created_by=admin)
    first_two = [(lag.id, plan_of_lag[lag.id]) for lag in lags if lag.id in plan_of_lag][:2]
    add_membership(engine, facilitator, Role.FACILITATOR, lag_id=coordinating.id, created_by=admin)
    for lag_id, plan_id in first_two:
        add_membership(engine, facilitator, Role.FACILITATOR, lag_id=lag_id, plan_id=plan_id, created_by=admin)
    accounts.append((f"moderatorius (planai Nr. {', '.join(str(p) for _, p in first_two)})", "Milda Moderatorė",
                     f"moderatorius@{DOMAIN}"))
    team_plan = first_two[0][1] if first_two else None
    lines = ["", "Demonstracinės paskyros (prisijungimas: /prisijungti):"]
    lines += [f"  • {role}: {name} – {email}" for role, name, email in accounts]
    lines.append(f"  Slaptažodis visoms: {password}   (rodomas tik čia; kitą kartą bus kitas)")
    if team_plan:
        for person_id, _, _ in team:
            add_membership(engine, person_id, Role.TEAM_MEMBER, plan_id=team_plan, created_by=facilitator)
        code = create_code(engine, team_plan, facilitator, 30)
        lines.append(f"Komandos nariai (plano Nr. {team_plan}): "
                     + ", ".join(f"{name}{f' (PIN {pin})' if pin else ''}" for _, name, pin in team))
        lines.append(f"Komandos kodas planui Nr. {team_plan}: {shown(code.code)}  (įrašykite adresu /kodas; "
                     "galioja 30 dienų)")
    return lines
