"""The package layout: small modules, each named in the Layout of
docs/development.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    path
    for path in (ROOT / "skseq").rglob("*.py")
    if path.name not in ("__init__.py", "__main__.py")
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_400_lines(path):
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    assert n_lines <= 400, f"{path.relative_to(ROOT)} has {n_lines} lines"


def test_the_development_page_layout_names_every_module():
    page = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    layout = page[page.index("- Layout") : page.index("- **Adding a model family**")]
    missing = [
        str(path.relative_to(ROOT)) for path in MODULES if f"{path.name}`" not in layout
    ]
    assert not missing, f"docs/development.md's Layout does not name {missing}"


def _imports_of_the_package_itself(path: Path) -> list[str]:
    """``import skseq`` and ``from skseq import ...`` lines in ``path``, outside
    docstrings (doctests may import the package as a user does)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [f"line {node.lineno}" for a in node.names if a.name == "skseq"]
        elif isinstance(node, ast.ImportFrom) and node.module == "skseq":
            found.append(f"line {node.lineno}")
    return found


def test_no_module_below_the_package_face_imports_the_package():
    # An upward import (issue 26): a helper that imports ``skseq`` depends on
    # the face that depends on it. The command line is an application over
    # the public API, so it may.
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in MODULES
        if "cli" not in path.relative_to(ROOT).parts
        and (lines := _imports_of_the_package_itself(path))
    }
    assert not offenders, offenders


CITATION = re.compile(r"DESIGN §(\d+)(?:-(\d+))?")


def test_every_design_citation_resolves_to_a_section():
    page = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    sections = {int(n) for n in re.findall(r"^## (\d+)\. ", page, flags=re.M)}
    cited = {}
    for folder in ("skseq", "tests", "benchmarks", "examples"):
        for path in (ROOT / folder).rglob("*.py"):
            for match in CITATION.finditer(path.read_text(encoding="utf-8")):
                first, last = int(match[1]), int(match[2] or match[1])
                for n in range(first, last + 1):
                    cited.setdefault(n, []).append(str(path.relative_to(ROOT)))
    assert cited, "no module cites DESIGN: the pattern or the folders are wrong"
    unresolved = {n: paths for n, paths in cited.items() if n not in sections}
    assert not unresolved, f"docs/design.md has no section for {unresolved}"
