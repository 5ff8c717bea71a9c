"""Command line: ``python -m app migrate | demo | serve | export-docx …``."""
from __future__ import annotations

import argparse
import sys

from app.cli import COMMANDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description="Plano vedlys")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, configure, _run) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_text))
    args = parser.parse_args(argv)
    return COMMANDS[args.command][2](args) or 0


if __name__ == "__main__":
    sys.exit(main())
