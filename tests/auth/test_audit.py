"""The audit log: anonymous failures are counted per hour, event and address, apart from the
journal of staff and signed-in people, so a flood of them hides nothing; nothing a visitor
typed (a join code, a PIN) is kept anywhere in it; old anonymous counts are pruned."""
from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from app.models_people import AnonymousFailures, AuditEvent
from app.people import audit, joincodes
from app.people.errors import PeopleError
from tests.auth.test_join_codes import join
from tests.auth.test_sign_in import PASSWORD, sign_in
from tests.factories import add_role, login_as, make_person, make_plan


@pytest.fixture
def plan(engine) -> int:  # noqa: ANN001
    return make_plan(engine)


def all_audit_text(engine) -> str:  # noqa: ANN001
    with Session(engine) as db:
        rows = [e.model_dump() for e in db.exec(select(AuditEvent))]
        rows += [a.model_dump() for a in db.exec(select(AnonymousFailures))]
    return repr(rows)


def test_500_anonymous_failed_joins_do_not_hide_a_real_sign_in(client, engine, plan, frozen_clock) -> None:
    staff = make_person(engine, "Rūta Moderatorė", "ruta@example.lt", PASSWORD)
    add_role(engine, staff, "admin")
    assert sign_in(client, "ruta@example.lt", PASSWORD).status_code == 303
    for i in range(500):  # through the service: the same code path as the form, faster
        with pytest.raises(PeopleError):
            joincodes.join(engine, "ABCD-EFGH", "Ona", "", f"10.0.{i // 100}.{i % 7}", f"device-{i}")
    assert join(type(client)(client.app), "ABCD-EFGH").status_code in (401, 429)  # and one through the form
    login_as(client, "admin")
    page = client.get("/darbuotojai/zurnalas").text
    assert "signin.ok" in page and "Rūta Moderatorė" in page
    assert sum(n for _, event, _, _, n in audit.anonymous_summary(engine) if event == "join.fail") == 501
    assert re.search(r"<td>join\.fail</td><td>10\.0\.0\.0</td><td>[^<]*</td><td>\d+</td>", page)


def test_no_typed_code_or_pin_reaches_the_audit_log(client, engine, plan) -> None:
    code = joincodes.create_code(engine, plan, None)
    assert join(client, code.code, "Ona", "2580").status_code == 303
    stranger = type(client)(client.app)
    join(stranger, "QWER-TYUP", "Ona", "9137")        # an unknown code
    join(stranger, code.code, "Ona", "9137")          # a valid code, a wrong PIN
    join(stranger, "QWER", "Ona", "9137")             # a malformed code
    text = all_audit_text(engine)
    for typed in ("QWER", "TYUP", "9137", "2580", code.code, joincodes.shown(code.code)):
        assert typed not in text, typed
    assert f"pin_wrong kodas #{code.id}" in text  # the matched code, by its id


def test_anonymous_csrf_refusals_are_counted_not_journaled(client, engine) -> None:
    client.get("/prisijungti")
    for _ in range(3):
        assert client.post("/prisijungti", data={"email": "x@example.lt", "password": "y"}).status_code == 403
    with Session(engine) as db:
        assert not db.exec(select(AuditEvent)).all()
    assert [(e, n) for _, e, _, _, n in audit.anonymous_summary(engine)] == [("refused.csrf", 3)]


def test_anonymous_counts_are_per_hour_and_old_ones_pruned(engine, frozen_clock) -> None:
    audit.record_anonymous(engine, "join.fail", "10.0.0.1", "code_invalid")
    audit.record_anonymous(engine, "join.fail", "10.0.0.1", "code_invalid")
    frozen_clock.advance(hours=1)
    audit.record_anonymous(engine, "join.fail", "10.0.0.1", "code_invalid")
    assert [n for *_, n in audit.anonymous_summary(engine)] == [1, 2]
    frozen_clock.advance(days=31)
    audit.record_anonymous(engine, "signin.fail", "10.0.0.2")
    with Session(engine) as db:
        assert [(a.event, a.count) for a in db.exec(select(AnonymousFailures))] == [("signin.fail", 1)]


def test_a_team_members_refusals_are_counted_not_journaled(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    for _ in range(50):
        assert client.get(f"/plans/{plan}/komanda").status_code == 403
    with Session(engine) as db:
        assert db.exec(select(AuditEvent).where(AuditEvent.event == "refused.403")).first() is None
        counted = db.exec(select(AnonymousFailures.count).where(AnonymousFailures.event == "refused.403")).one()
    assert counted == 50
