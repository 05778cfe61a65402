"""The scripts of ``installer/`` as modules, for tests: they are run as scripts (and frozen into the
bundle), not installed as a package, so tests load them from their files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

INSTALLER = Path(__file__).resolve().parents[2] / "installer"


def load(relative: str) -> ModuleType:
    """``installer/<relative>`` (e.g. ``build.py``, ``windows/get_chinese_messages.py``) as a module."""
    path = INSTALLER / relative
    name = "installer_" + path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and the like look their module up by name
    spec.loader.exec_module(module)
    return module
