"""Comment threads on a plan's sections, fields and rows: add, reply, resolve, reopen; the
facilitator's list of open comments across their plans."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
