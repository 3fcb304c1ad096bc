"""The package layout: wings by concept, and the import rules between them
(docs/development.md, "Layout"; issue 26). ``tests/_import_graph.py`` reads
the graph from the source; ``python tests/_import_graph.py`` prints it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import _import_graph as graphs

from skseq.networks import family_names

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    path
    for path in (ROOT / "skseq").rglob("*.py")
    if path.name not in ("__init__.py", "__main__.py")
)
GRAPH = graphs.read_graph()


def _listed(arrows) -> list[str]:
    return [f"{a.source}:{a.line} -> {a.target} {', '.join(a.names)}" for a in arrows]


def test_a_test_reading_the_real_data_is_marked_real_data(request, data_home):
    assert request.node.get_closest_marker("real_data") is not None


def test_a_test_without_the_real_data_is_not_marked(request):
    assert request.node.get_closest_marker("real_data") is None


def test_the_tests_mirror_the_wings():
    # tests/<wing>/ for each wing folder of skseq/ with tests of its own.
    wings = {
        p.name for p in (ROOT / "skseq").iterdir() if (p / "__init__.py").is_file()
    }
    folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir()}
    assert wings - {"utils"} <= folders, wings - folders
    assert folders - wings <= {"pickles_0_1_0", "__pycache__"}, folders - wings


def test_every_module_lives_in_a_wing():
    homeless = [m for m in GRAPH.modules if graphs.wing_of(m) not in graphs.WINGS]
    assert not homeless, f"not in any wing of tests/_import_graph.py: {homeless}"


def test_no_import_runs_upward():
    # A wing reads only the wings listed for it in WINGS (bottom first).
    assert not _listed(graphs.upward_arrows(GRAPH))


def test_no_private_name_crosses_a_wing():
    # Another wing is read through its package, by names without "_".
    assert not _listed(graphs.private_names_across_wings(GRAPH))


def test_the_keras_free_wings_never_import_keras():
    assert not graphs.keras_in_keras_free_wings(GRAPH)


def test_the_import_graph_has_no_cycle():
    assert graphs.cycles(GRAPH) == []
    assert graphs.cycles(GRAPH, graphs.top_unit) == []


def test_the_import_graph_is_at_most_8_floors_deep():
    floors = graphs.floors(GRAPH)
    deepest = max(floors, key=floors.get)
    assert floors[deepest] <= 8, f"{deepest} is on floor {floors[deepest]}"


def test_only_the_adapter_names_scikeras():
    # SciKeras is our base by design, behind one adapter (DESIGN §3).
    naming = sorted(m for m, names in GRAPH.third_party.items() if "scikeras" in names)
    assert naming == ["skseq.models._adapter"]


def _graph_with(source: str, target: str, names=()) -> graphs.Graph:
    graph = graphs.read_graph()
    graph.arrows.append(graphs.Arrow(source, target, tuple(names), 1))
    return graph


def test_the_rules_catch_what_they_forbid():
    # Each rule above, fed one arrow it forbids, reports it.
    upward = _graph_with("skseq.utils._views", "skseq.models._base", ["SequenceModel"])
    assert _listed(graphs.upward_arrows(upward)) == [
        "skseq.utils._views:1 -> skseq.models._base SequenceModel"
    ]
    private = _graph_with("skseq.models._training", "skseq.text._padding", ["pad"])
    assert len(graphs.private_names_across_wings(private)) == 1
    private_name = _graph_with("skseq.estimators", "skseq.models", ["_head"])
    assert len(graphs.private_names_across_wings(private_name)) == 1
    cycle = _graph_with("skseq.utils._views", "skseq.utils._validation", ["x"])
    assert graphs.cycles(cycle) == [["skseq.utils._validation", "skseq.utils._views"]]
    keras = graphs.read_graph()
    keras.third_party["skseq.text._tokens"].add("keras")
    assert graphs.keras_in_keras_free_wings(keras) == {"skseq.text._tokens": ["keras"]}


def test_the_development_page_layout_names_every_module():
    page = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    layout = page[page.index("- Layout") : page.index("- **Adding a model family**")]
    # A family module is the registry's to list (adding one edits no page).
    families = {ROOT / "skseq" / "networks" / f"{name}.py" for name in family_names()}
    missing = [
        str(path.relative_to(ROOT))
        for path in MODULES
        if path not in families and f"{path.name}`" not in layout
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
