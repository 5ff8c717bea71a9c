"""Review and approval of a plan: submitting, returning with a note, approving (the approved
DOCX is frozen), reopening; closing and reopening workshop sessions; section marks; the
timeline."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
