"""A plan's named versions: make one, compare two (or one with now), restore one."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
