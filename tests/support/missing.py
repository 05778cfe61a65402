"""A tool or package a test needs is missing: skipped on a developer's machine, a failure in CI.

CI (``CI`` set, as every CI service sets it) must run every test it has, so a missing tool there
is a broken set-up, never a silent skip. Locally the test (or only the assertion that needs the
tool, see :func:`tests.support.pdfcheck.fonts`) is skipped with the reason and how to install it.
"""

from __future__ import annotations

import importlib
import os
import shutil
from types import ModuleType

import pytest


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def skip_unless_ci(reason: str) -> None:
    """Skip the test with ``reason``, except in CI, where that fails it."""
    if in_ci():
        pytest.fail(f"{reason} (CI runs every test: install it)")
    pytest.skip(reason)


def missing_tools(*names: str) -> list[str]:
    return [name for name in names if shutil.which(name) is None]


def require_module(name: str, reason: str) -> ModuleType:
    """The module ``name``; without it the test is skipped locally and fails in CI."""
    try:
        return importlib.import_module(name)
    except ImportError:
        skip_unless_ci(f"{name} is not installed: {reason}")
        raise  # not reached: skip and fail raise
