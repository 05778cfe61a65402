"""The demo's progress: one line rewritten in place on a terminal, a line per step in a log or pipe."""

from __future__ import annotations

import io

import pytest

from mediation_app.commands import demo


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _report(total: int) -> None:
    for done in range(1, total + 1):
        demo._progress(done, total)


def test_in_a_log_each_report_is_a_line_of_its_own(monkeypatch: pytest.MonkeyPatch, english: None) -> None:
    log = io.StringIO()
    monkeypatch.setattr("sys.stderr", log)
    _report(60)
    assert log.getvalue().splitlines() == [
        "Building the demo centre: 25/60 cases",
        "Building the demo centre: 50/60 cases",
        "Building the demo centre: 60/60 cases",
    ]
    assert "\r" not in log.getvalue()


def test_on_a_terminal_the_line_is_rewritten_in_place(monkeypatch: pytest.MonkeyPatch, english: None) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    _report(50)
    assert terminal.getvalue() == (
        "\rBuilding the demo centre: 25/50 cases\rBuilding the demo centre: 50/50 cases"
    )
