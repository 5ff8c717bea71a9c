"""One ZIP of the approved plans in reach: the stored bytes, the community's name with its
Lithuanian letters, and a page (not an empty file) when there are none."""
from __future__ import annotations

import io
import zipfile
from urllib.parse import unquote

from tests.dashboards.conftest import approve_doc
from tests.factories import login_as


def entries(response) -> dict[str, bytes]:  # noqa: ANN001
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    for info in archive.infolist():
        assert info.flag_bits & 0x800, f"{info.filename}: the UTF-8 flag is not set"
    return {info.filename: archive.read(info) for info in archive.infolist()}


def test_zip_holds_the_approved_documents_byte_for_byte(client, engine, world) -> None:
    login_as(client, "coordinator")
    r = client.get("/darbuotojai/patvirtinti.zip")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    files = entries(r)
    assert files == {"Pašilės_kaimo_bendruomenė_2025-07-01.docx": world.docs["pasile"],
                     "Ąžuolynės_kaimo_bendruomenė_2025-07-01.docx": world.docs["azuolyne"]}


def test_zip_of_lag_staff_holds_only_their_lag_and_is_named_after_it(client, engine, world) -> None:
    login_as(client, "lag_staff", lag=world.anyksciai)
    r = client.get("/darbuotojai/patvirtinti.zip")
    assert list(entries(r)) == ["Ąžuolynės_kaimo_bendruomenė_2025-07-01.docx"]
    disposition = r.headers["content-disposition"]
    plain = disposition.split('filename="')[1].split('"')[0]
    assert plain.isascii() and plain.startswith("Anyksciu_rajono")
    assert unquote(disposition.split("filename*=UTF-8''")[1]).startswith("Anykščių_rajono_vietos_veiklos_grupė")


def test_same_community_names_do_not_overwrite_each_other(client, engine, world) -> None:
    from tests.factories import make_plan
    from sqlmodel import Session

    from app.models import Lag

    with Session(engine) as db:
        lag = db.get(Lag, world.anyksciai)
    twin = make_plan(engine, "Ąžuolynės kaimo bendruomenė", lag=lag)
    approve_doc(engine, twin, b"PK-twin")
    login_as(client, "lag_staff", lag=world.anyksciai)
    files = entries(client.get("/darbuotojai/patvirtinti.zip"))
    assert sorted(files.values()) == sorted([b"PK-twin", world.docs["azuolyne"]])
    assert "Ąžuolynės_kaimo_bendruomenė_2025-07-01_2.docx" in files


def test_no_approved_plans_is_a_page_saying_so(client, engine) -> None:
    from tests.factories import make_plan

    make_plan(engine)
    login_as(client, "coordinator")
    r = client.get("/darbuotojai/patvirtinti.zip")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Patvirtintų planų dar nėra" in r.text


def test_facilitator_may_not_download_the_zip(client, engine, world) -> None:
    login_as(client, "facilitator", plan=world.plans["pasile"])
    assert client.get("/darbuotojai/patvirtinti.zip").status_code == 403
