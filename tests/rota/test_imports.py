"""rota's modules import downward only: building blocks below the strategies, no circle."""

from __future__ import annotations

import ast
from pathlib import Path

import rota

PACKAGE = Path(rota.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(source: str, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """The modules of `modules` that the source of `module` imports anywhere, inside functions
    too."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from rota import columns` imports the module rota.columns.
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    found.discard(module)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports."""
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(path) for path in paths}
    return {
        _module_name(path): _imports(
            path.read_text(encoding="utf-8"),
            _module_name(path),
            path.name == "__init__.py",
            modules,
        )
        for path in paths
    }


def circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports in the graph (as the modules round it), or None."""
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    path: list[str] = []

    def walk(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == 1:
                return [*path[path.index(imported) :], imported]
            if imported not in state and (found := walk(imported)) is not None:
                return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (found := walk(module)) is not None:
            return found
    return None


def test_the_walk_sees_a_circle_made_inside_a_function() -> None:
    """An import inside a function counts: two modules that import each other there (one
    relatively) make a circle; with that import gone, none."""
    modules = {"rota.a", "rota.b", "rota.c"}
    late = "def later():\n    from .a import thing\n"
    graph = {
        "rota.a": _imports("from rota.b import x\n", "rota.a", False, modules),
        "rota.b": _imports(late, "rota.b", False, modules),
    }
    assert graph == {"rota.a": {"rota.b"}, "rota.b": {"rota.a"}}
    assert circle(graph) == ["rota.a", "rota.b", "rota.a"]
    graph["rota.b"] = _imports("import math\n", "rota.b", False, modules)
    assert circle(graph) is None


def test_rota_has_no_circle_of_imports() -> None:
    """No module of rota imports, however indirectly, a module that imports it."""
    graph = import_graph()
    assert "rota.solve" in graph
    assert "rota.model" in graph["rota.search"]
    assert "rota.stages" in graph["rota.solve"]
    assert circle(graph) is None, " -> ".join(circle(graph) or [])
