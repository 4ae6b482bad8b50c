"""The layers of ARCHITECTURE.md hold: no import circle between files, in Rust or in Python, and
no crate naming a crate above it. Read from the source tree, so a circle fails the suite the day
it is written, not when someone next draws the imports."""

from __future__ import annotations

import ast
import pathlib
import re
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
CRATES = ROOT / "crates"
PACKAGE = ROOT / "python" / "airbyte_agent_sdk"

# Each workspace crate and the workspace crates it may depend on (normal dependencies; a
# crate's tests may use any crate below the binding).
LAYERS = {
    "harvest-core": set(),
    "harvest-sandbox": set(),
    "harvest-hosted": {"harvest-core"},
    "harvest-shared": {"harvest-core"},
    "harvest-store": {"harvest-core"},
    "harvest-python": {"harvest-core", "harvest-hosted", "harvest-sandbox", "harvest-shared", "harvest-store"},
}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of ``graph`` as a list of nodes (first node repeated at the end), or []."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for succ in sorted(graph.get(node, ())):
            if state.get(succ) == 1:
                return path[path.index(succ) :] + [succ]
            if succ not in state:
                found = visit(succ)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def crate_manifests() -> dict[str, pathlib.Path]:
    return {path.parent.name: path for path in sorted(CRATES.glob("*/Cargo.toml"))}


def test_every_crate_has_a_layer():
    assert set(crate_manifests()) == set(LAYERS), "add the new crate to LAYERS and to ARCHITECTURE.md"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib")
def test_crates_name_only_the_crates_below_them():
    import tomllib

    for name, manifest in crate_manifests().items():
        dependencies = tomllib.loads(manifest.read_text()).get("dependencies", {})
        workspace = {dep for dep in dependencies if dep in LAYERS}
        assert workspace <= LAYERS[name], f"{name} depends on {sorted(workspace - LAYERS[name])}"
        if name != "harvest-python":
            assert not {"pyo3", "pyo3-async-runtimes", "pythonize"} & set(dependencies), f"{name} names pyo3"


def without_tests(source: str) -> str:
    """A Rust file without its trailing ``#[cfg(test)] mod ...`` (tests may use anything)."""
    match = re.search(r"^#\[cfg\(test\)\]\s*\n\s*(pub(\(crate\))? )?mod ", source, flags=re.M)
    return source[: match.start()] if match else source


def rust_module_graph(src: pathlib.Path) -> dict[str, set[str]]:
    """Top-level modules of one crate (``catalog`` for ``catalog/mod.rs`` and its children) and
    the top-level modules each names through ``crate::`` (or, in ``lib.rs``'s children, ``super::``)."""
    modules = {path.stem if path.parent == src else path.relative_to(src).parts[0] for path in src.rglob("*.rs")}
    modules.discard("lib")
    modules.discard("tests")
    graph: dict[str, set[str]] = {module: set() for module in modules}
    for path in src.rglob("*.rs"):
        relative = path.relative_to(src)
        owner = relative.parts[0] if len(relative.parts) > 1 else path.stem
        if owner not in graph:
            continue
        # Comments are not dependencies: a doc link may point up to the module that calls this one.
        text = re.sub(r"//.*", "", without_tests(path.read_text()))
        named = set(re.findall(r"\bcrate::(\w+)", text))
        if len(relative.parts) == 1:  # a child of lib.rs: `super::x` is the sibling x
            named |= set(re.findall(r"\bsuper::(\w+)", text))
        graph[owner] |= {module for module in named & modules if module != owner}
    return graph


@pytest.mark.parametrize("crate", sorted(LAYERS))
def test_no_module_circle_in_a_crate(crate):
    graph = rust_module_graph(CRATES / crate / "src")
    assert graph, f"no modules read in {crate}"
    assert find_cycle(graph) == [], f"import circle in {crate}"


def python_module_graph() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports, wherever the import
    stands (a function body or an ``if TYPE_CHECKING:`` block counts: it is still a dependency)."""
    names: dict[pathlib.Path, str] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[path] = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    modules = set(names.values())
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for path, name in names.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text())):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    # A package's __init__ re-exporting its children is the package's face, not a layer: an
    # arrow from a child to its own package (`from . import models`) names the sibling, which
    # the ImportFrom arm already records.
    for name in modules:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    return graph


def test_python_graph_is_read():
    graph = python_module_graph()
    assert "airbyte_agent_sdk.connectors.harvest.hosted" in graph["airbyte_agent_sdk.connectors.harvest.connector"]


def test_no_module_circle_in_the_python_package():
    assert find_cycle(python_module_graph()) == []
