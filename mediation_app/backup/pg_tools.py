"""PostgreSQL's client tools (``pg_dump``, ``pg_restore``): finding them and running them quietly.

Where the tools are: the folder named by ``MEDIATION_PG_BIN`` when it is set (for a PC whose
PostgreSQL is not on the PATH), else the PATH, else — on Windows — the ``bin`` folder of the
newest PostgreSQL installed in the usual place (``C:\\Program Files\\PostgreSQL\\<major>\\bin``,
where the PostgreSQL installer puts them). When none is found the message says where they come
from and how to point the app at them.

How they run: from the windowed client on Windows a console program would flash up a console
window; it is started with ``CREATE_NO_WINDOW`` and no standard input. Its messages are read as
bytes and decoded tolerantly (UTF-8, else the system's code page with replacement characters), so
a tool that speaks the local code page cannot turn a failure into a ``UnicodeDecodeError``.
"""

from __future__ import annotations

import locale
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mediation_app.errors import DatabaseError
from mediation_app.i18n import _

PG_BIN_ENV_VAR = "MEDIATION_PG_BIN"
CREATE_NO_WINDOW = 0x08000000  # subprocess.CREATE_NO_WINDOW, which exists only on Windows
TIMEOUT_SECONDS = 6 * 3600


def pg_tool(name: str) -> str:
    """The path of the client tool ``name`` (see the module's docstring), or a DatabaseError."""
    folder = os.environ.get(PG_BIN_ENV_VAR)
    if folder:
        found = shutil.which(name, path=folder)
        if found is None:
            raise DatabaseError(
                _("{tool} is not in {folder}, the folder {variable} names.").format(
                    tool=name, folder=folder, variable=PG_BIN_ENV_VAR
                )
            )
        return found
    found = shutil.which(name)
    if found is None and sys.platform == "win32":
        found = installed_tool(name, Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")))
    if found is None:
        raise DatabaseError(
            _(
                "{tool} was not found, so the PostgreSQL database cannot be backed up or restored from "
                "here. It comes with PostgreSQL's client tools (the same major version as the server, "
                "or newer): on Windows in PostgreSQL's bin folder, e.g. "
                "C:\\Program Files\\PostgreSQL\\16\\bin; on Linux in the postgresql-client package. "
                "If they are installed elsewhere, set {variable} to the folder that holds them."
            ).format(tool=name, variable=PG_BIN_ENV_VAR)
        )
    return str(found)


def installed_tool(name: str, program_files: Path) -> str | None:
    """``name`` in the newest ``<program_files>/PostgreSQL/<major>/bin``, or None."""
    executable = name if name.lower().endswith(".exe") else f"{name}.exe"
    found = []
    for candidate in program_files.glob(f"PostgreSQL/*/bin/{executable}"):
        major = candidate.parent.parent.name
        if re.fullmatch(r"\d+(\.\d+)?", major) and candidate.is_file():
            found.append((tuple(int(part) for part in major.split(".")), candidate))
    return str(max(found)[1]) if found else None


def creation_flags(platform: str | None = None) -> int:
    """What ``subprocess`` starts a tool with: no console window on Windows, nothing elsewhere."""
    return CREATE_NO_WINDOW if (platform or sys.platform) == "win32" else 0


def tool_text(raw: bytes) -> str:
    """A tool's output as text: UTF-8 when it is, else the system's code page, never an error."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode(locale.getencoding(), errors="replace")


def run_pg_tool(tool: str, args: list[str], env: dict[str, str]) -> None:
    """Run the client tool ``tool`` with ``args``; a DatabaseError with its first message if it fails."""
    try:
        done = subprocess.run(
            [pg_tool(tool), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            creationflags=creation_flags(),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseError(_("{tool} could not run: {reason}").format(tool=tool, reason=exc)) from exc
    if done.returncode != 0:
        lines = tool_text(done.stderr).strip().splitlines()
        reason = lines[0] if lines else _("exit status {status}").format(status=done.returncode)
        raise DatabaseError(_("{tool} failed: {reason}").format(tool=tool, reason=reason))
