"""Reading answers out of a posted form, the same way for autosave and for the plain POST of a
whole step (the wizard works without JavaScript).

Every answer on a page is sent as ``v:<path>`` (one or more values), ``other:<path>`` (the
"other, specify" text) and ``rev:<path>`` (the revision the person saw). The ``rev:`` input is
always there, so an unticked checkbox list still says "nothing selected".
"""
from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import FormData

from app.web.params import MAX_ID, parse_int

MAX_PATHS_PER_POST = 2000
#: The base revision of a ``rev:`` that is not a whole number 0…MAX_ID. No cell ever has it, so
#: the save is conflict-safe: an empty answer is filled, a stored one is never overwritten
#: blindly (the person gets the conflict notice with both values), an unchanged one is a no-op.
UNKNOWN_REVISION = -1


@dataclass
class Submitted:
    path: str
    values: list[str]
    other: str
    revision: int


def read_cells(form: FormData) -> list[Submitted]:
    """The answers a form carries, in page order. A malformed or out-of-range revision is
    UNKNOWN_REVISION, never 0: "0" would let a broken form overwrite someone's answer."""
    found = []
    for key in form.keys():
        if not key.startswith("rev:"):
            continue
        path = key[4:]
        revision = parse_int(form.get(key), 0, MAX_ID)
        if revision is None:
            revision = UNKNOWN_REVISION
        values = [str(v) for v in form.getlist(f"v:{path}")]
        found.append(Submitted(path, values, str(form.get(f"other:{path}") or ""), revision))
        if len(found) >= MAX_PATHS_PER_POST:
            break
    return found
