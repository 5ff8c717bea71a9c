"""One ZIP of the approved plans a person reaches: each plan's DOCX exactly as it was approved
(the stored bytes), named after its community with the Lithuanian letters kept."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from typing import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.engine import Engine

from app.documents.export import file_name
from app.models_review import ApprovedDocument
from app.plan.stats import CHUNK, PlanLine

approved_t = ApprovedDocument.__table__
VILNIUS = ZoneInfo("Europe/Vilnius")


def _local(at: datetime) -> datetime:
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(VILNIUS)


def _unique(name: str, taken: set[str]) -> str:
    """Two communities of the same name: the second file gets "_2" before its extension."""
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem}_{n}{dot}{ext}"
    taken.add(candidate.casefold())
    return candidate


def approved_files(engine: Engine, lines: Sequence[PlanLine]) -> list[tuple[str, bytes, datetime]]:
    """(file name, approved DOCX bytes, approved at) of each plan with a current approved
    document, in the order of ``lines``; the bytes are read only for these plans."""
    wanted = {line.id: line for line in lines if line.approved_doc}
    found: dict[int, tuple[bytes, datetime]] = {}
    ids = list(wanted)
    with engine.connect() as conn:
        for start in range(0, len(ids), CHUNK):
            for pid, content, at in conn.execute(
                    select(approved_t.c.plan_id, approved_t.c.content, approved_t.c.approved_at)
                    .where(approved_t.c.plan_id.in_(ids[start:start + CHUNK]), approved_t.c.superseded_at.is_(None))
                    .order_by(approved_t.c.approved_at, approved_t.c.id)):
                found[pid] = (bytes(content), at)  # the latest one wins
    taken: set[str] = set()
    files = []
    for pid, line in wanted.items():
        if pid in found:
            content, at = found[pid]
            name, _ = file_name(line.community, _local(at).date(), draft=False)
            files.append((_unique(name, taken), content, at))
    return files


def zip_bytes(files: Sequence[tuple[str, bytes, datetime]]) -> bytes:
    """A ZIP of the files, names in UTF-8 (the ZIP's language flag set, so "Pašilės" stays
    "Pašilės" in Windows, macOS and Linux), dated when each was approved."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content, at in files:
            info = zipfile.ZipInfo(name, date_time=_local(at).timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.flag_bits |= 0x800  # UTF-8 names, even the ASCII ones: one rule for every entry
            archive.writestr(info, content)
    return out.getvalue()


def zip_name(lag_names: Sequence[str], day: datetime) -> tuple[str, str]:
    """The ZIP's own name (with the LAG's name when there is one) and its ASCII fallback."""
    stem = lag_names[0] if len(lag_names) == 1 else "planai"
    name, plain = file_name(f"{stem} patvirtinti", _local(day).date(), draft=False)
    return name[:-5] + ".zip", plain[:-5] + ".zip"
