"""Reading answers out of a posted form, the same way for autosave and for the plain POST of a
whole step (the wizard works without JavaScript).

Every answer on a page is sent as ``v:<path>`` (one or more values), ``other:<path>`` (the
"other, specify" text) and ``rev:<path>`` (the revision the person saw). The ``rev:`` input is
always there, so an unticked checkbox list still says "nothing selected".
"""
from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import FormData

MAX_PATHS_PER_POST = 2000


@dataclass
class Submitted:
    path: str
    values: list[str]
    other: str
    revision: int


def read_cells(form: FormData) -> list[Submitted]:
    """The answers a form carries, in page order; malformed revisions count as 0."""
    found = []
    for key in form.keys():
        if not key.startswith("rev:"):
            continue
        path = key[4:]
        try:
            revision = int(form.get(key) or 0)
        except ValueError:
            revision = 0
        values = [str(v) for v in form.getlist(f"v:{path}")]
        found.append(Submitted(path, values, str(form.get(f"other:{path}") or ""), revision))
        if len(found) >= MAX_PATHS_PER_POST:
            break
    return found
