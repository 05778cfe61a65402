"""The rings hold: the core runs without Qt and reportlab, and reports never reach into the UI."""

from __future__ import annotations

import ast
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
