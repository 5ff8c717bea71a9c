"""Plans for the document tests: a demo-like plan filled through all three sessions, and a
maximal one (every table at its limit, every text at its maximum length, 200 actions)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.models import Cell, Lag, PlanRow
from app.plan.rows import new_row_id
from app.plan.catalogue import get_template
from app.plan.content import Field, FieldKind
from app.plan.kinds import encode
from tests.factories import answer, make_lag, make_plan, row

PUBLICITY = "Projektas finansuojamas pagal Lietuvos kaimo plėtros 2014–2020 m. programos LEADER priemonę."


def make_demo_lag(engine: Engine) -> Lag:
    """The coordinating LAG with its publicity line (created once per database)."""
    with Session(engine) as db:
        found = db.exec(select(Lag)).first()
    lag = found or make_lag(engine)
    with Session(engine) as db:
        lag = db.get(Lag, lag.id)
        lag.publicity_line = PUBLICITY
        db.add(lag)
        db.commit()
        db.refresh(lag)
        return lag


def _ms(*values: str, other: str = "") -> dict:
    return {"selected": list(values), "other": other}


def fixed_row_id(table: str, fixed: str) -> str:
    return f"{table}-{fixed}"[:40]


DEMO_VALUES: dict[str, Any] = {
    "plan_title": "Pašilės kaimo bendruomenės plėtros planas 2026–2030 m.",
    "bo_code": "302345678", "period_from": 2026, "period_to": 2030, "facilitator": "Rūta Žemaitienė",
    "bo_founded": 2004, "bo_members": 46, "bo_chair": "Ona Petraitienė",
    "bo_contacts": "pasile@example.lt, +370 612 34567",
    "residents_total": 412, "residents_source": "Tytuvėnų seniūnijos duomenys",
    "residents_source_date": "2025-01-01", "age_approx": True,
    "identity": "Pašilė minima nuo XVI a. Kaime veikia folkloro ansamblis „Šilų aidas“.\n"
                "Kasmet rugpjūtį vyksta Žolinės šventė, į kurią suvažiuoja kraštiečiai.",
    "data_methods": _ms("survey", "meeting", "conversations"), "survey_n": 87,
    "swot_conclusions": "Stipri bendruomenė ir aktyvūs senjorai leidžia pasinaudoti LEADER ir savivaldybės "
                        "programomis. Didžiausia grėsmė – jaunimo išvykimas, todėl pirmenybę teikiame vaikų "
                        "ir jaunimo saugumui bei laisvalaikiui.",
    "priority_method": "combined", "participants_voting": 24,
    "vision_year": 2032,
    "vision": "2032 m. Pašilė – saugus, gyvas kaimas: vaikai į mokyklą eina apšviestu taku, senjorai "
              "susitinka bendruomenės namuose, o jaunimas turi kur sportuoti ir susiburti.",
    "mission": "Telkiame Pašilės gyventojus bendrai veiklai, atstovaujame jų interesams ir kartu kuriame "
               "saugią, draugišką aplinką visoms kartoms.",
    "adv_title": "Saugus pėsčiųjų takas iki mokyklos",
    "adv_point_a": "Šiuo metu 37 vaikai į Pašilės mokyklą eina 1,8 km kelio kraštu, kuriame nėra šaligatvio "
                   "ir apšvietimo. Žiemą vaikai eina tamsoje, o 2024 m. įvyko du pavojingi incidentai.",
    "adv_affected": _ms("children", "elderly"), "adv_affected_comment": "37 vaikai ir apie 20 senjorų.",
    "adv_point_b": "Iki 2027 m. rudens įrengtas apšviestas pėsčiųjų ir dviračių takas nuo kaimo centro iki mokyklos.",
    "adv_goal": "Iki 2027 m. savivaldybė įrengia apšviestą taką iki Pašilės mokyklos.",
    "decision_body": _ms("council", "administration"), "decision_process": _ms("budget", "investment_plan"),
    "decision_window": "2026-09-15", "decision_window_note": "Rugsėjį renkami pasiūlymai 2027 m. biudžetui.",
    "core_message": "37 Pašilės vaikai kasdien eina tamsiu kelio kraštu. Prašome 2027 m. biudžete skirti "
                    "lėšų apšviestam takui iki mokyklos.",
    "story": "Trečiokė Austėja žiemą į mokyklą eina su prožektoriumi ant kuprinės.",
    "tactics": _ms("meeting_mayor", "official_letter", "budget_proposals", "sub_elders_meeting"),
    "mon_responsible": "Valdybos narė Rasa Kazlauskienė", "mon_frequency": "half_yearly",
    "mon_report_to": _ms("general_meeting", "lag"), "mon_next_review": "2026-12-01",
    "mon_update_rule": "Pakeitimus siūlo valdyba, tvirtina visuotinis narių susirinkimas.",
    "participants_numbers_only": False, "participants_consent": True,
    "other_consultation": "Aplankėme 6 senjorus namuose, kurie negalėjo atvykti į susitikimus.",
    "approved_by": "general_meeting", "approved_date": "2025-06-30", "protocol_no": "VS-3",
}


def fill_demo(engine: Engine, plan_id: int) -> dict[str, list[str]]:
    """Every required answer and most optional ones, as a team would after session 3."""
    ids: dict[str, list[str]] = {}

    def add(table: str, **values: Any) -> str:
        rid = row(engine, plan_id, table, **values)
        ids.setdefault(table, []).append(rid)
        return rid

    for key, value in DEMO_VALUES.items():
        answer(engine, plan_id, key, value)
    add("villages", name="Pašilė", residents=298, distance_km=4.5, seniunaitija="Pašilės")
    add("villages", name="Gudeliai", residents=114, distance_km=7.2)
    for fixed, count in (("0-13", 48), ("14-29", 61), ("30-64", 190), ("65-79", 82), ("80-plus", 31)):
        answer(engine, plan_id, f"age_structure/{fixed_row_id('age_structure', fixed)}/count", count)
    add("vulnerable_groups", group="elderly", approx_count=40, main_barriers="Nėra transporto į miestelį",
        how_involved="Aplankėme namuose")
    add("vulnerable_groups", group="disability", approx_count=12, main_barriers="Sunku išeiti iš namų")
    add("organisations", name="Pašilės pagrindinė mokykla", type="school", relationship="Bendri renginiai")
    add("organisations", name="Tytuvėnų seniūnija", type="eldership")
    for item in ("Bendruomenės namai", "Ansamblis „Šilų aidas“"):
        add("assets_physical" if "namai" in item else "assets_associations", text=item)
    for fixed in ("roads", "public_transport", "water", "street_lighting", "internet", "community_house",
                  "playgrounds", "shop", "health_care", "social_services", "school", "library",
                  "public_spaces", "cemetery", "other"):
        condition = {"roads": "poor", "street_lighting": "none", "community_house": "good"}.get(fixed, "fair")
        answer(engine, plan_id, f"infrastructure/{fixed_row_id('infrastructure', fixed)}/condition", condition)
    answer(engine, plan_id, f"infrastructure/{fixed_row_id('infrastructure', 'roads')}/comment",
           "Žvyrkelis iki mokyklos duobėtas")
    add("past_projects", year=2019, title="Vaikų žaidimų aikštelė", funder="VVG", result="Įrengta aikštelė")
    for table, items in (("strengths", ("Aktyvūs senjorai", "Bendruomenės namai", "Stiprios tradicijos")),
                         ("weaknesses", ("Mažai jaunimo", "Trūksta lėšų", "Nėra savanorių koordinatoriaus")),
                         ("opportunities", ("LEADER kvietimai", "Dalyvaujamasis biudžetas", "Kaimyninės bendruomenės")),
                         ("threats", ("Gyventojų mažėja", "Uždaromas medicinos punktas", "Blogi keliai"))):
        for i, item in enumerate(items):
            add(table, text=item, source="apklausa" if i == 0 else None)
    needs = [
        ("Nėra saugaus tako vaikams į mokyklą", "infrastructure", "municipality", 5, 5, 5, 4, 3, 5, 14, 1),
        ("Trūksta užimtumo jaunimui", "education_leisure", "bo_partners", 4, 3, 3, 3, 4, 4, 6, None),
        ("Vienišiems senjorams sunku nuvykti pas gydytoją", "social_services", "municipality",
         3, 4, 4, 5, 3, 3, 4, None),
    ]
    for title, domain, who, s1, s2, s3, s4, s5, s6, votes, _ in needs:
        add("needs", title=title, domain=domain, who_can_solve=who, affected=_ms("children", "youth"),
            affected_n=60, evidence="Apklausoje tai nurodė 41 iš 87 gyventojų.", scale=s1, severity=s2,
            urgency=s3, vulnerable_impact=s4, feasibility=s5, support=s6, dot_votes=votes)
    need_ids = ids["needs"]
    answer(engine, plan_id, "priorities", need_ids[:2])
    answer(engine, plan_id, "adv_need", need_ids[0])
    add("problem_tree", need=need_ids[0], causes="Nėra šaligatvio\nNėra apšvietimo", effects="Tėvai veža vaikus")
    for value in ("Atvirumas", "Talka", "Pagarba"):
        add("values", text=value)
    g1 = add("goals", title="Saugi aplinka vaikams ir senjorams", needs=[need_ids[0]],
             description="Tikslas – kad vaikai ir senjorai saugiai judėtų kaime.")
    g2 = add("goals", title="Jaunimo užimtumas", needs=[need_ids[1]])
    o1 = add("objectives", goal=g1, text="Iki 2027 m. pasiekti, kad būtų įrengtas apšviestas takas",
             smart=_ms("specific", "measurable", "achievable", "relevant", "time_bound"), is_advocacy=True)
    o2 = add("objectives", goal=g2, text="Kasmet surengti 4 jaunimo vasaros stovyklas",
             smart=_ms("specific", "measurable", "time_bound"))
    add("indicators", objective=o1, name="Įrengto tako ilgis", type="produkto", unit="km", baseline=0,
        target=1.8, target_date="2027-10-01", source="Savivaldybės aktai")
    add("indicators", objective=o2, name="Stovyklų dalyvių skaičius", type="rezultato", unit="žmonės",
        baseline=0, target=60, target_date="2030-09-01", source="Dalyvių sąrašai")
    add("adv_evidence", kind="number", text="37 vaikai eina kelio kraštu", source="Mokyklos duomenys")
    add("adv_evidence", kind="story", text="Du pavojingi incidentai 2024 m. žiemą", source="Tėvų pasakojimai")
    add("adv_causes", text="Takas neįtrauktas į savivaldybės investicijų planą")
    mayor = add("targets", name="Kelmės r. savivaldybės meras", role="primary", influence=5, position="0",
                interest=3, motives="Rinkėjų nuomonė", access="Per seniūną")
    add("targets", name="Tarybos Ekonomikos komitetas", role="primary", influence=4, position="1", interest=4)
    add("targets", name="Tytuvėnų seniūnas", role="secondary", influence=3, position="2", interest=5)
    add("targets", name="Kelių skyriaus vedėjas", role="secondary", influence=3, position="-1")
    add("adv_objectives", text="Takas įtrauktas į 2027 m. biudžetą", change_type="budget",
        decision_maker=mayor, deadline="2026-12-20")
    add("allies", who="Mokyklos tėvų komitetas", contribution="Parašai", status="agreed")
    add("opponents", who="Dalis tarybos narių", arguments="Trūksta lėšų", response="Dalinis finansavimas")
    add("asks", target=mayor, ask="Skirti 45 000 Eur 2027 m. biudžete tako projektui", deadline="2026-11-30")
    add("audience_messages", audience=mayor, message="Saugūs vaikai – gera savivaldybės reputacija",
        messenger="Mokyklos direktorė")
    add("adv_actions", activity="Susitikimas su meru", target=mayor, responsible="Ona Petraitienė",
        date="2026-05-15", budget_eur=0, indicator="Susitikimas įvyko")
    add("adv_actions", activity="Pasiūlymas biudžeto projektui", responsible="Rasa Kazlauskienė",
        date="2026-09-10", resources="Parašų lapai", budget_eur=50)
    add("adv_risks", risk="Atsisakymas dėl lėšų", likelihood="medium", mitigation="Siūlyti etapus")
    add("adv_milestones", marker="meeting_held", target_date="2026-05-15", achieved=False)
    add("adv_milestones", marker="funds_allocated", target_date="2026-12-20", achieved=False)
    add("actions", objective=o1, measure="Parengti tako schemą su seniūnija", kind="community",
        responsible="Jonas Jonaitis", start="2026-03-01", end="2026-05-01", budget_eur=300,
        funding=_ms("own_funds"), indicator="Parengta 1 schema", beneficiaries=_ms("children"), status="planned",
        partners="Tytuvėnų seniūnija", steps="Išmatuoti\nNubraižyti")
    add("actions", objective=o2, measure="Jaunimo vasaros stovykla", kind="project",
        responsible="Greta Petrauskaitė", start="2027-06-01", end="2027-08-31", budget_eur=3500.5,
        funding=_ms("lag_leader", "municipal_ngo_call"), indicator="20 dalyvių",
        beneficiaries=_ms("youth"), status="planned")
    for fixed, (date, place, n, vulnerable) in {
            "1": ("2025-03-03", "Pašilės bendruomenės namai", 18, 5),
            "2": ("2025-04-07", "Pašilės bendruomenės namai", 21, 6),
            "3": ("2025-05-12", "Pašilės mokykla", 16, 4)}.items():
        rid = fixed_row_id("sessions", fixed)
        for col, value in (("date", date), ("place", place), ("participants_n", n), ("vulnerable_n", vulnerable)):
            answer(engine, plan_id, f"sessions/{rid}/{col}", value)
    add("participants", name="Ona Petraitienė", role="pirmininkė")
    add("participants", name="Jonas Jonaitis", role="gyventojas")
    add("presented_to", whom="elder", date="2025-07-10")
    add("annexes", text="Apklausos rezultatai")
    add("annexes", text="Galios žemėlapis")
    return ids


def demo_plan(engine: Engine) -> int:
    plan_id = make_plan(engine, lag=make_demo_lag(engine))
    fill_demo(engine, plan_id)
    return plan_id


# ---------------------------------------------------------------- the maximal plan

def _max_text(length: int, seed: str) -> str:
    base = f"{seed} – ąčęėįšųūž „citata“ 🌾 "
    return (base * (length // len(base) + 1))[:length]


def _max_value(col: Field, n: int, ids: dict[str, list[str]]) -> Any:
    kind = col.kind
    if kind in (FieldKind.SHORT, FieldKind.LONG) and col.pattern:
        return "9" * (col.max_len or 9)  # the one patterned field is a 9-digit code
    if kind in (FieldKind.SHORT, FieldKind.LONG):
        length = col.max_len or (1000 if kind is FieldKind.SHORT else 20000)
        return _max_text(length, f"{col.key} {n}")
    if kind in (FieldKind.NUMBER, FieldKind.DECIMAL):
        return int(col.max_value if col.max_value is not None else 999999) if kind is FieldKind.NUMBER \
            else float(col.max_value if col.max_value is not None else 999999.99)
    if kind is FieldKind.YEAR:
        return int(col.max_value or 2030)
    if kind is FieldKind.DATE:
        return f"2027-{(n % 12) + 1:02d}-{(n % 28) + 1:02d}"
    if kind is FieldKind.BOOL:
        return n % 2 == 0
    if kind is FieldKind.CHOICE:
        if col.allow_other:
            return {"selected": "other", "other": _max_text(200, "kita")}
        return col.options[n % len(col.options)].value if col.options else "1"
    if kind is FieldKind.MULTICHOICE:
        return {"selected": [o.value for o in col.options] + (["other"] if col.allow_other else []),
                "other": _max_text(200, "kita") if col.allow_other else ""}
    if kind is FieldKind.REF:
        targets = ids.get(col.ref_table or "", [])
        if not targets:
            return None
        return targets[: (col.max_items or 5)] if col.ref_multiple else targets[n % len(targets)]
    return None


def _bulk(engine: Engine, plan_id: int, table: Field, count: int, ids: dict[str, list[str]]) -> None:
    rows, cells = [], []
    existing = [] if not table.fixed_rows else [fixed_row_id(table.key, fr.id) for fr in table.fixed_rows]
    for n in range(count):
        rid = existing[n] if n < len(existing) else new_row_id()
        if n >= len(existing):
            rows.append({"plan_id": plan_id, "table_key": table.key, "row_id": rid, "position": n + 100})
        ids.setdefault(table.key, []).append(rid)
        for col in table.columns:
            value = _max_value(col, n, ids)
            if value is not None and col.kind is not FieldKind.COMPUTED:
                cells.append({"plan_id": plan_id, "path": f"{table.key}/{rid}/{col.key}",
                              "value_json": encode(value), "revision": 1})
    with engine.begin() as conn:
        if rows:
            conn.execute(insert(PlanRow.__table__), rows)
        if cells:
            conn.execute(insert(Cell.__table__), cells)


#: Tables filled before the ones that refer to them (ref columns need their rows).
ORDER = ("needs", "goals", "objectives", "targets")


def maximal_plan(engine: Engine, actions: int = 200) -> int:
    """Every table at its maximum rows (50 where the YAML sets none; 200 actions), every text at
    its maximum length, every multichoice with every option and "other"."""
    template = get_template()
    plan_id = make_plan(engine, "Didžiausios „Ąžuolų“ kaimo bendruomenė", lag=make_demo_lag(engine))
    ids: dict[str, list[str]] = {}
    tables = sorted((f for f in template.fields.values() if f.is_rows),
                    key=lambda f: ORDER.index(f.key) if f.key in ORDER else len(ORDER))
    for table in tables:
        count = actions if table.key == "actions" else table.max_rows or (
            len(table.fixed_rows) if table.fixed_rows else 50)
        _bulk(engine, plan_id, table, count, ids)
    with engine.connect() as conn:
        present = {p for (p,) in conn.execute(select(Cell.__table__.c.path).where(Cell.__table__.c.plan_id == plan_id))}
    for field in template.fields.values():
        if field.is_rows or field.kind is FieldKind.COMPUTED:
            continue
        value = _max_value(field, 0, ids)
        if field.options_from == "lags":
            continue
        if field.kind is FieldKind.BOOL:
            value = field.key != "participants_numbers_only"
        if value is not None:
            answer(engine, plan_id, field.key, value)
    return plan_id
