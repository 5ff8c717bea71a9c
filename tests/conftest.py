"""Test fixtures: a fresh database per test (a SQLite file and, when TEST_DATABASE_URL is set,
also a PostgreSQL database: every database test runs on both), the app on it.

The schema comes from the Alembic migrations, once per run into a template (a SQLite file that
is copied, or a PostgreSQL template database that is cloned): each test starts empty and fast.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from app import config, db
from app.cli import migrate

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
os.environ.setdefault("PASSWORD_HASHING", "fast")  # argon2 at its cheapest: tests hash many passwords
IN_CI = os.environ.get("CI") == "true"


def _pg_admin(url: str) -> Engine:
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, empty SQLite file that each test's database is copied from."""
    path = tmp_path_factory.mktemp("tpl") / "template.db"
    migrate(f"sqlite:///{path}")
    return str(path)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated, empty PostgreSQL database that each test's database is cloned from."""
    name = f"plano_tpl_{uuid.uuid4().hex[:8]}"
    admin = _pg_admin(PG_URL)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    migrate(url)
    db.engine_for(url).dispose()
    db.engine_for.cache_clear()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database for one test, on each backend the run has (SQLite, PostgreSQL)."""
    if request.param == "postgresql":
        template_name = request.getfixturevalue("pg_template")
        name = f"plano_t_{uuid.uuid4().hex[:10]}"
        admin = _pg_admin(PG_URL)
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"'))
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        yield url
        db.engine_for(url).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        path = tmp_path / "plano.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
        yield url
        db.engine_for(url).dispose()


@pytest.fixture
def settings_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    config.get_settings.cache_clear()
    yield database_url
    config.get_settings.cache_clear()


@pytest.fixture
def engine(settings_env: str) -> Engine:
    return db.get_engine()


@pytest.fixture
def app(settings_env: str):  # noqa: ANN201
    from app.main import create_app

    return create_app()


@pytest.fixture
def client(app):  # noqa: ANN001, ANN201
    from starlette.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def template():  # noqa: ANN201
    from app.plan.catalogue import get_template

    return get_template()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In CI a PostgreSQL run is required: a missing TEST_DATABASE_URL fails loudly."""
    if IN_CI and not PG_URL:
        raise pytest.UsageError("CI=true needs TEST_DATABASE_URL (the suite must also run on PostgreSQL)")
