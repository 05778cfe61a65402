"""The windowed ``mediation-app.exe`` given a command: find a console, or say where commands run.

On Windows the client executable is built without a console, so its ``sys.stdin``,
``sys.stdout`` and ``sys.stderr`` are ``None``: a command run through it would print nothing.
:func:`console_for_commands` runs first in the bundle's entry point (``entry.py``):

- the client (no command, or ``gui``, with ``--db``/``--lang``): nothing to do;
- a command (or ``--help``, ``--version``) started from a Command Prompt or PowerShell: it
  attaches to that console and writes the command's output there (``CONOUT$``). Standard input
  stays absent, since the shell does not wait for a windowed program and would read the same
  keys: a command that needs an answer says to use ``--yes`` or ``mediation-app-cli.exe``. A
  note on stderr says the same, because the shell's prompt comes back before the output;
- a command started without a console (a shortcut, Explorer, "Run"): a message box says that
  commands run with ``mediation-app-cli.exe`` in a Command Prompt, and the process exits 2.
  (A scheduled task must therefore use ``mediation-app-cli.exe``: a message box would wait for a
  person who is not there.)

The Windows calls go through :class:`Win32`, so the decisions are tested on any system with a
stand-in (``tests/installer/test_windowed.py``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import PureWindowsPath
from typing import Protocol, TextIO

from mediation_app.cli import LANGUAGE_ENV_VAR, opens_client
from mediation_app.commands.options import EXIT_USAGE
from mediation_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, speaking

CLIENT_EXECUTABLE = "mediation-app.exe"
CLI_EXECUTABLE = "mediation-app-cli.exe"
ATTACH_PARENT_PROCESS = 0xFFFFFFFF  # (DWORD)-1: the console of the process that started this one
MB_ICONINFORMATION = 0x40
CONSOLE_OUTPUT = "CONOUT$"


class Win32(Protocol):
    def attach_parent_console(self) -> bool: ...

    def open_console_output(self) -> TextIO: ...

    def message_box(self, text: str, title: str) -> None: ...


class _Kernel32AndUser32:
    """The real calls (Windows only)."""

    def attach_parent_console(self) -> bool:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        return bool(kernel32.AttachConsole(ATTACH_PARENT_PROCESS))

    def open_console_output(self) -> TextIO:
        # Opened by name, the console is a _WindowsConsoleIO: Unicode whatever the code page.
        return open(CONSOLE_OUTPUT, "w", encoding="utf-8", errors="replace", buffering=1)

    def message_box(self, text: str, title: str) -> None:
        import ctypes

        user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
        user32.MessageBoxW(None, text, title, MB_ICONINFORMATION)


def is_windowed(
    platform: str | None = None, frozen: bool | None = None, executable: str | None = None
) -> bool:
    """Whether this process is the bundle's windowed client executable on Windows."""
    platform = platform or sys.platform
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    executable = executable or sys.executable
    return (
        platform == "win32" and bool(frozen) and PureWindowsPath(executable).name.lower() == CLIENT_EXECUTABLE
    )


def _language(argv: Sequence[str]) -> str:
    """The language the command line asks for (``--lang``, else ``MEDIATION_LANG``), else the default."""
    words = list(argv)
    for index, word in enumerate(words):
        if word == "--lang" and index + 1 < len(words) and words[index + 1] in LANGUAGES:
            return words[index + 1]
        if word.startswith("--lang=") and word.partition("=")[2] in LANGUAGES:
            return word.partition("=")[2]
    chosen = os.environ.get(LANGUAGE_ENV_VAR)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def use_the_console_program(argv: Sequence[str]) -> str:
    """What the message box says (in the language of ``argv``)."""
    command = " ".join(argv)
    with speaking(_language(argv)):
        return _(
            "mediation-app.exe is the desktop client and has no console. To run a command, open a "
            "Command Prompt in the program folder and use mediation-app-cli.exe:\n\n"
            "mediation-app-cli.exe {command}"
        ).format(command=command)


def console_note(argv: Sequence[str]) -> str:
    with speaking(_language(argv)):
        return _(
            "(mediation-app.exe is the desktop client: the prompt returns before its output, and it "
            "reads no input. mediation-app-cli.exe runs commands in the console.)"
        )


def console_for_commands(
    argv: Sequence[str], *, win32: Win32 | None = None, windowed: bool | None = None
) -> int | None:
    """Prepare the windowed executable for ``argv``; None to go on, else the exit status."""
    windowed = is_windowed() if windowed is None else windowed
    if not windowed or opens_client(argv):
        return None
    win32 = win32 or _Kernel32AndUser32()
    if win32.attach_parent_console():
        if sys.stdout is None:
            sys.stdout = win32.open_console_output()
        if sys.stderr is None:
            sys.stderr = win32.open_console_output()
        print(console_note(argv), file=sys.stderr)
        return None
    with speaking(_language(argv)):
        title = _("Property Dispute Mediation")
    win32.message_box(use_the_console_program(argv), title)
    return EXIT_USAGE
