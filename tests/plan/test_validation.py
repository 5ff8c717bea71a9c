"""Validation, gates, visibility and progress over the real template (no database)."""
from app.plan.data import PlanData, RowData
from app.plan.findings import Severity
from app.plan.validation import field_missing, gate_findings, invalid_values, is_visible, required_findings
from app.plan.wizard import leaves_session, neighbours, plan_progress, session_progress, step_progress


def _session1_complete() -> PlanData:
    return PlanData(
        values={"residents_total": 320},
        tables={
            "villages": [RowData("v1", {"name": "Pašilė"})],
            "vulnerable_groups": [RowData("g1", {"group": "elderly_alone", "main_barriers": "Toli iki ambulatorijos"})],
            "needs": [RowData(f"n{i}", {"title": f"Problema {i}", "domain": "infrastructure"}) for i in range(3)],
        })


def test_session1_gate_lists_each_missing_r1_answer(template) -> None:
    missing = gate_findings(template, PlanData(), 1)
    fields = {f.field for f in missing}
    assert {"villages", "residents_total", "vulnerable_groups", "needs"} <= fields
    assert all(f.severity is Severity.MISSING and f.gate_session == 1 for f in missing)


def test_session1_gate_passes_with_need_titles_only(template) -> None:
    """Session 1 asks only for what its own steps show: need titles and domains, not evidence."""
    gated = {f.field for f in gate_findings(template, _session1_complete(), 1)}
    assert "needs" not in gated and "villages" not in gated and "residents_total" not in gated


def test_required_column_missing_names_the_row(template) -> None:
    data = PlanData(tables={"villages": [RowData("v1", {}), RowData("v2", {"name": "Beržynė"})]})
    missing = field_missing(template.fields["villages"], data)
    assert [f.path for f in missing] == ["villages/v1/name"]
    assert "1 eilutė" in missing[0].message.lt


def test_min_rows_and_min_items(template) -> None:
    needs = [RowData("n1", {"title": "A", "domain": "infrastructure"})]
    missing = field_missing(template.fields["needs"], PlanData(tables={"needs": needs}), columns=["title", "domain"])
    assert "bent 3" in missing[0].message.lt
    short = field_missing(template.fields["priorities"], PlanData(values={"priorities": ["n1"]}))
    assert "bent 2" in short[0].message.lt


def test_visibility_hides_scoring_columns_unless_method_scores(template) -> None:
    score = template.fields["needs"].column("severity")
    assert not is_visible(score, PlanData(values={"priority_method": "dots"}))
    assert is_visible(score, PlanData(values={"priority_method": "scores"}))


def test_progress_counts_required_fields_once(template) -> None:
    empty = plan_progress(template, PlanData())
    assert empty.filled == 0 and empty.total > 20
    assert empty.total == len([f for f in template.fields.values() if (f.required or f.gate_session) and f.kind.value != 'computed' and f.visible_if is None])
    data = _session1_complete()
    s1 = session_progress(template, data, 1)
    assert 0 < s1.filled < s1.total
    step = template.step("bendruomene")
    assert step_progress(template, data, step).filled >= 2
    # a table shown on several steps counts on each, on that step's columns
    assert step_progress(template, PlanData(), template.step("poreikiai")).total >= 1
    assert session_progress(template, data, 2).total > 0


def test_required_findings_on_empty_plan_cover_r_fields(template) -> None:
    keys = {f.field for f in required_findings(template, PlanData())}
    assert {"bo_name", "plan_title", "vision", "actions", "approved_date"} <= keys


def test_too_short_required_text_is_not_filled(template) -> None:
    missing = field_missing(template.fields["vision"], PlanData(values={"vision": "Gražu."}))
    assert "per trumpai" in missing[0].message.lt


def test_invalid_stored_values_are_reported(template) -> None:
    data = PlanData(values={"residents_total": 999_999, "bo_chair": "x" * 500})
    paths = {f.path for f in invalid_values(template, data)}
    assert paths == {"residents_total", "bo_chair"}


def test_step_order_crosses_sessions(template) -> None:
    last_of_1 = template.session(1).steps[-1].slug
    assert leaves_session(template, last_of_1) == 1
    assert neighbours(template, last_of_1)[1].slug == template.session(2).steps[0].slug
    assert neighbours(template, template.steps()[0].slug)[0] is None
