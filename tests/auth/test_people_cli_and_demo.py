"""The first administrator from the command line, the demo accounts, and the people domain
free of the web framework (DESIGN.md rule 1)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.__main__ import main
from app.models import Person
from app.models_people import Credential, JoinCode, Membership
from app.people.passwords import verify_secret

PEOPLE = Path(__file__).resolve().parents[2] / "app" / "people"


def test_create_admin_with_flags(engine, capsys) -> None:
    assert main(["create-admin", "--email", "Ada@Example.lt", "--name", "Ada", "--password", "ilgas slaptažodis"]) == 0
    assert "Administratorius sukurtas: ada@example.lt" in capsys.readouterr().out
    with Session(engine) as db:
        person = db.exec(select(Person).where(Person.email == "ada@example.lt")).one()
        assert verify_secret(db.get(Credential, person.id).password_hash, "ilgas slaptažodis")
        assert db.exec(select(Membership.role).where(Membership.person_id == person.id)).all() == ["admin"]


def test_create_admin_asks_and_refuses_a_short_password(engine, monkeypatch, capsys) -> None:
    answers = iter(["ada@example.lt", "Ada"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "trumpas")
    assert main(["create-admin"]) == 2
    assert "Slaptažodis per trumpas" in capsys.readouterr().out


def test_demo_makes_an_account_for_every_role_and_a_join_code(engine, capsys) -> None:
    from app.demo import load_demo

    report = load_demo(engine)
    for role in ("administratorius", "koordinatorius (Kelmės VVG)", "VVG darbuotojas (Pakruojo VVG)", "moderatorius"):
        assert role in report
    password = re.search(r"Slaptažodis visoms: (\S+)", report).group(1)
    with Session(engine) as db:
        roles = set(db.exec(select(Membership.role)).all())
        assert roles == {"admin", "coordinator", "lag_staff", "facilitator", "team_member"}
        admin = db.exec(select(Person).where(Person.email == "administratorius@plano.demo")).one()
        assert verify_secret(db.get(Credential, admin.id).password_hash, password)
        assert password not in (db.get(Credential, admin.id).password_hash or "")
        code = db.exec(select(JoinCode)).one()
        assert f"{code.code[:4]}-{code.code[4:]}" in report
        facilitator = db.exec(select(Person).where(Person.email == "moderatorius@plano.demo")).one()
        plans = db.exec(select(Membership.plan_id).where(Membership.person_id == facilitator.id,
                                                         Membership.plan_id.is_not(None))).all()
        assert len(plans) == 2


@pytest.mark.parametrize("path", sorted(PEOPLE.glob("*.py")), ids=lambda p: p.name)
def test_people_domain_imports_no_web_framework(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        assert not any(n.split(".")[0] in ("fastapi", "starlette", "jinja2") for n in names), (path.name, names)
        assert not any(n.startswith("app.web") for n in names if path.name != "cli.py"), (path.name, names)
