"""A person's notices: the list, marking them read."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
