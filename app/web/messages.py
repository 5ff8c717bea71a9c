"""Plain Lithuanian messages for refused input on the people and staff forms, by the code the
domain raises (``app.people.errors``); templates translate them with ``_``. None of them says
whether an account exists."""
from __future__ import annotations

import math

from app.people.errors import PeopleError, RateLimited


def _(text: str) -> str:
    """Marks a UI string for the catalogue (templates translate it when they show it)."""
    return text


MESSAGES = {
    "bad_credentials": _("Neteisingas el. pašto adresas arba slaptažodis."),
    "rate_limited": _("Per daug nesėkmingų bandymų. Palaukite {wait} ir bandykite dar kartą."),
    "email_format": _("Įrašykite el. pašto adresą, pvz., vardas@vvg.lt."),
    "password_missing": _("Įrašykite slaptažodį."),
    "code_format": _("Kodą sudaro 8 raidės ir skaitmenys, pvz., K7MX-Q2PA. Patikrinkite, ar neapsirikote."),
    "code_invalid": _("Toks kodas negalioja: gal jis pasibaigė ar buvo atšauktas. Paprašykite moderatoriaus naujo kodo."),
    "name_missing": _("Įrašykite savo vardą."),
    "name_long": _("Per ilgas tekstas. Sutrumpinkite."),
    "name_taken": _("Šioje komandoje jau yra žmogus tokiu vardu. Jei tai jūs, įrašykite savo PIN kodą. Jei ne, įrašykite vardą kitaip, pvz., su pavardės pirmąja raide."),
    "pin_format": _("PIN kodą sudaro 4 skaitmenys, pvz., 2580. Jo galima ir nerašyti."),
    "pin_wrong": _("PIN kodas neteisingas."),
    "pin_wait": _("PIN kodas neteisingas arba bandyta per daug kartų. Palaukite {wait} ir bandykite dar kartą."),
    "team_full": _("Komandoje jau {limit} žmonių: naujų pridėti negalima. Jei kas nors įrašytas du kartus ar per klaidą, kreipkitės į moderatorių."),
    "password_short": _("Slaptažodis per trumpas: jame turi būti bent 10 ženklų."),
    "password_long": _("Slaptažodis per ilgas: ne daugiau kaip 200 ženklų."),
    "password_mismatch": _("Slaptažodžiai nesutampa. Įrašykite tą patį abiejuose laukuose."),
    "current_wrong": _("Dabartinis slaptažodis neteisingas."),
    "link_invalid": _("Ši nuoroda nebegalioja: ji jau panaudota arba pasibaigė. Paprašykite administratoriaus naujos."),
    "invitation_void": _("Šis kvietimas nebegalioja: jį davęs žmogus nebegali suteikti šių pareigų. Paprašykite naujo kvietimo."),
    "invitation_other_account": _("Šis kvietimas skirtas kitai paskyrai. Prisijunkite ta paskyra, kuriai jis skirtas."),
    "invitation_earlier": _("Šiam el. pašto adresui jau laukia ankstesnis kitų duotas kvietimas. Pirmiausia priimkite jį, tada prisijunkite ir grįžkite prie šios nuorodos."),
    "account_exists": _("Šiuo el. pašto adresu paskyra jau yra. Prisijunkite ja ir priimkite kvietimą."),
    "lag": _("Pasirinkite VVG iš sąrašo."),
    "community": _("Pasirinkite bendruomenę iš sąrašo."),
    "community_taken": _("Šioje VVG jau yra bendruomenė „{name}“. Jei tai ta pati organizacija, naują planą jai sukurkite formoje „Naujas planas“; jei kita, įrašykite pavadinimą, pagal kurį jas galima atskirti."),
    "role": _("Pasirinkite pareigas iš sąrašo."),
    "facilitator": _("Pasirinkite moderatorių iš sąrašo."),
    "expiry": _("Pasirinkite, kiek laiko kodas galios."),
    "writer": _("Pasirinkite žmogų iš sąrašo."),
    ("name_missing", "community_name"): _("Įrašykite bendruomenės pavadinimą."),
    ("name_missing", "new_name"): _("Įrašykite rašančio žmogaus vardą."),
    ("name_missing", "on_behalf"): _("Įrašykite žmogaus, už kurį įrašote, vardą."),
}


def wait_text(seconds: int) -> str:
    """How long to wait, as the messages say it: "40 s." under a minute, else whole minutes
    rounded up ("2 min.")."""
    return f"{seconds} s." if seconds < 60 else f"{math.ceil(seconds / 60)} min."


def form_errors(exc: PeopleError) -> dict:
    """The template context of a refusal: ``errors`` as ``{field: message}`` (``"_form"`` for
    the whole form), and ``params`` that fill the message's blanks (``{wait}``, ``{limit}``)."""
    text = MESSAGES.get((exc.code, exc.field or "")) or MESSAGES.get(exc.code) or exc.code
    params = dict(exc.params)
    if isinstance(exc, RateLimited):
        params["wait"] = wait_text(exc.seconds)
    return {"errors": {exc.field or "_form": text}, "params": params}
