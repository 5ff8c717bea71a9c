"""The domain and the document renderer stay free of the web framework (DESIGN.md rule 1),
and modules stay small enough to read."""
import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
WEB = ("fastapi", "starlette", "jinja2")


@pytest.mark.parametrize("path", sorted((APP / "plan").glob("*.py")) + sorted((APP / "documents").glob("*.py")),
                         ids=lambda p: p.name)
def test_domain_imports_no_web_framework(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        assert not any(n.split(".")[0] in WEB for n in names), f"{path.name} imports {names}"


def test_modules_stay_under_about_300_lines() -> None:
    big = [f"{p.relative_to(APP)} ({n})" for p in APP.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 330]
    assert big == []
