"""Lithuanian-first formats through Babel: dates "2025 m. birželio 30 d.", money
"74 842,00 Eur", decimal comma. Shared by the pages and the DOCX."""
from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

LOCALES = {"lt": "lt_LT", "en": "en_GB"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "lt_LT")


def format_date(value: Any, lang: str = "lt") -> str:
    """"2025-06-30" → "2025 m. birželio 30 d." (or "30 June 2025")."""
    if value in (None, ""):
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return _babel_date(day, format="long", locale=_locale(lang))


def format_number(value: Any, lang: str = "lt") -> str:
    if value in (None, ""):
        return ""
    return format_decimal(value, locale=_locale(lang))


def format_decimal_2(value: Any, lang: str = "lt") -> str:
    if value in (None, ""):
        return ""
    return format_decimal(value, format="#,##0.##", locale=_locale(lang))


def format_money(value: Any, lang: str = "lt") -> str:
    """74842 → "74 842,00 Eur"."""
    if value in (None, ""):
        return ""
    return f"{format_decimal(value, format='#,##0.00', locale=_locale(lang))} Eur"


def format_time(value: dt.datetime | None, lang: str = "lt") -> str:
    """Local wall-clock time for "Išsaugota 14:32" (Lithuania's zone)."""
    if value is None:
        return ""
    from zoneinfo import ZoneInfo

    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(ZoneInfo("Europe/Vilnius")).strftime("%H:%M")
