"""Lithuanian-first formats through Babel: dates "2025 m. birželio 30 d.", money
"74 842,00 Eur", decimal comma. Shared by the pages and the DOCX."""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
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


NBSP = "\u00a0"
_LT_DATE = re.compile(r"(\d{4}) m\. (\S+) (\d{1,2}) d\.")
_EN_DATE = re.compile(r"(\d{1,2}) (\S+) (\d{4})")


def keep_date_together(text: str, lang: str = "lt") -> str:
    """A long date that a narrow table column may break only where a reader expects it:
    "2025 m. | rugsėjo 1 d.", "1 September | 2025", never "d." alone on a line. Other text
    is returned as it is."""
    if lang == "en":
        return _EN_DATE.sub(lambda m: f"{m[1]}{NBSP}{m[2]} {m[3]}", text)
    return _LT_DATE.sub(lambda m: f"{m[1]}{NBSP}m. {m[2]}{NBSP}{m[3]}{NBSP}d.", text)


def exact(value: Any) -> Decimal | None:
    """A stored number as an exact Decimal; None for a bool, text, infinity or NaN (nothing a
    page should print as "∞"). A float goes through its shortest repr: 0.1 stays 0.1."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    return None


def format_number(value: Any, lang: str = "lt", places: int | None = None, fixed: bool = False) -> str:
    """Any stored number plainly: "1 250", "1 250,5", never "1e+20" or "∞" (non-finite → "").

    With ``places`` (a decimal field's declared precision) a fraction shows all of them:
    "1 250,50"; a whole amount stays "1 500" unless ``fixed`` (money: "1 500,00", "0,00")."""
    number = exact(value)
    if number is None:
        return ""
    if places is None:
        return format_decimal(number, locale=_locale(lang))
    whole = number == number.to_integral_value() and not fixed
    pattern = "#,##0" if whole or places == 0 else "#,##0." + "0" * places
    return format_decimal(number, format=pattern, locale=_locale(lang), decimal_quantization=True)


def format_decimal_2(value: Any, lang: str = "lt") -> str:
    number = exact(value)
    if number is None:
        return ""
    return format_decimal(number, format="#,##0.##", locale=_locale(lang))


def plain_number(value: Any, lang: str = "lt") -> str:
    """A limit in a message: exact, grouped by ordinary spaces ("10 000", "0,5"), no exponent."""
    number = exact(value)
    if number is None:
        return str(value)
    try:
        text = f"{number.normalize():,f}" if number != number.to_integral_value() else f"{int(number):,}"
    except InvalidOperation:
        return str(value)
    return text.replace(",", " ").replace(".", "," if lang != "en" else ".")


def format_money(value: Any, lang: str = "lt") -> str:
    """74842 → "74 842,00 Eur"."""
    number = exact(value)
    if number is None:
        return ""
    return f"{format_decimal(number, format='#,##0.00', locale=_locale(lang))} Eur"


def format_time(value: dt.datetime | None, lang: str = "lt") -> str:
    """Local wall-clock time for "Išsaugota 14:32" (Lithuania's zone)."""
    if value is None:
        return ""
    from zoneinfo import ZoneInfo

    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(ZoneInfo("Europe/Vilnius")).strftime("%H:%M")
