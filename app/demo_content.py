"""Demo content, as data: the founding project's three LAGs, one invented community per LAG and
what its team has written so far. ``app/demo.py`` writes it; the Pakruojis plan, which goes on
through session 2, is in ``demo_content2.py``.

A plan is ``{"fields": {key: value}, "fixed": {table: {fixed_id: {column: value}}},
"rows": {table: [row, ...]}}``. A row is a dict of column values (``_id`` names it, and a ref
holds such names) or, for a list, the item's text. ``table`` and ``fixed`` spell rows compactly.
"""
from __future__ import annotations

from typing import Any


def mc(*slugs: str) -> dict[str, Any]:
    """A multichoice answer."""
    return {"selected": list(slugs), "other": ""}


def table(columns: str, *rows: tuple) -> list[dict[str, Any]]:
    """Rows given as tuples, in the order of the named columns."""
    keys = columns.split()
    return [dict(zip(keys, row)) for row in rows]


def fixed(columns: str, rows: dict[str, tuple]) -> dict[str, dict[str, Any]]:
    """Fixed rows by their fixed id, the values in the order of the named columns."""
    keys = columns.split()
    return {fixed_id: dict(zip(keys, values)) for fixed_id, values in rows.items()}


def ages(*counts: int) -> dict[str, dict[str, Any]]:
    """The age structure, youngest band first."""
    return fixed("count", dict(zip(("0-13", "14-29", "30-64", "65-79", "80-plus"), ((c,) for c in counts))))


PUBLICITY_LINE = ("Projektas „Vietos bendruomenių veiklos pokyčiai ir plėtra panaudojant advokaciją“ "
                  "(Nr. 44TT-PV-23-2-04488-PR001) finansuojamas pagal Lietuvos kaimo plėtros "
                  "2014–2020 metų programos priemonę „LEADER programa“")

# (name, short name, is the project's coordinator)
LAGS = [
    ("Kelmės krašto partnerystės vietos veiklos grupė", "Kelmės VVG", True),
    ("Vietos veiklos grupė „Pakruojo rajono partnerystė“", "Pakruojo VVG", False),
    ("Anykščių rajono vietos veiklos grupė", "Anykščių VVG", False),
]

# one community per LAG, in the order of LAGS
COMMUNITIES = [
    {"name": "Pašilės kaimo bendruomenė", "municipality": "kelme", "eldership": "Kražių seniūnija"},
    {"name": "Liepkalnio kaimo bendruomenė", "municipality": "pakruojis", "eldership": "Klovainių seniūnija"},
    {"name": "Ąžuolynės kaimo bendruomenė", "municipality": "anyksciai", "eldership": "Debeikių seniūnija"},
]

# ---------------------------------------------------------------- Kelmė: session 1 done

KELME: dict[str, Any] = {
    "fields": {
        "bo_code": "302145876",
        "plan_title": "Pašilės kaimo bendruomenės plėtros planas 2027–2031 m.",
        "period_from": 2027,
        "period_to": 2031,
        "facilitator": "Rasa Jankauskienė",
        "bo_founded": 2004,
        "bo_members": 46,
        "bo_chair": "Daiva Petrauskienė",
        "bo_contacts": "info@pasile.lt, +370 612 34567",
        "residents_total": 338,
        "residents_source": "Kražių seniūnijos duomenys",
        "residents_source_date": "2026-01-01",
        "age_approx": True,
        "identity": (
            "Pašilė įsikūrusi pušyno pakraštyje, netoli Kražių. Mūsų seneliai pasakodavo apie 1893 m. Kražių "
            "skerdynes – kai kurie jų protėviai tada gynė bažnyčią. Kaimas garsėjo linininkais ir audėjomis: dar ir "
            "šiandien senolės saugo savo austas lovatieses ir juostas. Prie Pašilės upelio stovi medinė koplytėlė, "
            "kurią 1936 m. pastatė vietos meistras. Kiekvieną vasarą prie tvenkinio švenčiame Jonines, į kurias "
            "sugrįžta ir išvykę kaimo vaikai su šeimomis. Didžiuojamės moterų ansambliu „Pašilaitės“, kuris dainuoja "
            "jau daugiau nei dvidešimt metų, ir tuo, kad prireikus į talką susirenka visas kaimas."),
        "data_methods": mc("survey", "meeting", "conversations", "walk", "institutions"),
        "survey_n": 63,
        "swot_conclusions": (
            "Didžiausia mūsų stiprybė – žmonės, kurie ateina į talkas, ir savi bendruomenės namai. Remdamiesi jais "
            "galime pasinaudoti LEADER ir savivaldybės kvietimais: sutvarkyti namus ir pritraukti į veiklas daugiau "
            "jaunų šeimų. Išvykusių kraštiečių norą padėti verta paversti parama ir naujomis idėjomis. Gyventojų "
            "mažėjimo nesustabdysime, bet galime pasirūpinti, kad senjorai nebūtų vieniši, o vaikai ir jaunimas "
            "turėtų kur susitikti. Dėl kelių ir autobusų teks kalbėtis su seniūnija ir savivaldybe – patys to "
            "nepakeisime."),
    },
    "fixed": {
        "age_structure": ages(38, 47, 152, 71, 30),
        "infrastructure": fixed("condition comment", {
            "roads": ("poor", "Žvyrkelis į Beržynėlį ir Dvarkiemį pavasarį ir rudenį duobėtas, sunkiai pravažiuojamas."),
            "public_transport": ("poor", "Autobusas į Kelmę važiuoja du kartus per dieną, savaitgaliais nevažiuoja."),
            "water": ("fair", "Pašilėje yra vandentiekis, Beržynėlyje ir Dvarkiemyje – tik šuliniai."),
            "street_lighting": ("fair", "Apšviesta tik pagrindinė Pašilės gatvė, šalutinėse gatvėse tamsu."),
            "internet": ("fair", "Mobilusis internetas veikia, bet Raistelyje ryšys silpnas."),
            "community_house": ("fair", "Bendruomenės namai buvusioje mokykloje; reikia taisyti stogą ir šildymą."),
            "playgrounds": ("poor", "Vaikų žaidimų aikštelė įrengta 2009 m., sūpynės sulūžusios."),
            "shop": ("fair", "Viena nedidelė parduotuvė, du kartus per savaitę atvažiuoja autoparduotuvė."),
            "health_care": ("poor", "Artimiausia ambulatorija Kražiuose, už 7 km; senjorams sunku nuvykti."),
            "social_services": ("fair", "Socialinė darbuotoja lanko kelis senjorus, bet pagalbos į namus trūksta."),
            "school": ("none", "Mokykla uždaryta 2012 m., vaikai mokykliniu autobusu važiuoja į Kražius."),
            "library": ("good", "Bibliotekos filialas dirba tris dienas per savaitę, yra kompiuteriai."),
            "public_spaces": ("fair", "Prie bendruomenės namų yra aikštė šventėms, bet trūksta suoliukų."),
            "cemetery": ("good", "Kapinės prižiūrimos, kasmet prieš Vėlines rengiame talką."),
            "other": ("poor", "Paštas: skyrius uždarytas, siuntas galima atsiimti tik Kražiuose."),
        }),
    },
    "rows": {
        "villages": table(
            "name residents distance_km seniunaitija",
            ("Pašilė", 212, 7.5, "Pašilės seniūnaitija"),
            ("Beržynėlis", 64, 9.2, "Pašilės seniūnaitija"),
            ("Dvarkiemis", 37, 11.0, "Dvarkiemio seniūnaitija"),
            ("Raistelis", 19, 12.4, "Dvarkiemio seniūnaitija"),
        ),
        "organisations": table(
            "name type relationship",
            ("Kražių seniūnija", "eldership",
             "Padeda organizuoti talkas, skiria lėšų šventėms ir žvyrkelių priežiūrai."),
            ("Kelmės rajono savivaldybės viešosios bibliotekos Pašilės filialas", "library",
             "Kartu rengiame vakarones, vaikų vasaros skaitymus ir kompiuterio mokymus senjorams."),
            ("Kražių gimnazija", "school", "Čia mokosi mūsų vaikai; galėtume kartu rengti vasaros užimtumą."),
            ("Kražių ambulatorija", "medical", "Galėtume pakviesti slaugytoją pasikalbėti su senjorais apie sveikatą."),
            ("Kelmės rajono socialinių paslaugų centras", "social_services",
             "Socialinė darbuotoja lanko vienišus senjorus; norime kartu plėsti pagalbą į namus."),
            ("Kražių parapija", "parish", "Kartu rengiame atlaidus ir kapinių tvarkymo talką."),
            ("Ūkininko Jono Kazlausko ūkis", "business", "Talkoms paskolina traktorių, žiemą nuvalo sniegą nuo kelio."),
            ("Kelmės krašto partnerystės vietos veiklos grupė", "ngo",
             "Konsultuoja rengiant projektus ir padeda rengti šį planą."),
        ),
        "past_projects": table(
            "year title funder result",
            (2015, "Bendruomenės namų langų keitimas", "Kelmės rajono savivaldybė",
             "Pakeisti 8 langai, namuose šilčiau, mažesnės šildymo išlaidos."),
            (2019, "Vaikų vasaros stovykla „Pažink savo kraštą“", "Kelmės krašto partnerystės VVG (LEADER)",
             "Dalyvavo 24 vaikai, aplankėme Kražių ir Tytuvėnų apylinkes."),
            (2023, "Tvenkinio pakrantės sutvarkymas", "Nacionalinė parama kaimo bendruomenėms (ŽŪM)",
             "Sutvarkyta poilsio vieta, pastatyta pavėsinė ir du suoliukai."),
        ),
        "assets_people": [
            "Buvusi mokytoja Aldona – moko vaikus ir padeda senjorams su kompiuteriu",
            "Ūkininkas Jonas su technika – padeda talkose ir valant sniegą",
            "Audėja Stasė – moka austi juostas ir sutinka mokyti kitus",
            "Jaunas stalius Mantas – gali pagaminti suoliukų ir pavėsinę",
            "Apie 15 savanorių, kurie visada ateina į talkas",
        ],
        "assets_associations": ["Moterų vokalinis ansamblis „Pašilaitės“", "Senjorų klubas „Sidabrinė gija“",
                                "Jaunimo būrelis (8 paaugliai)", "Medžiotojų būrelis „Šilas“"],
        "assets_institutions": ["Bibliotekos filialas su kompiuteriais ir internetu", "Kražių seniūnija",
                                "Kražių parapija", "Kražių gimnazija ir jos mokyklinis autobusas"],
        "assets_physical": ["Bendruomenės namai su sale 80 žmonių", "Tvenkinys su sutvarkyta pakrante ir pavėsine",
                            "Aikštė šventėms prie bendruomenės namų", "Pušynas su pėsčiųjų taku"],
        "assets_economy": ["Penki ūkininkų ūkiai (grūdai, pienas)", "Parduotuvė Pašilėje",
                           "Kaimo turizmo sodyba „Pušų pavėsis“", "Bitininkas, parduodantis medų ir vašką"],
        "assets_culture": ["Joninių šventė prie tvenkinio", "Audimo ir linininkystės tradicijos",
                           "Medinė koplytėlė prie Pašilės upelio (1936 m.)", "Pasakojimai apie Kražių skerdynes",
                           "Pušynas ir Pašilės upelio slėnis"],
        "vulnerable_groups": table(
            "group approx_count main_barriers how_involved",
            ("elderly", 45, "Gyvena vieni, toli nuo ambulatorijos ir parduotuvės, be automobilio niekur nenuvyksta.",
             "Aplankėme namuose ir užrašėme jų nuomonę; tris senjorus atvežėme į susitikimą."),
            ("disability", 12, "Bendruomenės namuose nėra pandaus ir pritaikyto tualeto.",
             "Paskambinome ir paklausėme nuomonės telefonu."),
            ("large_families", 6, "Trūksta pinigų vaikų būreliams ir kelionėms į Kelmę.",
             "Pakvietėme per vaikų tėvų grupę ir mokyklinio autobuso vairuotoją."),
            ("youth_fewer_opportunities", 9, "Po pamokų neturi kur būti, nėra kuo nuvykti į būrelius Kelmėje.",
             "Jaunimo būrelio nariai patys apklausė bendraamžius."),
        ),
        "strengths": table(
            "text source",
            ("Aktyvūs savanoriai: į talkas susirenka 15–20 žmonių", "susirinkimas"),
            ("Turime savo bendruomenės namus su didele sale", "susirinkimas"),
            ("Gyvos tradicijos: Joninės, ansamblis „Pašilaitės“, audimas", "apklausa"),
            ("Patirtis rengiant ir vykdant projektus: trys projektai per dešimt metų", "kita"),
            ("Geri santykiai su seniūnija, biblioteka ir parapija", "susirinkimas"),
        ),
        "weaknesses": table(
            "text source",
            ("Veikloje dalyvauja vis tie patys 10–15 žmonių, mažai jaunų", "susirinkimas"),
            ("Bendruomenės namams reikia remonto, žiemą juos brangu šildyti", "kita"),
            ("Valdybos nariai pavargę, trūksta naujų lyderių", "susirinkimas"),
            ("Mažai informacijos apie veiklas: nėra skelbimų lentos, „Facebook“ puslapis atnaujinamas retai",
             "apklausa"),
            ("Neturime lėšų nuosavam indėliui į didesnius projektus", "kita"),
        ),
        "opportunities": table(
            "text source",
            ("LEADER programos kvietimai per Kelmės krašto partnerystės VVG", "kita"),
            ("Savivaldybės NVO projektų konkursas ir dalyvaujamasis biudžetas", "kita"),
            ("Išvykę kraštiečiai nori prisidėti prie kaimo gyvenimo", "apklausa"),
            ("Kražių apylinkėse daugėja turistų", "statistika"),
            ("Priemonė „Stiprinti bendruomeninę veiklą savivaldybėse“", "kita"),
        ),
        "threats": table(
            "text source",
            ("Gyventojų mažėja: per dešimt metų – beveik penktadaliu", "statistika"),
            ("Jauni žmonės išvyksta į miestus ir į užsienį", "statistika"),
            ("Gali būti atsisakyta dar vieno autobuso reiso į Kelmę", "susirinkimas"),
            ("Brangsta šildymas ir elektra bendruomenės namams", "kita"),
            ("Prastėja žvyrkelių būklė, jų priežiūrai skiriama mažai lėšų", "apklausa"),
        ),
        "needs": table(
            "title domain",
            ("Vieniši senjorai neturi kuo nuvykti pas gydytoją ir į parduotuvę", "transport"),
            ("Žvyrkelis į Beržynėlį ir Dvarkiemį pavasarį ir rudenį beveik neišvažiuojamas", "infrastructure"),
            ("Vaikai ir paaugliai po pamokų neturi kur saugiai leisti laiko", "education_leisure"),
            ("Bendruomenės namuose žiemą šalta, o šildymas labai brangus", "infrastructure"),
            ("Į veiklą neįsitraukia jaunos šeimos ir naujakuriai", "community"),
            ("Šalutinės Pašilės gatvės neapšviestos, vakarais eiti nesaugu", "safety"),
            ("Bendruomenės namai nepritaikyti žmonėms su negalia", "infrastructure"),
        ),
    },
}

# ---------------------------------------------------------------- Anykščiai: a fresh plan

ANYKSCIAI: dict[str, Any] = {
    "fields": {
        "plan_title": "Ąžuolynės kaimo bendruomenės plėtros planas 2027–2030 m.",
        "period_from": 2027,
        "period_to": 2030,
    },
}
