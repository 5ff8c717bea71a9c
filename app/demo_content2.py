"""Demo content, continued: the Pakruojis plan, filled through session 2 (needs described and
scored, priorities, problem trees, vision, goals, objectives, indicators, the advocacy issue).
Format: see ``demo_content.py``."""
from __future__ import annotations

from typing import Any

from app.demo_content import ages, fixed, mc, table

SMART = mc("specific", "measurable", "achievable", "relevant", "time_bound")


def scored(votes: int, *scores: int) -> dict[str, int]:
    """Criteria scores in the template's order (scale … support) and the dot votes."""
    keys = ("scale", "severity", "urgency", "vulnerable_impact", "feasibility", "support")
    return {**dict(zip(keys, scores)), "dot_votes": votes}


def lines(*items: str) -> str:
    """A problem-tree cell: one cause or effect per line."""
    return "\n".join(items)


PAKRUOJIS: dict[str, Any] = {
    "fields": {
        "bo_code": "302398514",
        "plan_title": "Liepkalnio kaimo bendruomenės plėtros planas 2027–2031 m.",
        "period_from": 2027,
        "period_to": 2031,
        "facilitator": "Giedrius Vaitkus",
        "bo_founded": 2003,
        "bo_members": 58,
        "bo_chair": "Vida Kairienė",
        "bo_contacts": "info@liepkalnis.lt, +370 645 12345",
        "residents_total": 430,
        "residents_source": "Klovainių seniūnijos duomenys",
        "residents_source_date": "2026-01-01",
        "age_approx": False,
        "identity": (
            "Liepkalnis minimas nuo XVI a., kai čia stovėjo dvaras. Iš jo liko liepų alėja ir dalis parko – nuo jų "
            "kilo ir kaimo vardas. Sovietmečiu čia buvo kolūkio centras su mokykla, kultūros namais ir medicinos "
            "punktu, tad kaimas buvo jaunas ir gyvas. Dabar daug kas uždaryta, bet žmonės liko darbštūs ir vieningi. "
            "Kasmet liepos pabaigoje dvaro parke švenčiame Onines, rudenį – derliaus šventę, o mūsų kapela "
            "„Liepžiedis“ groja visame rajone. Didžiuojamės, kad patys sutvarkėme liepų alėją ir pasodinome 60 naujų "
            "liepų."),
        "data_methods": mc("survey", "meeting", "conversations", "statistics", "institutions"),
        "survey_n": 87,
        "swot_conclusions": (
            "Turime tvirtą pagrindą: vieningus žmones, suremontuotą salę, aktyvų senjorų klubą ir savanorį "
            "vairuotoją. Šias stiprybes, pasinaudodami VVG ir savivaldybės kvietimais, panaudosime, kad senjorai "
            "nebūtų vieniši, o vaikai turėtų užimtumą. Didžiausia grėsmė – mažėjantys autobusų reisai: be ryto ir "
            "vakaro autobuso žmonės negali dirbti, gydytis ir tvarkyti reikalų. Savivaldybė rengia naują maršrutų "
            "tvarką, todėl dabar pats laikas pasiekti, kad joje būtų atsižvelgta ir į mūsų kaimą. Kad tai pavyktų, "
            "turime įtraukti daugiau jaunų žmonių ir geriau informuoti gyventojus."),
        # session 2
        "priority_method": "combined",
        "participants_voting": 21,
        "priorities": ["bus", "seniors", "youth"],
        "vision_year": 2035,
        "vision": (
            "2035 m. Liepkalnis – gyvas ir draugiškas kaimas, kuriame gera gyventi visų kartų žmonėms. Rytais ir "
            "vakarais autobusu patogiai nuvykstame į darbą, mokslus ir pas gydytoją. Senjorai nėra vieniši: juos "
            "lanko savanoriai, o kas savaitę susitinkame šiltuose bendruomenės namuose. Vaikai ir jaunimas turi "
            "savo erdvę ir didžiuojasi savo kaimu, o naujakuriai greitai tampa savi."),
        "mission": (
            "Liepkalnio kaimo bendruomenė vienija Liepkalnio, Pievėnų ir Gudeliškių gyventojus, kad kartu "
            "spręstume kaimo rūpesčius, rūpintumės silpnesniais, puoselėtume tradicijas ir atstovautume kaimo "
            "žmonių interesams savivaldybėje."),
        "adv_need": "bus",
        "adv_title": "Ryto ir vakaro autobusas Liepkalnis–Pakruojis darbo dienomis",
    },
    "fixed": {
        "age_structure": ages(47, 61, 196, 88, 38),
        "infrastructure": fixed("condition comment", {
            "roads": ("fair", "Pagrindinė gatvė asfaltuota, bet kelias į Gudeliškius – duobėtas žvyrkelis."),
            "public_transport": ("poor", "Į Pakruojį tik vienas autobusas: išvyksta 11.20 val., grįžta 15.40 val."),
            "water": ("good", "Liepkalnyje centralizuotas vandentiekis ir nuotekos, vanduo geras."),
            "street_lighting": ("poor", "Šviečia tik 6 žibintai prie kelio, Pievėnuose apšvietimo nėra."),
            "internet": ("good", "Šviesolaidinis internetas, geras mobilusis ryšys."),
            "community_house": ("fair", "Salė suremontuota, bet seni langai ir elektrinis šildymas – žiemą šalta."),
            "playgrounds": ("fair", "Yra krepšinio aikštelė, vaikų žaidimų aikštelės nėra."),
            "shop": ("good", "Dvi parduotuvės, dirba ir savaitgaliais."),
            "health_care": ("poor", "Medicinos punktas uždarytas 2019 m., artimiausia ambulatorija Klovainiuose."),
            "social_services": ("poor", "Pagalbą į namus gauna tik 4 žmonės, eilėje laukiama kelis mėnesius."),
            "school": ("fair", "Veikia darželio grupė, mokiniai važiuoja į Klovainius mokykliniu autobusu."),
            "library": ("good", "Biblioteka dirba penkias dienas per savaitę, vyksta renginiai."),
            "public_spaces": ("fair", "Dvaro parkas tinka renginiams, bet trūksta suoliukų ir šiukšliadėžių."),
            "cemetery": ("fair", "Senosios kapinės apaugusios, trūksta tako ir konteinerio šiukšlėms."),
            "other": ("poor", "Buvusios mokyklos pastatas tuščias nuo 2011 m., stogas kiauras."),
        }),
        "criteria_weights": fixed("weight", {"scale": (1,), "severity": (1,), "urgency": (1,),
                                             "vulnerable_impact": (2,), "feasibility": (1,), "support": (1,)}),
    },
    "rows": {
        "villages": table(
            "name residents distance_km seniunaitija",
            ("Liepkalnis", 286, 6.5, "Liepkalnio seniūnaitija"),
            ("Pievėnai", 94, 8.0, "Liepkalnio seniūnaitija"),
            ("Gudeliškiai", 41, 10.5, "Gudeliškių seniūnaitija"),
        ),
        "organisations": table(
            "name type relationship",
            ("Klovainių seniūnija", "eldership",
             "Padeda surengti talkas ir šventes; kaimo rūpesčius keliame seniūnaičių sueigoje."),
            ("Pakruojo rajono savivaldybės viešosios bibliotekos Liepkalnio filialas", "library",
             "Kartu rengiame popietes senjorams ir vaikų užimtumą vasarą."),
            ("Klovainių mokyklos-darželio Liepkalnio skyrius", "school",
             "Kartu rengiame Kalėdų ir Vaikų gynimo dienos šventes."),
            ("Pakruojo socialinių paslaugų centras", "social_services",
             "Socialinė darbuotoja atvyksta kartą per savaitę; tariamės dėl pagalbos į namus."),
            ("Pakruojo pirminės sveikatos priežiūros centras", "medical",
             "Galėtų kartą per mėnesį atsiųsti slaugytoją į bendruomenės namus."),
            ("Liepkalnio parapija", "parish", "Kartu rengiame Onines ir rūpinamės senosiomis kapinėmis."),
            ("UAB „Liepkalnio agro“", "business", "Remia vaikų šventes, talkoms paskolina techniką."),
            ("Vietos veiklos grupė „Pakruojo rajono partnerystė“", "ngo",
             "Konsultuoja rengiant projektus, rengia mokymus apie advokaciją."),
        ),
        "past_projects": table(
            "year title funder result",
            (2012, "Liepų alėjos atsodinimas", "Pakruojo rajono savivaldybės aplinkos apsaugos rėmimo programa",
             "Pasodintos 60 liepų, sutvarkyta 800 m alėja."),
            (2018, "Bendruomenės namų salės remontas", "VVG „Pakruojo rajono partnerystė“ (LEADER)",
             "Suremontuota salė, įsigyta 60 kėdžių ir įgarsinimo įranga."),
            (2024, "Senjorų popietės „Kartu smagiau“", "Pakruojo rajono savivaldybės NVO projektų konkursas",
             "Per metus surengta 20 popiečių, dalyvavo 25 senjorai."),
        ),
        "assets_people": [
            "Buvusi felčerė Janina – pataria sveikatos klausimais, matuoja kraujospūdį",
            "Vairuotojas Algirdas su mikroautobusu – sutinka vežti senjorus",
            "Jaunimo lyderė Gabija, kuri jau organizuoja vaikų žaidimus",
            "Kulinarė Birutė – moko kepti šakotį",
            "Kapelos „Liepžiedis“ muzikantai",
        ],
        "assets_associations": ["Kapela „Liepžiedis“", "Senjorų klubas „Bočiai“", "Moterų klubas „Liepa“",
                                "Krepšinio komanda „Liepkalnio ąžuolai“"],
        "assets_institutions": ["Klovainių seniūnija", "Bibliotekos filialas", "Darželio grupė Liepkalnyje",
                                "Liepkalnio parapija"],
        "assets_physical": ["Bendruomenės namai su suremontuota sale", "Dvaro parkas, tvenkinys ir liepų alėja",
                            "Krepšinio aikštelė", "Tuščias buvusios mokyklos pastatas – galimybė ateičiai"],
        "assets_economy": ["Žemės ūkio bendrovė UAB „Liepkalnio agro“ – didžiausias darbdavys", "12 ūkininkų ūkių",
                           "Dvi parduotuvės", "Kaimo turizmo sodyba „Liepų užuovėja“", "Namų kepėjos ir bitininkai"],
        "assets_culture": ["Oninės dvaro parke", "Derliaus šventė rudenį", "Dvaro sodybos liekanos ir liepų alėja",
                           "Šakočio kepimo tradicija", "Senosios kapinės su XIX a. antkapiais"],
        "vulnerable_groups": table(
            "group approx_count main_barriers how_involved",
            ("elderly", 62, "Gyvena vieni, be automobilio negali nuvykti pas gydytoją ir tvarkyti reikalų Pakruojyje.",
             "Lankėme namuose, aptarėme senjorų klube, į susitikimą atvežėme mikroautobusu."),
            ("disability", 18, "Sunku išeiti iš namų, trūksta pagalbos į namus, bendruomenės namuose nėra pandaus.",
             "Paskambinome ir aplankėme; nuomonę padėjo užrašyti socialinė darbuotoja."),
            ("unemployed", 16, "Be ryto autobuso negali važinėti į darbą Pakruojyje ar Šiauliuose.",
             "Kalbinome parduotuvėje ir seniūnijoje, pakvietėme į susitikimą."),
            ("youth_fewer_opportunities", 11, "Po pamokų neturi kur susitikti, būreliai vyksta tik Pakruojyje.",
             "Jaunimo lyderė surengė atskirą pokalbį su paaugliais krepšinio aikštelėje."),
        ),
        "strengths": table(
            "text source",
            ("Vieninga ir darbšti bendruomenė: į talkas ateina 20–30 žmonių", "susirinkimas"),
            ("Suremontuota bendruomenės namų salė ir įranga renginiams", "kita"),
            ("Aktyvus senjorų klubas ir kapela „Liepžiedis“", "apklausa"),
            ("Turime savanorį vairuotoją su mikroautobusu", "susirinkimas"),
            ("Patirtis vykdant projektus su savivaldybe ir VVG", "kita"),
        ),
        "weaknesses": table(
            "text source",
            ("Beveik neturime jaunų narių, veikloms trūksta naujų žmonių", "susirinkimas"),
            ("Vaikams ir paaugliams neorganizuojame jokios užimtumo veiklos", "apklausa"),
            ("Bendruomenės namuose seni langai ir brangus šildymas, žiemą šalta", "kita"),
            ("Apie renginius sužino ne visi: informacija sklinda tik iš lūpų į lūpas", "apklausa"),
        ),
        "opportunities": table(
            "text source",
            ("VVG „Pakruojo rajono partnerystė“ kvietimai ir mokymai apie advokaciją", "kita"),
            ("Savivaldybė rengia naują viešojo transporto maršrutų tvarką", "kita"),
            ("Seniūnijoje vyksta dalyvaujamasis biudžetas – galima teikti idėjas", "kita"),
            ("Pakruojo socialinių paslaugų centras plečia pagalbą į namus", "kita"),
            ("Žemės ūkio bendrovė pasirengusi remti vaikų veiklas", "susirinkimas"),
        ),
        "threats": table(
            "text source",
            ("Gyventojų per dešimt metų sumažėjo apie 20 %", "statistika"),
            ("Savivaldybė gali retinti nuostolingus autobusų reisus", "susirinkimas"),
            ("Daugėja vienišų senyvo amžiaus žmonių", "statistika"),
            ("Apleistas mokyklos pastatas griūva ir darosi pavojingas", "susirinkimas"),
            ("Brangstanti energija didina bendruomenės namų išlaikymo kainą", "kita"),
        ),
        "needs": [
            {"_id": "bus", "title": "Nėra autobuso į Pakruojį darbo dienų rytais ir vakarais",
             "evidence": "Vienintelis reisas išvyksta 11.20 val. ir grįžta 15.40 val. Apklausoje 58 iš 87 atsakiusiųjų "
                         "tai įvardijo kaip didžiausią problemą. Bent 16 žmonių negali dirbti Pakruojyje, nes "
                         "nenuvyksta laiku, o senjorai pas gydytoją važiuoja su kaimynais arba taksi už 25 Eur.",
             "domain": "transport", "affected": mc("all", "elderly", "disability", "unemployed", "youth"),
             "affected_n": 260, "who_can_solve": "municipality", **scored(17, 5, 5, 4, 5, 3, 5)},
            {"_id": "seniors", "title": "Vieniši senjorai neturi pagalbos namuose ir retai su kuo nors susitinka",
             "evidence": "Kaime gyvena 62 vieniši senjorai, 14 jų beveik neišeina iš namų. Pagalbą į namus gauna tik "
                         "4 žmonės, dar 6 laukia eilėje. Aplankyti senjorai pasakojo, kad kartais visą savaitę "
                         "neturi su kuo pasikalbėti.",
             "domain": "social_services", "affected": mc("elderly", "disability"), "affected_n": 80,
             "who_can_solve": "bo_partners", **scored(14, 4, 5, 4, 5, 4, 4)},
            {"_id": "youth", "title": "Vaikai ir paaugliai po pamokų neturi kur saugiai ir prasmingai leisti laiko",
             "evidence": "Kaime gyvena 47 vaikai iki 13 metų ir 61 jaunas žmogus. Būreliai vyksta tik Pakruojyje, o "
                         "vakarinio autobuso nėra. Paaugliai susitikime sakė, kad vakarais renkasi prie "
                         "parduotuvės, nes daugiau nėra kur eiti.",
             "domain": "education_leisure", "affected": mc("children", "youth", "youth_fewer_opportunities",
                                                           "large_families"),
             "affected_n": 90, "who_can_solve": "bo_partners", **scored(12, 3, 4, 3, 4, 5, 4)},
            {"title": "Pievėnuose ir šalutinėse Liepkalnio gatvėse nėra apšvietimo",
             "evidence": "Apšviesta tik pagrindinė gatvė (6 žibintai). Rudenį ir žiemą vaikai į mokyklinį autobusą "
                         "eina tamsoje; 2025 m. gruodį kelyje buvo partrenktas pėsčiasis.",
             "domain": "safety", "affected": mc("all", "children", "elderly"), "affected_n": 140,
             "who_can_solve": "municipality", **scored(8, 4, 3, 3, 2, 3, 4)},
            {"title": "Apleistas buvusios mokyklos pastatas griūva ir yra pavojingas",
             "evidence": "Savivaldybei priklausantis pastatas tuščias nuo 2011 m.: kiauras stogas, išdaužyti langai. "
                         "Jame žaidžia vaikai.",
             "domain": "infrastructure", "affected": mc("all", "children"), "affected_n": 120,
             "who_can_solve": "municipality", **scored(4, 2, 3, 2, 1, 2, 3)},
            {"title": "Bendruomenės namuose žiemą šalta, todėl renginiai vyksta tik šiltuoju metų laiku",
             "evidence": "Langai nekeisti nuo 1985 m., šildoma elektriniais radiatoriais. Per 2025–2026 m. žiemą už "
                         "elektrą sumokėjome 2 300 Eur – beveik pusę visų bendruomenės pajamų.",
             "domain": "infrastructure", "affected": mc("all", "elderly"), "affected_n": 150,
             "who_can_solve": "bo_partners", **scored(6, 3, 3, 3, 2, 4, 3)},
            {"title": "Į bendruomenės veiklą įsitraukia mažai jaunų žmonių ir naujakurių",
             "evidence": "Iš 58 narių tik 7 jaunesni nei 40 metų. Per pastaruosius metus į kaimą atsikėlė 5 jaunos "
                         "šeimos, bet nė viena netapo bendruomenės nare.",
             "domain": "community", "affected": mc("all", "youth"), "affected_n": 100,
             "who_can_solve": "bo_self", **scored(2, 2, 2, 2, 1, 5, 2)},
        ],
        "problem_tree": table(
            "need causes effects",
            ("bus",
             lines("Ryto reiso atsisakyta 2020 m., nes jis buvo nuostolingas",
                   "Savivaldybė reisus planuoja pagal keleivių skaičių, o gyventojų mažėja",
                   "Niekas iš kaimo nėra pateikęs savivaldybei prašymo su skaičiais",
                   "Nėra jokio kito transporto: užsakomojo ar socialinio pavėžėjimo"),
             lines("Žmonės negali dirbti Pakruojyje ir Šiauliuose, daugėja bedarbių",
                   "Senjorai praleidžia vizitus pas gydytoją arba moka už taksi",
                   "Jaunos šeimos išsikelia į miestą",
                   "Paaugliai negali lankyti būrelių")),
            ("seniors",
             lines("Trūksta socialinių darbuotojų, pagalbos į namus eilė ilga",
                   "Vaikai gyvena toli – miestuose ar užsienyje",
                   "Žiemą nėra šiltos vietos susitikti",
                   "Senjorai nedrįsta prašyti pagalbos"),
             lines("Vienatvė ir prastėjanti sveikata",
                   "Senjorams anksčiau prireikia globos įstaigos",
                   "Bendruomenė netenka vyresniųjų patirties ir žinių")),
            ("youth",
             lines("Kaime nėra patalpos ir vadovo jaunimo veiklai",
                   "Būreliai vyksta tik Pakruojyje, o vakarinio autobuso nėra",
                   "Tėvai dirba toli ir neturi laiko vežioti vaikų"),
             lines("Paaugliai vakarus leidžia prie parduotuvės, atsiranda žalingų įpročių",
                   "Vaikai mažiau juda ir mažiau bendrauja",
                   "Baigę mokyklą jaunuoliai išvyksta ir nebegrįžta")),
        ),
        "values": ["Kaimynystė ir pagalba vieni kitiems", "Pagarba kiekvienai kartai", "Atvirumas naujiems žmonėms",
                   "Talka ir atsakomybė", "Tradicijų puoselėjimas"],
        "goals": table(
            "_id needs title description",
            ("g1", ["bus"], "Gyventojai be automobilio gali laiku nuvykti į darbą, pas gydytoją ir į būrelius",
             "Siekiame, kad savivaldybė grąžintų ryto ir vakaro reisus į Pakruojį, o kol jų nėra, patys "
             "organizuojame pavėžėjimą tiems, kam jo labiausiai reikia."),
            ("g2", ["seniors"], "Vieniši senjorai gauna pagalbą ir jaučiasi bendruomenės dalimi",
             "Kartu su socialinių paslaugų centru ir savanoriais rūpinamės, kad senjorai būtų lankomi, turėtų kur "
             "susitikti ir laiku gautų pagalbą."),
            ("g3", ["youth"], "Vaikai ir jaunimas turi saugią ir įdomią laisvalaikio erdvę kaime",
             "Įrengiame jaunimo erdvę bendruomenės namuose ir rengiame veiklas, kurias vaikai ir paaugliai renkasi "
             "patys."),
        ),
        "objectives": table(
            "_id goal is_advocacy smart text",
            ("o11", "g1", True, SMART, "Iki 2028 m. rugsėjo 1 d. pasiekti, kad savivaldybė darbo dienomis įvestų "
             "ryto (apie 7 val.) ir vakaro (apie 18 val.) autobuso reisus Liepkalnis–Pakruojis"),
            ("o12", "g1", False, SMART, "Nuo 2027 m. kovo bent 2 kartus per mėnesį savanorių mikroautobusu vežti "
             "senjorus pas gydytoją į Klovainius ir Pakruojį"),
            ("o21", "g2", False, SMART, "Nuo 2027 m. sausio kas savaitę bendruomenės namuose rengti senjorų "
             "popietes, į kurias ateitų bent 20 senjorų"),
            ("o22", "g2", False, mc("specific", "measurable", "relevant", "time_bound"), "Iki 2028 m. pabaigos "
             "kartu su Pakruojo socialinių paslaugų centru parengti 8 savanorius, kurie reguliariai lankytų vienišus "
             "senjorus"),
            ("o31", "g3", False, SMART, "Iki 2029 m. birželio įrengti jaunimo erdvę bendruomenės namų antrame aukšte "
             "ir ją atidaryti bent 3 vakarus per savaitę"),
            ("o32", "g3", False, SMART, "Kasmet nuo 2027 m. vasarą rengti dviejų savaičių dienos stovyklą bent 25 "
             "vaikams"),
        ),
        "indicators": table(
            "objective type unit baseline target target_date name source",
            ("o11", "rezultato", "reisai per dieną", 0, 2, "2028-09-01",
             "Darbo dienų ryto ir vakaro reisų Liepkalnis–Pakruojis skaičius",
             "Savivaldybės patvirtintas autobusų tvarkaraštis"),
            ("o11", "rezultato", "žmonės", 0, 15, "2029-06-30",
             "Gyventojai, autobusu reguliariai vykstantys į darbą ar mokslus", "Bendruomenės apklausa"),
            ("o12", "produkto", "kelionės", 0, 24, "2027-12-31", "Senjorų kelionės pas gydytoją per metus",
             "Pavėžėjimo žurnalas"),
            ("o21", "produkto", "popietės", 20, 45, "2027-12-31", "Senjorų popietės per metus",
             "Renginių dalyvių sąrašai"),
            ("o21", "rezultato", "žmonės", 12, 20, "2028-12-31", "Senjorai, reguliariai ateinantys į popietes",
             "Renginių dalyvių sąrašai"),
            ("o22", "rezultato", "žmonės", 0, 8, "2028-12-31", "Savanoriai, reguliariai lankantys vienišus senjorus",
             "Socialinių paslaugų centro ir bendruomenės duomenys"),
            ("o31", "produkto", "vnt.", 0, 1, "2029-06-30", "Įrengta ir veikianti jaunimo erdvė",
             "Valdybos ataskaita visuotiniam susirinkimui"),
            ("o31", "rezultato", "žmonės", 0, 20, "2030-12-31", "Jaunuoliai, bent kartą per mėnesį ateinantys į erdvę",
             "Lankytojų registracijos žurnalas"),
            ("o32", "rezultato", "vaikai", 0, 25, "2027-08-31", "Vaikai, dalyvavę vasaros stovykloje",
             "Stovyklos dalyvių sąrašas"),
        ),
    },
}
