"""How the scenes reach each other, and how often they probe the Context: figures to print.

    python bench/scene_graph.py

lists every import of one scene module by another (at the top of the file, or hidden inside a
function), the modules that form import cycles, and the number of ``hasattr``/``getattr``
probes on the Context (``ctx``/``self.ctx`` and anything reached through it) in game/.
tests/test_scene_graph.py uses the same reading to keep the scenes apart.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "game" / "scenes"
PACKAGE = "game.scenes"


@dataclass(frozen=True)
class Edge:
    source: str  # module name without the package, e.g. "title"
    target: str  # the scene module it imports, e.g. "login"
    line: int
    nested: bool  # inside a function (hidden from a reader of the file's top)


def _targets(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        if node.module == PACKAGE:  # from game.scenes import dashboard
            return [a.name for a in node.names]
        if node.module.startswith(PACKAGE + "."):
            return [node.module[len(PACKAGE) + 1:].split(".")[0]]
    if isinstance(node, ast.Import):
        return [a.name[len(PACKAGE) + 1:].split(".")[0] for a in node.names
                if a.name.startswith(PACKAGE + ".")]
    return []


def scene_imports(folder: Path = SCENES) -> list[Edge]:
    """Every import of a game.scenes module by another one (TYPE_CHECKING blocks included)."""
    edges: list[Edge] = []
    for path in sorted(folder.glob("*.py")):
        source = path.stem
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def visit(node: ast.AST, nested: bool, source: str = source) -> None:
            for target in _targets(node):
                if target != source:
                    edges.append(Edge(source, target, node.lineno, nested))  # type: ignore[attr-defined]
            inner = nested or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            for child in ast.iter_child_nodes(node):
                visit(child, inner)

        visit(tree, False)
    return edges


def cycles(edges: list[Edge]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        graph.setdefault(e.source, set()).add(e.target)
        graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return groups


def _reaches_ctx(node: ast.AST) -> bool:
    """``ctx``, ``self.ctx``, ``app.ctx`` or anything read through one of them."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        if isinstance(node, ast.Attribute) and node.attr == "ctx":
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return isinstance(node, ast.Name) and node.id == "ctx"


def ctx_probes(folder: Path = ROOT / "game") -> list[tuple[str, int]]:
    """Every ``hasattr(X, ...)``/``getattr(X, ..., default)`` where X is the Context or
    reached through it (its services: ``ctx.levels``, ``self.ctx.school`` ...)."""
    found: list[tuple[str, int]] = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("hasattr", "getattr") and node.args
                    and _reaches_ctx(node.args[0])):
                found.append((str(path.relative_to(ROOT)), node.lineno))
    return found


def all_probes(folder: Path = SCENES) -> int:
    """Every hasattr/getattr call in the scenes, on whatever object (the wider figure)."""
    n = 0
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("hasattr", "getattr")):
                n += 1
    return n


def main() -> None:
    edges = scene_imports()
    modules = {p.stem for p in SCENES.glob("*.py")} - {"__init__"}
    print(f"scene modules: {len(modules)}")
    top = [e for e in edges if not e.nested]
    print(f"imports of one scene module by another: {len(edges)} "
          f"({len(top)} at the top, {len(edges) - len(top)} inside functions)")
    for e in sorted(edges, key=lambda e: (e.source, e.target, e.line)):
        where = "inside a function" if e.nested else "top"
        print(f"  {e.source} -> {e.target}  (line {e.line}, {where})")
    groups = cycles(edges)
    print(f"import cycles: {len(groups)}; modules in them: {sum(len(g) for g in groups)}")
    for g in groups:
        print("  " + ", ".join(sorted(g)))
    probes = ctx_probes()
    print(f"hasattr/getattr probes on the Context in game/: {len(probes)}")
    print(f"hasattr/getattr calls of any kind in game/scenes: {all_probes()}")
    by_file: dict[str, int] = {}
    for f, _ in probes:
        by_file[f] = by_file.get(f, 0) + 1
    for f, n in sorted(by_file.items(), key=lambda kv: -kv[1]):
        print(f"  {n:3}  {f}")


if __name__ == "__main__":
    main()
