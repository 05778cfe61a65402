"""The installable bundle: built with PyInstaller and smoke-tested, only when asked.

Building takes about a minute and a few hundred MB, so the normal suite skips this test; run it
with ``RUN_BUNDLE_TEST=1 .venv/bin/pytest tests/e2e/test_bundle.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("RUN_BUNDLE_TEST") != "1", reason="set RUN_BUNDLE_TEST=1 to build the bundle"
    ),
]


def test_the_bundle_builds_and_passes_its_smoke_test() -> None:
    # Both scripts print Chinese: read them as UTF-8 (on Windows a pipe is otherwise the code page).
    env = {**os.environ, "PYTHONUTF8": "1"}
    build = subprocess.run(
        [sys.executable, "installer/build.py"],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=1800,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    smoke = subprocess.run(
        [sys.executable, "installer/smoke_test.py"],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=900,
    )
    assert smoke.returncode == 0, smoke.stdout[-3000:] + smoke.stderr[-3000:]
    assert "main window on screen" in smoke.stdout and "read back" in smoke.stdout
    assert "SMOKE utf8_mode: 1" in smoke.stdout and "刘䶮 through a pipe, cp936" in smoke.stdout
