"""The dashboards as people see them: each role its sections, only the plans it reaches, and
the coordinator's figures the same on the page, in the CSV and in the XLSX."""
from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from tests.dashboards.conftest import ANYKSCIAI, KELME
from tests.factories import add_role, login_as, make_person, sign_in_client

NAMES = {"pasile": "Pašilės kaimo bendruomenė", "silenai": "Šilėnų bendruomenė",
         "zalioji": "Žaliosios kaimo bendruomenė", "azuolyne": "Ąžuolynės kaimo bendruomenė",
         "debeikiai": "Debeikių bendruomenė"}


def shown(page: str) -> set[str]:
    return {key for key, name in NAMES.items() if name in page}


def test_lag_staff_see_only_their_lags_plans_with_downloads(client, engine, world) -> None:
    login_as(client, "lag_staff", lag=world.kelme)
    page = client.get("/").text
    assert shown(page) == {"pasile", "silenai", "zalioji"}
    assert ANYKSCIAI not in page
    assert f'/plans/{world.plans["zalioji"]}/docx?version=draft' in page
    assert f'/plans/{world.plans["pasile"]}/patvirtintas.docx' in page
    assert f'/plans/{world.plans["silenai"]}/patvirtintas.docx' not in page
    assert "/darbuotojai/patvirtinti.zip" in page and "grąžintas taisyti" in page


def test_facilitator_sees_only_their_plans_and_what_waits_for_review(client, engine, world) -> None:
    login_as(client, "facilitator", plan=world.plans["silenai"])
    page = client.get("/").text
    assert shown(page) == {"silenai"}
    waiting = page.split("Laukia mano peržiūros")[1].split("</div>")[0]
    assert "Šilėnų bendruomenė" in waiting and "atvirų pastabų: 2" in waiting
    assert re.search(r"Susitikimų įvyko</dt><dd>2 iš 3</dd>", page)
    assert page.count("<progress") == 3  # one bar per session
    assert "/ataskaita" not in page


def test_team_member_keeps_the_plain_list(client, engine, world) -> None:
    login_as(client, "team_member", plan=world.plans["pasile"])
    page = client.get("/").text
    assert shown(page) == {"pasile"} and "<progress" not in page and "Projekto rodikliai" not in page


def test_person_with_two_roles_sees_both_sections(client, engine, world) -> None:
    person = make_person(engine, "Rasa Dvivaidmenė", "rasa@example.lt")
    add_role(engine, person, "facilitator", plan_id=world.plans["azuolyne"], lag_id=world.anyksciai)
    add_role(engine, person, "lag_staff", lag_id=world.kelme)
    sign_in_client(client, engine, person)
    page = client.get("/").text
    assert "Mano moderuojami planai" in page and "Mano VVG bendruomenių planai" in page
    assert shown(page) == {"pasile", "silenai", "zalioji", "azuolyne"}


def page_table(page: str) -> list[list[str]]:
    table = page.split('id="report-table"')[1].split("</table>")[0]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        rows.append([re.sub(r"\s", "", c.strip()) if c.strip().replace("\xa0", "").replace(" ", "").isdigit()
                     else c.strip() for c in cells])
    return rows


def test_report_page_csv_and_xlsx_agree(client, engine, world) -> None:
    login_as(client, "coordinator")
    html = page_table(client.get("/ataskaita").text)
    raw = client.get("/ataskaita.csv")
    assert raw.content.startswith(b"\xef\xbb\xbf") and raw.headers["content-type"].startswith("text/csv")
    from_csv = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig")), delimiter=";"))
    book = load_workbook(io.BytesIO(client.get("/ataskaita.xlsx").content))
    from_xlsx = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert all(isinstance(v, int) for row in from_xlsx[1:] for v in row[1:])  # number cells, not text
    assert html == from_csv == [[str(v) for v in row] for row in from_xlsx]
    assert [r[0] for r in html[1:]] == [KELME, ANYKSCIAI, "Iš viso"]
    heading = html[0]
    total = dict(zip(heading, html[-1]))
    assert (total["Patvirtinta"], total["Susitikimų įvyko"], total["Dalyvių"]) == ("2", "9", "114")


def test_coordinator_front_page_shows_every_lag_against_its_target(client, engine, world) -> None:
    login_as(client, "coordinator")
    page = client.get("/").text
    assert "Projekto rodikliai" in page and KELME in page and ANYKSCIAI in page
    assert 'aria-label="Patvirtinti planai: 1 iš 4"' in page  # each LAG: 1 approved of 4
    assert 'aria-label="Įvykę susitikimai: 9 iš 24"' in page  # the total
    assert shown(page) == set(NAMES)  # a project's dozen plans all listed
    assert f'href="/?vvg={world.kelme}#vvg-planai"' in page


def test_coordinator_of_many_plans_opens_one_lags_plans(client, engine, world, monkeypatch) -> None:
    from app.web.routes import dashboards

    monkeypatch.setattr(dashboards, "LIST_ALL", 4)  # a country's plans: one LAG at a time
    login_as(client, "coordinator")
    assert shown(client.get("/").text) == set()
    page = client.get(f"/?vvg={world.kelme}").text
    assert shown(page) == {"pasile", "silenai", "zalioji"}
    assert f'/plans/{world.plans["pasile"]}/patvirtintas.docx' in page
    for junk in ("abc", "-1", "9" * 40):
        r = client.get(f"/?vvg={junk}")
        assert r.status_code == 200 and shown(r.text) == set()


def test_report_is_the_coordinators_only(client, engine, world) -> None:
    login_as(client, "lag_staff", lag=world.kelme)
    for url in ("/ataskaita", "/ataskaita.csv", "/ataskaita.xlsx"):
        assert client.get(url).status_code == 403


def test_report_in_english_has_english_headings(client, engine, world) -> None:
    login_as(client, "coordinator")
    client.cookies.set("lang", "en", domain="testserver.local")
    rows = list(csv.reader(io.StringIO(client.get("/ataskaita.csv").content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["LAG", "Plans (target)"] and rows[-1][0] == "Total"
