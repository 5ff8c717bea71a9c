"""The workflow is one declared table: each transition names a permission action whose
statuses are exactly the ones it leaves, and a broken table fails loudly at start-up."""
from __future__ import annotations

import dataclasses

import pytest

from app.plan import workflow
from app.plan.permissions import PERMISSIONS, STATUSES, Role, can


def test_workflow_table_matches_the_permission_table() -> None:
    workflow.check_table()
    assert {t.name for t in workflow.TRANSITIONS.values()} == {"submit", "return", "approve", "reopen"}
    for t in workflow.TRANSITIONS.values():
        assert t.action in PERMISSIONS and t.target in STATUSES


def test_workflow_table_with_a_wrong_source_status_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = dict(workflow.TRANSITIONS)
    broken["approve"] = dataclasses.replace(broken["approve"], sources=("draft",))
    monkeypatch.setattr(workflow, "TRANSITIONS", broken)
    with pytest.raises(RuntimeError, match="approve"):
        workflow.check_table()


def test_workflow_buttons_are_the_allowed_transitions_of_a_role() -> None:
    for role in Role:
        for status in STATUSES:
            names = {t.name for t in workflow.available({role}, status)}
            expected = {t.name for t in workflow.TRANSITIONS.values()
                        if status in t.sources and can(role, t.action, status)}
            assert names == expected
    assert [t.name for t in workflow.available({Role.FACILITATOR}, "review")] == ["return", "approve"]
    assert workflow.available({Role.TEAM_MEMBER}, "review") == []
