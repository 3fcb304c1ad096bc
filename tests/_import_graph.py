"""skseq's import graph, read from the source with ``ast`` (nothing imported).

``python tests/_import_graph.py`` prints the wings, their modules, the floors,
the arrows that run upward or across wings, the cycles and the private names
imported across wings: the numbers that issue 26 set goals for. The rules the
tests enforce on this graph are in ``tests/test_layout.py``.

An arrow is any ``import`` of an skseq module, at module level or inside a
function (a lazy import is still a dependency). ``from skseq.a import b``
points at ``skseq.a.b`` when that is a module, else at ``skseq.a``.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "skseq"

# The wings, bottom first: a module may import its own wing and the wings
# listed for it, never one above it (docs/development.md, "Layout").
# The library's wings, bottom first; the faces read all of them, the package
# face reads the faces too, and the command line reads everything.
LIBRARY = ("root", "utils", "text", "timeseries", "datasets", "networks", "models")
WINGS = {
    "root": (),  # skseq/_version.py: a leaf every wing may read
    "utils": ("root",),
    "text": ("root", "utils"),
    "timeseries": ("root", "utils"),
    "datasets": ("root", "utils"),
    "networks": ("root", "utils"),
    "models": ("root", "utils", "networks"),
    "faces": LIBRARY,
    "package": (*LIBRARY, "faces"),
    "cli": (*LIBRARY, "faces", "package"),
}
# Wings that must never import Keras (or TensorFlow, JAX, SciKeras).
KERAS_FREE = ("root", "utils", "text", "timeseries", "datasets")
KERAS_NAMES = ("keras", "tensorflow", "jax", "scikeras")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def wing_of(module: str) -> str:
    parts = module.split(".")
    if module == "skseq._version":
        return "root"
    if module == "skseq.__main__":
        return "cli"
    if len(parts) == 1 or (len(parts) == 2 and parts[1].startswith("_")):
        # The package face and its own helpers: the Keras import hook,
        # show_versions.
        return "package"
    if (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return "faces"  # a public module at the top: skseq.estimators, ...


@dataclass
class Arrow:
    source: str
    target: str
    names: tuple[str, ...]
    line: int


@dataclass
class Graph:
    modules: dict[str, Path] = field(default_factory=dict)
    arrows: list[Arrow] = field(default_factory=list)
    third_party: dict[str, set[str]] = field(default_factory=dict)
    facades: set[str] = field(default_factory=set)
    # A facade's names and the modules they come from: arrows into a facade
    # count as arrows into those modules when floors are measured.
    homes: dict[str, dict[str, str]] = field(default_factory=dict)


def is_facade(path: Path) -> bool:
    """A module of imports and names only: a docstring, ``from ... import``,
    ``__all__``, and a PEP 562 ``_LAZY`` table with its ``__getattr__``.

    A facade holds no code of its own, so it adds no floor: its floor is
    that of the deepest module it re-exports (see ``floors``).
    """
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Assign) and [
            getattr(t, "id", None) for t in node.targets
        ] in (["__all__"], ["_LAZY"]):
            continue
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            continue
        return False
    return True


def _resolve(source: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = source.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _lazy_table(path: Path) -> dict[str, str]:
    """A package's ``_LAZY = {name: module}`` (PEP 562 names), if any."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [
            getattr(t, "id", None) for t in node.targets
        ] == ["_LAZY"]:
            return ast.literal_eval(node.value)
    return {}


def read_graph() -> Graph:
    graph = Graph()
    for path in sorted(PACKAGE.rglob("*.py")):
        graph.modules[module_name(path)] = path
        if is_facade(path) and module_name(path) != "skseq._version":
            graph.facades.add(module_name(path))
    lazy = {
        module_name(path): _lazy_table(path) for path in PACKAGE.rglob("__init__.py")
    }
    for package, table in lazy.items():
        for name, home in table.items():
            graph.arrows.append(Arrow(package, home, (name,), 0))
            graph.homes.setdefault(package, {})[name] = home
    for source, path in graph.modules.items():
        is_package = path.name == "__init__.py"
        third = graph.third_party.setdefault(source, set())
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "skseq":
                        graph.arrows.append(Arrow(source, alias.name, (), node.lineno))
                    else:
                        third.add(alias.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(source, is_package, node)
                if target.split(".")[0] != "skseq":
                    third.add(target.split(".")[0])
                    continue
                plain = []
                for alias in node.names:
                    if f"{target}.{alias.name}" in graph.modules:
                        graph.arrows.append(
                            Arrow(source, f"{target}.{alias.name}", (), node.lineno)
                        )
                    else:
                        plain.append(alias.name)
                if plain:
                    graph.arrows.append(
                        Arrow(source, target, tuple(plain), node.lineno)
                    )
                if source in graph.facades:
                    for alias in node.names:
                        graph.homes.setdefault(source, {})[
                            alias.asname or alias.name
                        ] = target
    return graph


def _through_facades(graph: Graph, arrow: Arrow) -> set[str]:
    """Where an arrow leads once facades are seen through: ``from skseq.utils
    import is_int`` leads to ``skseq.utils._values``."""
    if arrow.target not in graph.facades or not arrow.names:
        return {arrow.target}
    found = set()
    for name in arrow.names:
        home = graph.homes.get(arrow.target, {}).get(name, arrow.target)
        found |= _through_facades(graph, Arrow(arrow.source, home, (name,), 0))
    return found


def top_unit(module: str) -> str:
    """The top-level unit a module belongs to: ``skseq.text._tokens`` to
    ``skseq.text``, ``skseq.saving`` to itself; ``skseq.__main__`` is part of
    the command line."""
    if module == "skseq.__main__":
        return "skseq.cli"
    return ".".join(module.split(".")[:2])


def edges(graph: Graph, unit=None) -> dict[str, set[str]]:
    """The arrows between modules, or between ``unit(module)``s."""
    by_module = unit is None
    unit = unit or (lambda module: module)
    out = {unit(module): set() for module in graph.modules}
    for arrow in graph.arrows:
        targets = _through_facades(graph, arrow) if by_module else {arrow.target}
        for target in targets:
            if unit(arrow.source) != unit(target):
                out[unit(arrow.source)].add(unit(target))
    return out


def cycles(graph: Graph, unit=None) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    out, index, low, stack, on_stack, found = edges(graph, unit), {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in out.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(out):
        if node not in index:
            visit(node)
    return found


def floors(graph: Graph, unit=None) -> dict[str, int]:
    """Each module's floor: 1 for a module importing no skseq module, else one
    more than the highest floor it imports (cycles are cut where met). With
    ``unit=top_unit``, the floors of the top-level units (a wing, a public
    module): the measure issue 26 set its goal in."""
    out, floor, busy = edges(graph, unit), {}, set()
    facades = graph.facades if unit is None else set()

    def height(node):
        if node in floor:
            return floor[node]
        if node in busy:
            return 0  # a cycle: counted by cycles(), not here
        busy.add(node)
        below = max((height(n) for n in out.get(node, ())), default=0)
        floor[node] = below if node in facades else below + 1
        busy.discard(node)
        return floor[node]

    for node in out:
        height(node)
    return floor


def upward_arrows(graph: Graph) -> list[Arrow]:
    """Arrows into the package face, or into a wing the source may not read."""
    bad = []
    for arrow in graph.arrows:
        source, target = wing_of(arrow.source), wing_of(arrow.target)
        if (
            arrow.target == "skseq"
            and source != "cli"
            or source != target
            and target not in WINGS.get(source, WINGS)
        ):
            bad.append(arrow)
    return bad


def private_names_across_wings(graph: Graph) -> list[Arrow]:
    """Arrows from one wing to a private module or a private name of another.

    A wing's other wings read it through its package (``skseq.utils``, not
    ``skseq.utils._validation``) and only names without a leading underscore.
    The root ``skseq._version`` is the one exception: it is a leaf by design.
    """
    bad = []
    for arrow in graph.arrows:
        if arrow.target == "skseq._version":
            continue
        if wing_of(arrow.source) == wing_of(arrow.target):
            continue
        private_path = any(p.startswith("_") for p in arrow.target.split(".")[1:])
        private_name = any(name.startswith("_") for name in arrow.names)
        if private_path or private_name:
            bad.append(arrow)
    return bad


def private_names_across_modules(graph: Graph) -> list[Arrow]:
    return [
        arrow
        for arrow in graph.arrows
        if any(n.startswith("_") and n != "__version__" for n in arrow.names)
    ]


def keras_in_keras_free_wings(graph: Graph) -> dict[str, list[str]]:
    return {
        module: sorted(set(names) & set(KERAS_NAMES))
        for module, names in graph.third_party.items()
        if wing_of(module) in KERAS_FREE and set(names) & set(KERAS_NAMES)
    }


def report(graph: Graph) -> str:
    lines, by_wing = [], {}
    for module in graph.modules:
        by_wing.setdefault(wing_of(module), []).append(module)
    floor = floors(graph)
    for wing in WINGS:
        members = sorted(by_wing.get(wing, []))
        lines.append(f"{wing} ({len(members)}): " + ", ".join(members))
    arrows = {(a.source, a.target) for a in graph.arrows if a.source != a.target}
    lines.append(f"modules: {len(graph.modules)}; arrows: {len(arrows)}")
    top = floors(graph, top_unit)
    lines.append(f"floors of top-level units: {max(top.values())}")
    for level in range(max(top.values()), 0, -1):
        members = sorted(u for u, f in top.items() if f == level)
        lines.append(
            f"  {level}: {', '.join(m.removeprefix('skseq.') for m in members)}"
        )
    lines.append(f"floors of modules: {max(floor.values())}")
    for level in range(max(floor.values()), 0, -1):
        members = sorted(m for m, f in floor.items() if f == level)
        lines.append(
            f"  {level}: {', '.join(m.removeprefix('skseq.') for m in members)}"
        )
    lines.append(f"facades (no floor of their own): {', '.join(sorted(graph.facades))}")
    lines.append(f"cycles of modules: {cycles(graph)}")
    lines.append(f"cycles of top-level units: {cycles(graph, top_unit)}")
    for title, found in (
        ("upward arrows", upward_arrows(graph)),
        ("private names across wings", private_names_across_wings(graph)),
        ("private names across modules", private_names_across_modules(graph)),
    ):
        lines.append(f"{title}: {len(found)}")
        lines += [
            f"  {a.source}:{a.line} -> {a.target} {', '.join(a.names)}" for a in found
        ]
    lines.append(f"Keras in Keras-free wings: {keras_in_keras_free_wings(graph)}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(read_graph()))
