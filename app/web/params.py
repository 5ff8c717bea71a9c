"""Ids and whole numbers from outside (path, query string, form), range-checked where they are
parsed: an id beyond the database's integer column (32-bit on PostgreSQL) or a number of 400
digits is "not found" or a refusal, never an overflow deep in a query (DESIGN.md rule 14)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ID = 2**31 - 1  # the INTEGER columns of every table (PostgreSQL's int4)
MAX_DIGITS = 12     # longer digit strings are not read at all (int() of 10⁶ digits is slow)

# A path parameter that names a row of a table: out of range is a 404 page (GET) or 400 (POST).
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
# A session number in a path (1–3 today; the template decides which exist).
SessionNo = Annotated[int, Path(ge=1, le=99)]


def parse_int(value: object, lo: int, hi: int) -> int | None:
    """A whole number typed or sent as text, within ``lo``–``hi``; None for anything else."""
    text = str(value if value is not None else "").strip()
    if not text or len(text.lstrip("+-")) > MAX_DIGITS or not text.lstrip("+-").isdecimal() or not text.isascii():
        return None
    number = int(text)
    return number if lo <= number <= hi else None


def parse_id(value: object) -> int | None:
    """A database id sent as text (``"12"``); None when it cannot be one."""
    return parse_int(value, 1, MAX_ID)
