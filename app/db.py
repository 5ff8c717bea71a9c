"""The database engine from settings. SQLite gets WAL, foreign keys and a busy timeout; writes
to one SQLite file are serialised in the app (``write_lock``) because SQLite's own busy handler
sleeps and makes the tail latency of autosave explode under concurrent writers."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from app.config import get_settings

_sqlite_lock = threading.Lock()


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite gets its pragmas on every connection."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    return make_engine(url)


def get_engine() -> Engine:
    return engine_for(get_settings().database_url)


@contextmanager
def write_lock(engine: Engine) -> Iterator[None]:
    """Serialise write transactions on SQLite (one writer at a time anyway); no-op elsewhere."""
    if engine.dialect.name == "sqlite":
        with _sqlite_lock:
            yield
    else:
        yield


def get_session() -> Iterator[Session]:
    """FastAPI dependency: one ORM session per request."""
    with Session(get_engine()) as session:
        yield session
