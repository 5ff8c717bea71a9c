"""UI strings through gettext catalogues a translator can edit (``app/locales/<lang>/
LC_MESSAGES/*.po``: ``messages.po`` and one catalogue per area, e.g. ``review.po``, merged).
Message ids are the Lithuanian text: Lithuanian is the source language, so a missing English
translation shows Lithuanian, never an empty label."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
LANGS = ("lt", "en")


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang)
        table.update({m.id: m.string for m in cat if m.id and isinstance(m.id, str) and m.string})
    return table


def translator(lang: str) -> Callable[..., str]:
    """``_("Išsaugota {time}", time="14:32")`` in the person's language."""
    table = catalogue(lang) if lang != "lt" else {}

    def gettext(message: str, **kwargs: object) -> str:
        text = table.get(message, message)
        return text.format(**kwargs) if kwargs else text

    return gettext
