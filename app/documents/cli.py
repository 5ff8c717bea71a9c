"""``python -m app export-docx --all DIR [--final]``: every plan in the database as a Word
document in DIR, named after its community and the day."""
from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import register


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all", action="store_true", required=True, help="every plan in the database")
    p.add_argument("--final", action="store_true", help="final versions (plans with missing answers are skipped)")
    p.add_argument("dir", type=Path, help="the folder to write to (created if missing)")


def _run(args: argparse.Namespace) -> int:
    from app.db import get_engine
    from app.documents.export import export_plan
    from app.plan.errors import ValidationFailed
    from app.plan.services import get_plan, list_plans

    engine = get_engine()
    out: Path = args.dir
    out.mkdir(parents=True, exist_ok=True)
    version = "final" if args.final else "draft"
    written, refused, used = 0, 0, set()
    for plan, community, _lag in list_plans(engine):
        try:
            file = export_plan(engine, get_plan(engine, plan.id), version)
        except ValidationFailed as exc:
            refused += 1
            print(f"Praleista: {community.name} (planas {plan.id}) – trūksta atsakymų: {len(exc.findings)}")
            continue
        name = file.filename
        if name in used:  # two plans of one community on one day
            name = name.replace(".docx", f"_{plan.id}.docx")
        used.add(name)
        (out / name).write_bytes(file.content)
        written += 1
        print(out / name)
    print(f"Įrašyta: {written}; praleista: {refused}.")
    return 1 if refused else 0


register("export-docx", "write every plan as a Word document to a folder", _configure, _run)
