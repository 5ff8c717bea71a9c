"""The commands behind ``python -m app``: each a (help, configure-parser, run) triple so a
later command (export, create-admin) is one entry more."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from app.config import ROOT, get_settings


def migrate(url: str | None = None) -> None:
    """Apply every Alembic migration to the database (creates the SQLite file if needed)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url or get_settings().database_url)
    command.upgrade(cfg, "head")


def _run_migrate(args: argparse.Namespace) -> int:
    migrate()
    print("Duomenų bazė atnaujinta.")
    return 0


def _run_demo(args: argparse.Namespace) -> int:
    from app.db import get_engine
    from app.demo import load_demo

    report = load_demo(get_engine())
    print(report)
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    host = args.host or settings.host
    port = args.port or settings.port
    print(f"Plano vedlys: http://{host}:{port}/")
    uvicorn.run("app.asgi:app", host=host, port=port, proxy_headers=True, workers=args.workers)
    return 0


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--workers", type=int, default=1)


Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]

COMMANDS: dict[str, Command] = {
    "migrate": ("apply database migrations", lambda p: None, _run_migrate),
    "demo": ("load demo data into an empty database", lambda p: None, _run_demo),
    "serve": ("serve the app with uvicorn", _serve_args, _run_serve),
}


def register(name: str, help_text: str, configure: Callable[[argparse.ArgumentParser], None],
             run: Callable[[argparse.Namespace], int]) -> None:
    """Add a command (used by later areas: DOCX export, accounts)."""
    COMMANDS[name] = (help_text, configure, run)


__all__ = ["COMMANDS", "register", "migrate", "Path"]

from app.documents import cli as _documents_cli  # noqa: E402,F401  registers export-docx
from app.people import cli as _people_cli  # noqa: E402,F401  registers create-admin
