"""Every UI string in the templates and web code has an English translation (Lithuanian is the
source language), and the catalogue is a valid gettext file a translator can edit."""
import re
from pathlib import Path

from app.web.i18n import catalogue
from app.web.errors import MESSAGES

APP = Path(__file__).resolve().parents[1] / "app"
CALL = re.compile(r"""\b_\(\s*(?:"([^"]+)"|'([^']+)')""")


def ui_strings() -> set[str]:
    found = set()
    for path in list((APP / "templates").rglob("*.html")) + list((APP / "web").rglob("*.py")):
        for a, b in CALL.findall(path.read_text(encoding="utf-8")):
            found.add(a or b)
    for title, text in MESSAGES.values():
        found |= {title, text}
    return found


def test_every_ui_string_has_english() -> None:
    catalogue.cache_clear()
    missing = sorted(s for s in ui_strings() if s not in catalogue("en"))
    assert missing == []
