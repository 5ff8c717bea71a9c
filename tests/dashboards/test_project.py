"""The project's targets are data: a broken project file stops start-up naming what is wrong."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.plan.catalogue import TemplateError
from app.plan.project import PROJECT_FILE, load_project


def variant(tmp_path: Path, old: str, new: str) -> Path:
    text = PROJECT_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "project.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_project_file_loads_the_founding_project() -> None:
    project = load_project()
    assert (str(project.period_from), str(project.period_to)) == ("2023-12-08", "2025-06-30")
    assert project.support_eur == 74842.0 and project.plans_per_lag == 4


@pytest.mark.parametrize("old, new, says", [
    ("count: participants_n", "count: dalyviai", "no column 'dalyviai'"),
    ("table: sessions", "table: vision", "is not a table"),
    ("vulnerable: vulnerable_n", "vulnerable: place", "must be a number column"),
    ("plans_per_lag: 4", "plans_per_lag: keturi", "plans_per_lag"),
    ("period_to: 2025-06-30", "period_to: 2022-06-30", "before period_from"),
])
def test_broken_project_file_is_refused_with_its_fault(tmp_path: Path, old: str, new: str, says: str) -> None:
    with pytest.raises(TemplateError, match=says):
        load_project(variant(tmp_path, old, new))
