"""The one clock of sessions, codes and rate limits, so tests can move time instead of sleeping
(``monkeypatch.setattr(clock, "now", ...)``)."""
from __future__ import annotations

from datetime import datetime, timezone


def now() -> datetime:
    """The current time, UTC-aware."""
    return datetime.now(timezone.utc)


def aware(value: datetime | None) -> datetime | None:
    """A datetime read back from SQLite may be naive; it was stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value
