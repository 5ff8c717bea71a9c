"""Invitations are their own records for one role: a second invitation never reuses another's
link or sets another's password, the inviter's page says the same whether the e-mail is new,
pending or has an account, an existing account gains the role only when its owner signs in and
accepts, and acceptance checks again that the inviter may still grant the role."""
from __future__ import annotations

import re

from sqlmodel import Session, select

from app.models import Person
from app.models_people import Invitation, Membership
from app.people.access import grants_of, Grant
from app.plan.permissions import Role
from app.web.auth import SESSION_COOKIE
from tests.auth.test_sign_in import sign_in
from tests.factories import lag_of_plan, link_in, login_as, make_member

GOOD = "ilgas slaptažodis 1"


def invite(client, name: str, email: str, role: str, lag_id: int | None = None):  # noqa: ANN001, ANN201
    return client.post("/darbuotojai/kvietimai", data={"name": name, "email": email, "role": role,
                                                       "lag_id": str(lag_id or "")})


def browser(client):  # noqa: ANN001, ANN201
    return type(client)(client.app)


def csrf(client, url: str) -> str:  # noqa: ANN001
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text).group(1)


def set_password(client, link: str, password: str = GOOD):  # noqa: ANN001, ANN201
    return client.post(link, data={"csrf_token": csrf(client, link), "password": password, "repeat": password},
                       follow_redirects=False)


def memberships(engine) -> list[tuple]:  # noqa: ANN001
    with Session(engine) as db:
        return sorted((m.person_id, m.role, m.lag_id, m.plan_id) for m in db.exec(select(Membership)))


def test_a_second_invitation_cannot_take_over_a_pending_administrator(client, engine, two_lags) -> None:
    a, _ = two_lags
    login_as(client, "admin")
    link_admin = link_in(invite(client, "Vadovė Vadovaitė", "vadove@example.lt", "admin").text)
    staff = browser(client)
    login_as(staff, "lag_staff", plan=a)
    link_staff = link_in(invite(staff, "Vadovė", "vadove@example.lt", "facilitator", lag_of_plan(engine, a)).text)
    assert link_staff != link_admin
    before = memberships(engine)
    holder = browser(client)  # whoever holds the LAG staff's link
    page = holder.get(link_staff).text
    assert "administratorius" not in page and 'name="password"' not in page
    r = set_password(holder, link_staff)
    assert r.status_code == 409 and SESSION_COOKIE not in holder.cookies
    assert sign_in(browser(client), "vadove@example.lt", GOOD).status_code == 401  # no password was set
    assert memberships(engine) == before  # no role for anyone
    # the administrator's own link still works for the person it was given to, with its one role
    real = browser(client)
    assert set_password(real, link_admin, "tikrasis slaptažodis").status_code == 303
    with Session(engine) as db:
        vadove = db.exec(select(Person.id).where(Person.email == "vadove@example.lt")).one()
    assert grants_of(engine, vadove) == (Grant(Role.ADMIN),)
    # now the LAG staff's link asks for that account: it sets no password, adds no role
    assert set_password(holder, link_staff).status_code == 409
    assert sign_in(browser(client), "vadove@example.lt", GOOD).status_code == 401
    assert grants_of(engine, vadove) == (Grant(Role.ADMIN),)


def test_inviting_an_existing_account_reads_like_a_new_one_and_adds_no_role(client, engine, two_lags) -> None:
    a, _ = two_lags
    owner = make_member(engine, "facilitator", plan=a, name="Esama Moderatorė", password=GOOD)
    with Session(engine) as db:
        email = db.get(Person, owner).email
    login_as(client, "admin")
    lag = lag_of_plan(engine, a)
    fresh = invite(client, "Kažkas", "naujas@example.lt", "lag_staff", lag)
    known = invite(client, "Kažkas", email, "lag_staff", lag)
    assert fresh.status_code == known.status_code == 200

    def plain(r, address: str) -> str:  # noqa: ANN001
        return re.sub(r"/kvietimas/[^\"]+|[0-9a-f]{40}", "", r.text.replace(address, ""))

    assert plain(fresh, "naujas@example.lt") == plain(known, email)
    assert grants_of(engine, owner) == (Grant(Role.FACILITATOR, lag, plan_id=a),)
    # the owner signs in as usual, comes back to the link and accepts
    link = link_in(known.text)
    owner_browser = browser(client)
    page = owner_browser.get(link).text
    assert 'name="password"' not in page and f"/prisijungti?next={link}" in page
    r = sign_in(owner_browser, email, GOOD, next=link)
    assert r.status_code == 303 and r.headers["location"] == link
    assert grants_of(engine, owner) == (Grant(Role.FACILITATOR, lag, plan_id=a),)
    page = owner_browser.get(link).text
    assert "Priimti kvietimą" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = owner_browser.post(link, data={"csrf_token": token, "accept": "1"}, follow_redirects=False)
    assert r.status_code == 303
    assert set(grants_of(engine, owner)) == {Grant(Role.FACILITATOR, lag, plan_id=a), Grant(Role.LAG_STAFF, lag)}
    assert browser(client).get(link).status_code == 404  # used up


def test_another_signed_in_account_cannot_accept(client, engine, two_lags) -> None:
    a, _ = two_lags
    owner = make_member(engine, "facilitator", plan=a, password=GOOD)
    with Session(engine) as db:
        email = db.get(Person, owner).email
    login_as(client, "admin")
    link = link_in(invite(client, "X", email, "coordinator").text)
    someone = browser(client)
    other = login_as(someone, "facilitator", plan=a)
    before = memberships(engine)
    assert "Prisijungti ir priimti" in someone.get(link).text
    r = someone.post(link, data={"accept": "1", "password": GOOD, "repeat": GOOD}, follow_redirects=False)
    assert r.status_code == 409 and memberships(engine) == before
    assert Role.COORDINATOR not in {g.role for g in grants_of(engine, other)}


def test_acceptance_checks_again_that_the_inviter_may_grant(client, engine, two_lags) -> None:
    a, _ = two_lags
    inviter = login_as(client, "lag_staff", plan=a)
    link = link_in(invite(client, "Naujokė", "naujoke@example.lt", "facilitator", lag_of_plan(engine, a)).text)
    with Session(engine) as db:  # the inviter left the LAG meanwhile
        for m in db.exec(select(Membership).where(Membership.person_id == inviter)):
            db.delete(m)
        db.commit()
    r = set_password(browser(client), link)
    assert r.status_code == 401 and "nebegali suteikti šių pareigų" in r.text
    with Session(engine) as db:
        assert db.exec(select(Person).where(Person.email == "naujoke@example.lt")).first() is None


def test_an_invitation_expires_and_is_used_once(client, engine, two_lags, frozen_clock) -> None:
    login_as(client, "admin")
    first = link_in(invite(client, "A", "a@example.lt", "coordinator").text)
    second = link_in(invite(client, "B", "b@example.lt", "coordinator").text)
    assert set_password(browser(client), first).status_code == 303
    again = browser(client)
    r = again.post(first, data={"csrf_token": csrf(again, "/prisijungti"), "password": GOOD, "repeat": GOOD})
    assert r.status_code == 404 and "Ši nuoroda nebegalioja" in r.text
    frozen_clock.advance(days=7, seconds=1)
    spent = browser(client).get(second)
    assert spent.status_code == 404 and "Ši nuoroda nebegalioja" in spent.text


def test_the_staff_page_lists_open_invitations_in_reach(client, engine, two_lags) -> None:
    a, b = two_lags
    login_as(client, "admin")
    invite(client, "Koordinatorė", "koord@example.lt", "coordinator")
    staff_a = browser(client)
    login_as(staff_a, "lag_staff", plan=a)
    invite(staff_a, "Moderatorė", "mod@example.lt", "facilitator", lag_of_plan(engine, a))
    page = client.get("/darbuotojai").text
    assert "koord@example.lt" in page and "mod@example.lt" in page and "Nepriimti kvietimai" in page
    page = staff_a.get("/darbuotojai").text
    assert "mod@example.lt" in page and "koord@example.lt" not in page
    staff_b = browser(client)
    login_as(staff_b, "lag_staff", plan=b)
    assert "mod@example.lt" not in staff_b.get("/darbuotojai").text


def test_migration_spends_legacy_invite_links_and_moves_anonymous_rows(tmp_path) -> None:
    from datetime import datetime, timedelta, timezone

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from app.cli import ROOT

    url = f"sqlite:///{tmp_path / 'old.db'}"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url)
    command.upgrade(cfg, "0002")
    engine = create_engine(url)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    later = now + timedelta(days=7)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO person (id, name, email, created_at) VALUES (1, 'Pending', 'p@example.lt', :t)"),
                     {"t": now})
        for token, purpose in (("a" * 64, "invite"), ("b" * 64, "reset")):
            conn.execute(text("INSERT INTO account_token (id, person_id, purpose, created_at, expires_at) "
                              "VALUES (:id, 1, :p, :t, :e)"), {"id": token, "p": purpose, "t": now, "e": later})
        for detail in ("code_invalid ABCDEFGH", "pin_wrong QWERTYUP"):
            conn.execute(text("INSERT INTO audit_event (at, event, address, detail) VALUES (:t, 'join.fail', "
                              "'10.0.0.1', :d)"), {"t": now, "d": detail})
        conn.execute(text("INSERT INTO audit_event (at, event, person_id, address, detail) "
                          "VALUES (:t, 'signin.ok', 1, '10.0.0.2', '')"), {"t": now})
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        used = dict(conn.execute(text("SELECT purpose, used_at FROM account_token")).all())
        assert used["invite"] is not None and used["reset"] is None
        assert conn.execute(text("SELECT event FROM audit_event")).scalars().all() == ["signin.ok"]
        assert conn.execute(text("SELECT event, address, detail, count FROM audit_anon")).all() == \
            [("join.fail", "10.0.0.1", "", 2)]
    engine.dispose()


def test_invitation_rows_hold_no_person_until_accepted(client, engine, two_lags) -> None:
    login_as(client, "admin")
    invite(client, "Kažkas", "kazkas@example.lt", "coordinator")
    with Session(engine) as db:
        row = db.exec(select(Invitation)).one()
        assert (row.email, row.role, row.used_at, row.accepted_person_id) == ("kazkas@example.lt", "coordinator",
                                                                              None, None)
        assert db.exec(select(Person).where(Person.email == "kazkas@example.lt")).first() is None


def withdraw_buttons(page: str) -> list[str]:
    return re.findall(r'action="(/darbuotojai/kvietimai/[0-9a-f]{64}/atsaukti)"', page)


def test_an_invitation_is_withdrawn_by_its_inviter_or_by_who_may_give_that_role(client, engine, two_lags) -> None:
    a, b = two_lags
    lag_a, lag_b = lag_of_plan(engine, a), lag_of_plan(engine, b)
    staff = browser(client)
    login_as(staff, "lag_staff", plan=a)
    link = link_in(invite(staff, "Klaida Klaidaitė", "klaida@example.lt", "facilitator", lag_a).text)
    coordinator = browser(client)
    login_as(coordinator, "coordinator")
    admin_link = link_in(invite(coordinator, "Kita", "kita@example.lt", "lag_staff", lag_b).text)
    # LAG staff see their own invitation with a button; not the coordinator's (another LAG)
    mine = withdraw_buttons(staff.get("/darbuotojai").text)
    assert len(mine) == 1
    theirs = [u for u in withdraw_buttons(coordinator.get("/darbuotojai").text) if u not in mine]
    assert len(theirs) == 1
    assert staff.post(theirs[0], follow_redirects=False).status_code == 404  # out of reach: not found
    assert client.get(admin_link).status_code == 200  # still open
    # the coordinator may give facilitator roles in LAG A: withdraws the LAG staff's mistake
    assert coordinator.post(mine[0], follow_redirects=False).status_code == 303
    page = browser(client).get(link)
    assert page.status_code == 404 and "nebegalioja" in page.text
    before = memberships(engine)
    assert set_password(browser(client), link).status_code == 404 and memberships(engine) == before
    assert staff.post(mine[0], follow_redirects=False).status_code == 404  # a replayed withdrawal
    with Session(engine) as db:
        assert db.exec(select(Person.id).where(Person.email == "klaida@example.lt")).first() is None


def test_withdrawing_an_earlier_invitation_lets_a_later_one_create_the_account(client, engine, two_lags) -> None:
    a, _ = two_lags
    staff = browser(client)
    login_as(staff, "lag_staff", plan=a)
    invite(staff, "Jonas", "jonas@example.lt", "facilitator", lag_of_plan(engine, a))
    login_as(client, "admin")
    later = link_in(invite(client, "Jonas Jonaitis", "jonas@example.lt", "coordinator").text)
    assert set_password(browser(client), later).status_code == 409  # an earlier one waits
    earlier = withdraw_buttons(staff.get("/darbuotojai").text)[0]
    assert client.post(earlier, follow_redirects=False).status_code == 303  # the administrator may
    assert set_password(browser(client), later).status_code == 303
    with Session(engine) as db:
        jonas = db.exec(select(Person.id).where(Person.email == "jonas@example.lt")).one()
    assert grants_of(engine, jonas) == (Grant(Role.COORDINATOR),)
