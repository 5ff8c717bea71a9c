"""Alembic owns the schema: upgrade head on an empty database, then autogenerate finds no
difference from the SQLModel tables."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import app.models  # noqa: F401


def test_migrations_match_models(engine) -> None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, SQLModel.metadata)
    assert diff == []


def test_upgrade_head_on_empty_database(tmp_path) -> None:
    from sqlalchemy import create_engine, inspect

    from app.cli import migrate

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    migrate(url)
    names = set(inspect(create_engine(url)).get_table_names())
    assert {"plan", "cell", "plan_row", "change", "lag", "community"} <= names
