"""E-mail of notices through a local SMTP debugging server: the right people, Lithuanian
UTF-8 text with the link, once each; nothing without an SMTP host; a failing server leaves the
notice in the product."""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlmodel import Session, select

from app import config
from app.models import Person
from app.models_review import Notice
from app.people import clock, mailer, notices
from tests.factories import answer


def email_of(engine, person_id: int) -> str:  # noqa: ANN001
    with Session(engine) as db:
        return db.get(Person, person_id).email


def emailed(engine) -> dict[int, bool]:  # noqa: ANN001
    with Session(engine) as db:
        return {n.person_id: n.emailed_at is not None for n in db.exec(select(Notice))}


def test_submitting_emails_facilitator_and_lag_staff_in_the_background(engine, world, smtp_server, use_smtp) -> None:
    port, server = smtp_server
    use_smtp(port)
    answer(engine, world.a, "plan_title", "Pašilės ateitis")
    notices.notify(engine, world.a, "submitted", world.team)
    mailer.wait_idle()
    to = sorted(rcpt for rcpts, _ in server.messages for rcpt in rcpts)
    assert to == sorted([email_of(engine, world.facilitator), email_of(engine, world.lag_staff)])
    assert emailed(engine) == {world.facilitator: True, world.lag_staff: True}


def test_letter_is_lithuanian_utf8_with_the_link(engine, world, smtp_server, use_smtp) -> None:
    port, server = smtp_server
    settings = use_smtp(port)
    with Session(engine) as db:  # a team member who gave an address; the other gave none
        db.get(Person, world.team).email = "jonas@example.lt"
        db.commit()
    notices.notify(engine, world.a, "returned", world.facilitator, note="Trūksta posėdžio datos",
                   link=f"/plans/{world.a}/steps/vizija")
    mailer.wait_idle()
    assert mailer.send_pending(engine, settings) == 0  # each notice is mailed once
    [(rcpts, msg)] = server.messages
    assert rcpts == ["jonas@example.lt"]
    assert msg["Subject"] == "Planas grąžintas taisyti – Plano vedlys"
    assert msg["To"].addresses[0].display_name == "Jonas Jonaitis"
    assert msg["From"].addresses[0].addr_spec == "vedlys@example.lt"
    assert msg.get_content_charset() == "utf-8"
    body = msg.get_content().replace("\r\n", "\n")
    assert body.startswith("Sveiki, Jonas Jonaitis,\n")
    assert "Rūta Žilinskienė grąžino planą „Pašilės kaimo bendruomenė“ taisyti: Trūksta posėdžio datos" in body
    assert "Bendruomenė: Pašilės kaimo bendruomenė\n" in body
    assert f"Atverti: https://planai.example.lt/plans/{world.a}/steps/vizija\n" in body
    assert "https://planai.example.lt/pranesimai" in body


def test_no_email_when_no_smtp_host_is_set(engine, world, smtp_server) -> None:
    _, server = smtp_server
    assert config.get_settings().smtp_host == ""
    assert notices.notify(engine, world.a, "submitted", world.team) == 2
    assert mailer.schedule(engine) is None
    assert mailer.send_pending(engine) == 0
    assert server.messages == []
    assert emailed(engine) == {world.facilitator: False, world.lag_staff: False}
    assert notices.unread_count(engine, world.facilitator) == 1


def test_unreachable_smtp_server_is_logged_and_the_notice_stays(engine, world, use_smtp, caplog) -> None:
    from tests.notices.conftest import free_port

    settings = use_smtp(free_port())  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="app.people.mailer"):
        notices.notify(engine, world.a, "submitted", world.team)
        mailer.wait_idle()
        assert mailer.send_pending(engine, settings) == 0
    assert "e-mail of notices failed" in caplog.text
    assert emailed(engine) == {world.facilitator: False, world.lag_staff: False}
    assert notices.unread_count(engine, world.facilitator) == 1


def test_refused_letter_is_tried_again_when_the_server_takes_it(engine, world, smtp_server, use_smtp, caplog) -> None:
    port, server = smtp_server
    settings = use_smtp(port)
    server.reply = "554 Transaction failed"
    with caplog.at_level(logging.WARNING, logger="app.people.mailer"):
        notices.notify(engine, world.a, "submitted", world.team)
        mailer.wait_idle()
    assert "not e-mailed" in caplog.text
    assert emailed(engine) == {world.facilitator: False, world.lag_staff: False}
    server.reply = "250 OK"
    assert mailer.send_pending(engine, settings) == 2
    assert emailed(engine) == {world.facilitator: True, world.lag_staff: True}
    assert len(server.messages) == 2


def test_notice_older_than_two_days_is_not_emailed(engine, world, smtp_server, use_smtp, monkeypatch) -> None:
    port, server = smtp_server
    real_now, three_days_ago = clock.now, clock.now() - timedelta(days=3)
    monkeypatch.setattr(clock, "now", lambda: three_days_ago)
    notices.notify(engine, world.a, "submitted", world.team)  # no SMTP then: stays unmailed
    monkeypatch.setattr(clock, "now", real_now)
    settings = use_smtp(port)
    assert mailer.send_pending(engine, settings) == 0
    assert server.messages == []

