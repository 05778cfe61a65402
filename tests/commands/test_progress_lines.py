"""Progress of the long commands (demo, seed, import): one line rewritten in place on a terminal;
in a log or a pipe a line at every tenth of the way and at the end; nothing without a stream."""

from __future__ import annotations

import io

import pytest

from mediation_app.commands import demo, stdio


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _build_demo_of(total: int) -> None:
    for done in range(1, total + 1):
        demo._progress(done, total)
    stdio.end_progress()


def test_in_a_log_a_line_at_every_tenth_and_at_the_end(
    monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    log = io.StringIO()
    monkeypatch.setattr("sys.stderr", log)
    _build_demo_of(95)
    lines = log.getvalue().splitlines()
    assert lines == [f"Building the demo centre: {done}/95 cases" for done in (*range(9, 91, 9), 95)]
    assert "\r" not in log.getvalue()


def test_on_a_terminal_the_line_is_rewritten_in_place_then_ended(
    monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    _build_demo_of(3)
    assert (
        terminal.getvalue() == "".join(f"\rBuilding the demo centre: {n}/3 cases" for n in (1, 2, 3)) + "\n"
    )


def test_without_a_stream_nothing_is_written_and_nothing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", None)  # the windowed executable
    _build_demo_of(30)
