"""The windowed ``mediation-app.exe`` given a command, emulated with a stand-in for the Win32 calls:
the client opens as before; a command finds the console it was started from and writes there, or
a message box says to use ``mediation-app-cli.exe`` and nothing runs."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pytest

from mediation_app.cli import main
from tests.support.installer_modules import load
from tests.support.streams import drop_standard_streams

windowed = load("windowed.py")
entry = load("entry.py")

INSTALLED = r"C:\Program Files\MediationApp"


@dataclass
class StandIn:
    """Win32 as the tests need it: a parent console or none, and what was shown."""

    has_parent_console: bool
    console: io.StringIO = field(default_factory=io.StringIO)
    attached: int = 0
    boxes: list[tuple[str, str]] = field(default_factory=list)

    def attach_parent_console(self) -> bool:
        self.attached += 1
        return self.has_parent_console

    def open_console_output(self) -> TextIO:
        return self.console

    def message_box(self, text: str, title: str) -> None:
        self.boxes.append((text, title))


def test_only_the_frozen_client_executable_on_windows_is_windowed() -> None:
    assert windowed.is_windowed("win32", True, INSTALLED + r"\mediation-app.exe")
    assert windowed.is_windowed("win32", True, INSTALLED + r"\MEDIATION-APP.EXE")
    assert not windowed.is_windowed("win32", True, INSTALLED + r"\mediation-app-cli.exe")
    assert not windowed.is_windowed("win32", False, r"C:\Python311\python.exe")
    assert not windowed.is_windowed("linux", True, "/opt/mediation-app/mediation-app")


@pytest.mark.parametrize("argv", [[], ["--db", "postgresql://centre/db"], ["gui"], ["--lang", "en", "gui"]])
def test_the_client_opens_without_looking_for_a_console(argv: list[str]) -> None:
    win32 = StandIn(has_parent_console=True)
    assert windowed.console_for_commands(argv, win32=win32, windowed=True) is None
    assert win32.attached == 0 and win32.boxes == []


def test_outside_the_windowed_executable_nothing_changes() -> None:
    win32 = StandIn(has_parent_console=False)
    assert windowed.console_for_commands(["backup"], win32=win32, windowed=False) is None
    assert win32.attached == 0 and win32.boxes == []


def test_a_command_from_a_command_prompt_writes_to_that_console(monkeypatch: pytest.MonkeyPatch) -> None:
    drop_standard_streams(monkeypatch)
    win32 = StandIn(has_parent_console=True)
    assert windowed.console_for_commands(["--version"], win32=win32, windowed=True) is None
    assert sys.stdout is win32.console and sys.stderr is win32.console and sys.stdin is None
    with pytest.raises(SystemExit):
        main(["--version"])
    shown = win32.console.getvalue()
    assert "mediation-app-cli.exe" in shown  # the note: the prompt came back before the output
    assert "mediation-app 0." in shown


def test_a_command_run_in_the_console_reads_no_input_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    drop_standard_streams(monkeypatch)
    win32 = StandIn(has_parent_console=True)
    windowed.console_for_commands(["calc", "-"], win32=win32, windowed=True)
    assert main(["--lang", "en", "calc", "-"]) == 2
    assert "standard input: none here" in win32.console.getvalue()


def test_an_output_redirected_by_the_shell_stays_where_it_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    redirected = io.StringIO()
    monkeypatch.setattr(sys, "stdout", redirected)
    monkeypatch.setattr(sys, "stderr", None)
    win32 = StandIn(has_parent_console=True)
    windowed.console_for_commands(["cases", "due"], win32=win32, windowed=True)
    assert sys.stdout is redirected and sys.stderr is win32.console


def test_a_command_without_a_console_is_answered_by_a_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    drop_standard_streams(monkeypatch)
    win32 = StandIn(has_parent_console=False)
    argv = ["cases", "find", "刘䶮"]
    assert windowed.console_for_commands(argv, win32=win32, windowed=True) == 2
    [(text, title)] = win32.boxes
    assert "mediation-app-cli.exe cases find 刘䶮" in text and "命令提示符" in text
    assert title == "物业纠纷调处"


def test_the_message_box_speaks_the_language_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    drop_standard_streams(monkeypatch)
    win32 = StandIn(has_parent_console=False)
    windowed.console_for_commands(["--lang", "en", "backup"], win32=win32, windowed=True)
    monkeypatch.setenv("MEDIATION_LANG", "en")
    windowed.console_for_commands(["backup"], win32=win32, windowed=True)
    for text, title in win32.boxes:
        assert "Command Prompt" in text and "mediation-app-cli.exe" in text
        assert title == "Property Dispute Mediation"


def test_the_entry_point_knows_the_bench_probe_flag_the_bench_uses() -> None:
    from ui.benchmark.figures import BUNDLE_PROBE_FLAG

    assert entry.BENCH_PROBE_FLAG == BUNDLE_PROBE_FLAG


def test_freeze_support_comes_first_in_the_entry_point() -> None:
    """A spawned worker (reports/batch.py on Windows) is this executable again: it must turn into
    the worker before the entry point does anything else."""
    assert entry.__file__ is not None
    source = Path(entry.__file__).read_text(encoding="utf-8")
    main_block = source.split('if __name__ == "__main__":', 1)[1]
    statements = [line.strip() for line in main_block.strip().splitlines() if line.strip()]
    assert statements[0].startswith("multiprocessing.freeze_support()")
