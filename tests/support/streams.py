"""What a windowed Windows program starts with: no standard streams at all."""

from __future__ import annotations

import sys

import pytest


def drop_standard_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set ``sys.stdin``, ``sys.stdout`` and ``sys.stderr`` to None for the rest of the test.

    Call it in the test's body: pytest puts its own capturing streams back between a fixture's
    set-up and the test, so a fixture could not do this.
    """
    monkeypatch.setattr(sys, "stdin", None)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
