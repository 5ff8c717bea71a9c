"""Money ("Biudžetas, Eur") is written as money everywhere: "1 250,50", "0,00", "300,00" on the
step after a reload, in the preview, the DOCX and the history; the text the input shows reads
back to the same amount, so saving a page unchanged is no change. Other decimals keep their
own precision ("4,5", "60")."""
import io

import pytest
from docx import Document
from sqlmodel import Session, func, select

from app.models import Change
from app.plan.answers import load_cells
from app.plan.catalogue import get_template
from app.plan.content import Field, FieldKind, Text
from app.plan.data import PlanData
from app.plan.display import display_value, input_number, is_money
from app.plan.kinds import parse_input
from app.web.views import input_text
from tests.documents.plan_fixtures import demo_plan
from tests.factories import login_as, make_plan, row

NBSP = "\u00a0"


def money(key: str = "budget_eur", **kw) -> Field:
    return Field(key=key, kind=FieldKind.DECIMAL, label=Text("Biudžetas, Eur", "Budget, EUR"), decimals=2, **kw)


def shown(field: Field, value) -> str:  # noqa: ANN001
    return display_value(None, PlanData(), field, value, "lt").replace(NBSP, " ")


@pytest.mark.parametrize("value, text", [(1250.5, "1 250,50"), (0, "0,00"), (300, "300,00"), (3500.25, "3 500,25"),
                                         (1000000, "1 000 000,00")])
def test_money_shows_both_places_and_input_reads_back(value, text: str) -> None:
    field = money()
    assert shown(field, value) == text
    assert input_text(field, value) == text == input_number(field, value)
    assert parse_input(field, [input_text(field, value)]) == value


def test_other_decimals_keep_their_own_precision() -> None:
    distance = Field(key="distance_km", kind=FieldKind.DECIMAL, label=Text("Atstumas", "Distance"), decimals=1)
    target = Field(key="target", kind=FieldKind.DECIMAL, label=Text("Sieksime", "Target"), decimals=2)
    assert (shown(distance, 4.5), shown(distance, 7), shown(target, 60), shown(target, 1.8)) == ("4,5", "7", "60", "1,80")
    assert (input_text(distance, 4.5), input_text(target, 1.8)) == ("4,5", "1,8")
    assert not is_money(distance) and not is_money(target)


def test_every_amount_of_euros_in_the_template_is_money() -> None:
    """The YAML names money by its key (``*_eur``): a decimal labelled in euros without it would
    show "0" and "1 250,5" again."""
    template = get_template()
    decimals = [c for f in template.fields.values() for c in (f, *f.columns) if c.kind is FieldKind.DECIMAL]
    in_euros = [c for c in decimals if "eur" in c.label.lt.casefold()]
    assert in_euros and all(is_money(c) and c.decimals == 2 for c in in_euros)
    assert "budget_eur" in {c.key for c in decimals if is_money(c)}


def _changes(engine) -> int:  # noqa: ANN001
    with Session(engine) as db:
        return db.exec(select(func.count()).select_from(Change)).one()


def test_step_shows_money_after_reload_and_saving_it_unchanged_is_no_change(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    action = row(engine, plan, "actions", measure="Stovykla", budget_eur=1250.5)
    free = row(engine, plan, "actions", measure="Talka", budget_eur=0)
    page = client.get(f"/plans/{plan}/steps/veiksmu-planas").text
    assert 'value="1 250,50"' in page and 'value="0,00"' in page
    before = _changes(engine)
    data = {"action": "save"}
    for rid, text in ((action, "1 250,50"), (free, "0,00")):
        path = f"actions/{rid}/budget_eur"
        data |= {f"v:{path}": text, f"rev:{path}": str(load_cells(engine, plan)[path].revision)}
    r = client.post(f"/plans/{plan}/steps/veiksmu-planas", data=data, follow_redirects=False)
    assert r.status_code == 303
    assert _changes(engine) == before
    assert load_cells(engine, plan)[f"actions/{action}/budget_eur"].value == 1250.5


def test_preview_and_docx_action_table_show_money(client, engine) -> None:
    plan = demo_plan(engine)  # budgets 300 and 3 500,5; the advocacy activities 0 and 50
    login_as(client, "coordinator")
    preview = client.get(f"/plans/{plan}/perziura").text.replace(NBSP, " ")
    for text in ("300,00", "3 500,50", "0,00", "50,00"):
        assert f">{text}<" in preview.replace("\n", "").replace("  ", "")
    content = client.get(f"/plans/{plan}/docx?version=draft").content
    doc = Document(io.BytesIO(content))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Eil. Nr.")
    column = [c.text for c in table.rows[0].cells].index("Biudžetas, Eur")
    assert [r.cells[column].text.replace(NBSP, " ") for r in table.rows[1:]] == ["300,00", "3 500,50", "0,00", "50,00"]


def test_history_shows_money(client, engine) -> None:
    plan = make_plan(engine)
    login_as(client, "team_member", plan=plan)
    rid = row(engine, plan, "actions", measure="Stovykla")
    path = f"actions/{rid}/budget_eur"
    r = client.post(f"/plans/{plan}/cells", data={f"v:{path}": "1250,5", f"rev:{path}": "0"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 200
    login_as(client, "coordinator")
    page = client.get(f"/plans/{plan}/istorija").text.replace(NBSP, " ")
    assert "1 250,50" in page
