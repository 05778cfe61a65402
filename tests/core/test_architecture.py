"""The rings hold: the core runs without Qt and reportlab, and reports never reach into the UI."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_FOR_CORE = ("PySide6", "reportlab", "ui", "reports")
FORBIDDEN_FOR_REPORTS = ("PySide6", "ui")


def _imports(package: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(str(path.relative_to(ROOT)), alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((str(path.relative_to(ROOT)), node.module))
    return found


def test_the_core_imports_no_outer_ring() -> None:
    bad = [(f, m) for f, m in _imports("mediation_app") if m.split(".")[0] in FORBIDDEN_FOR_CORE]
    assert bad == []


def test_reports_import_neither_the_ui_nor_qt() -> None:
    bad = [(f, m) for f, m in _imports("reports") if m.split(".")[0] in FORBIDDEN_FOR_REPORTS]
    assert bad == []


BLOCKER = """
import importlib, importlib.abc, pkgutil, sys

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "reportlab", "shiboken6"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Block())
import mediation_app
for info in pkgutil.walk_packages(mediation_app.__path__, "mediation_app."):
    if info.name.endswith("__main__") or ".migrations" in info.name:
        continue
    importlib.import_module(info.name)
from mediation_app.cli import main
sys.exit(main(["--help"]))
"""


def test_every_core_module_and_the_help_work_without_qt_or_reportlab() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "mediation-app" in result.stdout and "demo" in result.stdout


# --- no import cycles, and no string that names an outer ring in the core ---------------------

PACKAGES = ("mediation_app", "ui", "reports")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Every module of the three packages and the project modules it imports, wherever the import
    stands (a function-local import that dodges a cycle at import time is still a cycle)."""
    paths = [
        path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]
    modules = {_module_name(path): path for path in paths}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                targets = [module]
                targets += [
                    f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in modules
                ]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_in_any_package() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_string_in_the_core_names_an_outer_ring() -> None:
    """Not even by module name in a string: the outer rings register themselves (entry points)."""
    pattern = re.compile(r"(?<![\w.])(ui|reports|PySide6|reportlab)\.[a-z_]")
    bad = []
    for path in sorted((ROOT / "mediation_app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and pattern.search(node.value):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {pattern.search(node.value).group(0)}")  # type: ignore[union-attr]
    assert bad == []
