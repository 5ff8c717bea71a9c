"""Dashboards: the facilitator's, the LAG staff's and the coordinator's, with the project's
figures as CSV and XLSX and one ZIP of the approved plans."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
