"""Every string that enters the document passes ``clean``; the document's own fixed words live
in ``LABELS`` (Lithuanian and English, as the plan's language asks)."""
from __future__ import annotations

import re
from typing import Any

# python-docx refuses these the moment they are set (STACK-NOTES): C0 controls but tab and line
# feed, DEL and C1 controls, the non-characters U+FFFE/U+FFFF, and lone surrogates.
_REFUSED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean(value: Any) -> str:
    """Text safe for a Word document: line breaks as "\\n", tabs as spaces, nothing XML refuses."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    return _REFUSED.sub("", text.replace("\t", " "))


PROJECT_NAME = "Vietos bendruomenių veiklos pokyčiai ir plėtra panaudojant advokaciją"
PROJECT_NO = "44TT-PV-23-2-04488-PR001"

LABELS: dict[str, dict[str, str]] = {
    "lt": {
        "draft": "JUODRAŠTIS",
        "missing": "[neužpildyta]",
        "toc": "Turinys",
        "intro": "Įvadas",
        "plan_data": "Plano duomenys",
        "table": "{n} lentelė. {caption}",
        "figure": "{n} pav. {caption}",
        "page": "Puslapis",
        "period": "Laikotarpis",
        "period_value": "{a}–{b} m.",
        "total": "Iš viso",
        "by_source": "Biudžetas pagal finansavimo šaltinius",
        "by_year": "Biudžetas pagal metus",
        "source": "Finansavimo šaltinis",
        "year": "Metai",
        "amount": "Suma, Eur",
        "not_stated": "Nenurodyta",
        "power_map": "Galios žemėlapis",
        "influence": "Įtaka",
        "position": "Pozicija",
        "against": "prieš",
        "for": "už",
        "alt_map": "Galios žemėlapis: sprendimų priėmėjai ir įtakotojai pagal įtaką (1–5) ir poziciją (nuo −2 „aktyviai prieš“ iki +2 „aktyviai už“). ",
        "alt_item": "{name}: įtaka {influence}, pozicija {position}",
        "intro_period": " {a}–{b} m.",
        "purpose": "Šį plėtros planą{period} parengė {org}. Plane aprašyta bendruomenė ir jos padėtis, "
                   "svarbiausi poreikiai, vizija, tikslai ir uždaviniai, advokacijos planas, veiksmų planas "
                   "ir tai, kaip bus stebimas plano vykdymas.",
        "prepared": "Planą bendruomenė parengė per {n} susitikimus:",
        "attendance": "Iš viso susitikimuose dalyvavo {people}, iš jų pažeidžiamų grupių atstovų – {vulnerable}.",
        "attendance_simple": "Iš viso susitikimuose dalyvavo {people}.",
        "approved": "Planui pritarė: {body}, {date}.",
        "approved_on": "Patvirtinta",
        "approved_person": "Patvirtino",
        "approved_version": "Versija",
        "version_no": "Nr. {n}",
        "people_n": "Dalyvių sąraše – {n} žm. Plane rodomas tik jų skaičius.",
        "people_no_consent": "Dalyvių sąraše – {n} žm. Vardai plane neskelbiami, nes nepažymėtas dalyvių sutikimas.",
        "project_1": "Parengta įgyvendinant bendradarbiavimo projektą „{name}“, Nr. {no}",
        "project_2": "Lietuvos kaimo plėtros 2014–2020 metų programos LEADER priemonė",
        "copied": "Advokacijos veiksmai iš advokacijos plano įtraukti į veiksmų planą ir pažymėti „{kind}“.",
    },
    "en": {
        "draft": "DRAFT",
        "missing": "[not filled in]",
        "toc": "Contents",
        "intro": "Introduction",
        "plan_data": "Plan details",
        "table": "Table {n}. {caption}",
        "figure": "Figure {n}. {caption}",
        "page": "Page",
        "period": "Period",
        "period_value": "{a}–{b}",
        "total": "Total",
        "by_source": "Budget by funding source",
        "by_year": "Budget by year",
        "source": "Funding source",
        "year": "Year",
        "amount": "Amount, EUR",
        "not_stated": "Not stated",
        "power_map": "Power map",
        "influence": "Influence",
        "position": "Position",
        "against": "against",
        "for": "for",
        "alt_map": "Power map: decision-makers and influencers by influence (1–5) and position (from −2 "
                   "'actively against' to +2 'actively for'). ",
        "alt_item": "{name}: influence {influence}, position {position}",
        "intro_period": " for {a}–{b}",
        "purpose": "{org} prepared this development plan{period}. It describes the community and "
                   "its situation, the main needs, the vision, goals and objectives, the advocacy plan, the "
                   "action plan, and how the plan's progress will be followed.",
        "prepared": "The community prepared the plan in {n} sessions:",
        "attendance": "In all, {people} took part in the sessions, {vulnerable} of them from vulnerable groups.",
        "attendance_simple": "In all, {people} took part in the sessions.",
        "approved": "The plan was approved by: {body}, {date}.",
        "approved_on": "Approved on",
        "approved_person": "Approved by",
        "approved_version": "Version",
        "version_no": "No. {n}",
        "people_n": "The list holds {n} participants; the plan shows only their number.",
        "people_no_consent": "The list holds {n} participants; their names are not published because "
                             "their consent has not been recorded.",
        "project_1": "Prepared in the cooperation project \u201c{name}\u201d, No. {no}",
        "project_2": "LEADER measure of the Lithuanian Rural Development Programme 2014–2020",
        "copied": "Advocacy activities from the advocacy plan are included in the action plan, marked \u201c{kind}\u201d.",
    },
}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["lt"])
