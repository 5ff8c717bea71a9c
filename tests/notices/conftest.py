"""Fixtures of notices: a plan with its people in every role, and a local SMTP debugging
server (aiosmtpd on a free port) that keeps what it receives. Never a real server."""
from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Iterator

import pytest
from aiosmtpd.controller import Controller

from app import config
from app.people import mailer
from tests.factories import lag_of_plan, make_lag, make_member, make_plan


@dataclass
class World:
    """Plan ``a`` with a team member (no e-mail), a facilitator and a LAG staff member of its LAG;
    plan ``b`` (another LAG) with its own people; an administrator."""

    a: int
    b: int
    team: int
    team2: int
    facilitator: int
    lag_staff: int
    b_team: int
    b_facilitator: int
    b_lag_staff: int
    admin: int


@pytest.fixture
def world(engine) -> World:  # noqa: ANN001
    a = make_plan(engine, "Pašilės kaimo bendruomenė")
    b = make_plan(engine, "Kitos kaimo bendruomenė", lag=make_lag(engine, "Kita vietos veiklos grupė"))
    return World(
        a=a, b=b,
        team=make_member(engine, "team_member", a, name="Jonas Jonaitis"),
        team2=make_member(engine, "team_member", a, name="Aldona Petraitienė"),
        facilitator=make_member(engine, "facilitator", a, name="Rūta Žilinskienė"),
        lag_staff=make_member(engine, "lag_staff", lag=lag_of_plan(engine, a), name="Vida VVG"),
        b_team=make_member(engine, "team_member", b, name="Kitas Narys"),
        b_facilitator=make_member(engine, "facilitator", b, name="Kitas Moderatorius"),
        b_lag_staff=make_member(engine, "lag_staff", lag=lag_of_plan(engine, b), name="Kita VVG"),
        admin=make_member(engine, "admin", name="Adminas"),
    )


@dataclass
class Collector:
    """An aiosmtpd handler that keeps each message with its envelope; ``reply`` answers DATA."""

    reply: str = "250 Message accepted for delivery"
    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        if self.reply.startswith("250"):
            self.messages.append((list(envelope.rcpt_tos),
                                  message_from_bytes(envelope.original_content, policy=policy.default)))
        return self.reply


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Collector]]:
    """A local SMTP debugging server: (port, collector)."""
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, handler
    controller.stop()


@pytest.fixture
def use_smtp(settings_env: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Point the app's settings at an SMTP server on ``port`` (returns a function)."""

    def point(port: int) -> config.Settings:
        monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("SMTP_PORT", str(port))
        monkeypatch.setenv("SMTP_FROM", "Plano vedlys <vedlys@example.lt>")
        monkeypatch.setenv("PUBLIC_URL", "https://planai.example.lt/")
        config.get_settings.cache_clear()
        return config.get_settings()

    return point


@pytest.fixture(autouse=True)
def mailer_settles(database_url: str) -> Iterator[None]:
    """A test ends only when the background mailer has finished (before its database goes)."""
    yield
    mailer.wait_idle()
