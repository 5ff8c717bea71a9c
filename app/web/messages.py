"""Plain Lithuanian messages for refused input on the people and staff forms, by the code the
domain raises (``app.people.errors``); templates translate them with ``_``. None of them says
whether an account exists."""
from __future__ import annotations

from app.people.errors import PeopleError, RateLimited


def _(text: str) -> str:
    """Marks a UI string for the catalogue (templates translate it when they show it)."""
    return text


MESSAGES = {
    "bad_credentials": _("Neteisingas el. pašto adresas arba slaptažodis."),
    "rate_limited": _("Per daug nesėkmingų bandymų. Palaukite {minutes} min. ir bandykite dar kartą."),
    "email_format": _("Įrašykite el. pašto adresą, pvz., vardas@vvg.lt."),
    "password_missing": _("Įrašykite slaptažodį."),
    "code_format": _("Kodą sudaro 8 raidės ir skaitmenys, pvz., K7MX-Q2PA. Patikrinkite, ar neapsirikote."),
    "code_invalid": _("Toks kodas negalioja: gal jis pasibaigė ar buvo atšauktas. Paprašykite moderatoriaus naujo kodo."),
    "name_missing": _("Įrašykite savo vardą."),
    "name_long": _("Per ilgas tekstas. Sutrumpinkite."),
    "name_taken": _("Šioje komandoje jau yra žmogus tokiu vardu. Jei tai jūs, įrašykite savo PIN kodą. Jei ne, įrašykite vardą kitaip, pvz., su pavardės pirmąja raide."),
    "pin_format": _("PIN kodą sudaro 4 skaitmenys, pvz., 2580. Jo galima ir nerašyti."),
    "pin_wrong": _("PIN kodas neteisingas."),
    "password_short": _("Slaptažodis per trumpas: jame turi būti bent 10 ženklų."),
    "password_long": _("Slaptažodis per ilgas: ne daugiau kaip 200 ženklų."),
    "password_mismatch": _("Slaptažodžiai nesutampa. Įrašykite tą patį abiejuose laukuose."),
    "current_wrong": _("Dabartinis slaptažodis neteisingas."),
    "link_invalid": _("Ši nuoroda nebegalioja: ji jau panaudota arba pasibaigė. Paprašykite administratoriaus naujos."),
    "lag": _("Pasirinkite VVG iš sąrašo."),
    "community": _("Pasirinkite bendruomenę iš sąrašo."),
    "role": _("Pasirinkite pareigas iš sąrašo."),
    "facilitator": _("Pasirinkite moderatorių iš sąrašo."),
    "expiry": _("Pasirinkite, kiek laiko kodas galios."),
    "writer": _("Pasirinkite žmogų iš sąrašo."),
    ("name_missing", "community_name"): _("Įrašykite bendruomenės pavadinimą."),
    ("name_missing", "new_name"): _("Įrašykite rašančio žmogaus vardą."),
    ("name_missing", "on_behalf"): _("Įrašykite žmogaus, už kurį įrašote, vardą."),
}


def form_errors(exc: PeopleError) -> dict:
    """The template context of a refusal: ``errors`` as ``{field: message}`` (``"_form"`` for
    the whole form), and ``minutes`` for the rate-limit message."""
    text = MESSAGES.get((exc.code, exc.field or "")) or MESSAGES.get(exc.code) or exc.code
    return {"errors": {exc.field or "_form": text},
            "minutes": exc.minutes if isinstance(exc, RateLimited) else 15}
