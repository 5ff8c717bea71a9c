"""The content model: every template loads, every spec key is there, faults stop start-up."""
from pathlib import Path

import pytest

from app.plan.catalogue import TEMPLATES_DIR, TemplateError, load_template
from app.plan.content import FieldKind

SPEC_KEYS = """bo_name bo_code plan_title period_from period_to municipality eldership lag facilitator
version status bo_founded bo_members bo_chair bo_contacts villages residents_total residents_source
age_structure age_approx vulnerable_groups organisations infrastructure identity past_projects
data_methods survey_n strengths weaknesses opportunities threats swot_conclusions needs
priority_method participants_voting priorities problem_tree vision_year vision mission values goals
objectives indicators adv_need adv_title adv_point_a adv_evidence adv_causes adv_affected adv_point_b
adv_goal adv_objectives decision_body decision_process decision_window targets allies opponents asks
core_message audience_messages story tactics adv_actions adv_risks adv_milestones actions
mon_responsible mon_frequency mon_report_to mon_next_review mon_update_rule sessions participants
other_consultation approved_by approved_date protocol_no presented_to""".split()

ACTION_COLUMNS = """no objective measure steps kind responsible partners start end resources budget_eur
funding indicator beneficiaries communication status""".split()


@pytest.mark.parametrize("path", sorted(TEMPLATES_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_template_loads(path: Path) -> None:
    template = load_template(path)
    assert template.fields and template.sessions


def test_template_has_every_spec_key(template) -> None:
    missing = [k for k in SPEC_KEYS if k not in template.fields]
    assert missing == []
    assert [c.key for c in template.fields["actions"].columns] == ACTION_COLUMNS


def test_template_has_three_sessions_and_sections_a_to_k(template) -> None:
    assert [s.number for s in template.sessions] == [1, 2, 3]
    assert [s.letter for s in template.sections] == list("ABCDEFGHIJK")


def test_template_fixed_rows_of_spec(template) -> None:
    assert len(template.fields["age_structure"].fixed_rows) == 5
    assert len(template.fields["infrastructure"].fixed_rows) >= 14
    assert template.fields["needs"].row_label == "title"


def test_template_r1_gates_follow_spec(template) -> None:
    gated = {k: f.gate_session for k, f in template.fields.items() if f.gate_session}
    assert gated["villages"] == 1 and gated["residents_total"] == 1 and gated["needs"] == 1
    assert gated["vision"] == 2 and gated["priorities"] == 2 and gated["adv_title"] == 2
    assert gated["adv_actions"] == 3 and gated["mon_next_review"] == 3


def test_every_computation_and_check_exists(template) -> None:
    from app.plan.checks import CHECKS
    from app.plan.computed import COMPUTATIONS

    names = {c.compute for f in template.fields.values() for c in (f, *f.columns) if c.compute}
    assert names <= set(COMPUTATIONS)
    checks = {w for f in template.fields.values() for w in f.warnings}
    assert checks <= set(CHECKS)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(body, encoding="utf-8")
    return path


BASE = """
id: broken
title: {lt: X}
sections:
  - letter: A
    title: {lt: A}
    fields:
%s
sessions:
  - number: 1
    title: {lt: S}
    steps:
      - slug: one
        title: {lt: One}
        fields: [a]
"""


@pytest.mark.parametrize("field, fault", [
    ("      - {key: a, kind: shortish, label: {lt: A}}", "unknown kind 'shortish'"),
    ("      - {key: a, kind: short}", "field 'a' label"),
    ("      - {key: a, kind: choice, label: {lt: A}}", "needs options"),
    ("      - {key: a, kind: table, label: {lt: A}}", "a table needs columns"),
    ("      - {key: a, kind: ref, label: {lt: A}, ref_table: nowhere}", "ref_table 'nowhere'"),
    ("      - {key: a, kind: short, label: {lt: A}, maxlen: 3}", "unknown setting(s) ['maxlen']"),
    ("      - {key: a, kind: short, label: {lt: A}, rule: R2}", "rule must be R or O"),
    ("      - {key: a, kind: number, label: {lt: A}, decimals: 2}", "decimals is only for decimal fields"),
    ("      - {key: a, kind: decimal, label: {lt: A}, decimals: 7}", "decimals must be a whole number 0–6"),
    ("      - {key: a, kind: decimal, label: {lt: A}, decimals: two}", "decimals must be a whole number 0–6"),
    ("      - {key: a, kind: decimal, label: {lt: A}, decimals: 4}", "need more than 15 digits"),
    ("      - {key: a, kind: number, label: {lt: A}, max: 1.0e+20}", "a limit must be a number within"),
    ("      - {key: a, kind: decimal, label: {lt: A}, min: .nan}", "a limit must be a number within"),
])
def test_malformed_template_names_file_field_and_fault(tmp_path: Path, field: str, fault: str) -> None:
    with pytest.raises(TemplateError) as err:
        load_template(_write(tmp_path, BASE % field))
    assert "broken.yaml" in str(err.value) and fault in str(err.value)


def test_field_on_no_step_is_refused(tmp_path: Path) -> None:
    body = BASE % "      - {key: a, kind: short, label: {lt: A}}\n      - {key: b, kind: short, label: {lt: B}}"
    with pytest.raises(TemplateError, match="on no step: \\['b'\\]"):
        load_template(_write(tmp_path, body))


def test_added_yaml_field_appears_everywhere(tmp_path: Path) -> None:
    """A field added to the YAML gets a widget, validation and progress with no code change."""
    body = BASE % "      - {key: a, kind: number, label: {lt: Naujas}, rule: R, min: 1, max: 5}"
    template = load_template(_write(tmp_path, body))
    from app.plan.data import PlanData
    from app.plan.wizard import plan_progress

    assert template.fields["a"].kind is FieldKind.NUMBER
    assert plan_progress(template, PlanData()).total == 1
    assert plan_progress(template, PlanData(values={"a": 3})).done


def test_every_decimal_declares_its_places_and_defaults_to_two(tmp_path: Path, template) -> None:
    decimals = [c for f in template.fields.values() for c in (f, *f.columns) if c.kind is FieldKind.DECIMAL]
    assert decimals and all(c.decimals is not None for c in decimals)
    assert template.fields["actions"].column("budget_eur").decimals == 2
    plain = load_template(_write(tmp_path, BASE % "      - {key: a, kind: decimal, label: {lt: A}}"))
    assert plain.fields["a"].decimals == 2
