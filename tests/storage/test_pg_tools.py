"""PostgreSQL's client tools as the Windows client finds and runs them: ``MEDIATION_PG_BIN``, the
newest ``Program Files\\PostgreSQL\\<major>\\bin``, no console window, no standard input, and
messages in any code page read without a ``UnicodeDecodeError``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mediation_app.backup import pg_tools
from mediation_app.backup.pg_tools import (
    CREATE_NO_WINDOW,
    PG_BIN_ENV_VAR,
    creation_flags,
    installed_tool,
    pg_tool,
    run_pg_tool,
    tool_text,
)
from mediation_app.errors import DatabaseError

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")


def _tool(folder: Path, name: str, script: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_the_folder_the_setting_names_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _tool(tmp_path / "PostgreSQL 16" / "bin", "pg_dump", "exit 0")
    monkeypatch.setenv(PG_BIN_ENV_VAR, str(tool.parent))
    assert pg_tool("pg_dump") == str(tool)
    with pytest.raises(DatabaseError, match=rf"pg_restore is not in .*{PG_BIN_ENV_VAR}"):
        pg_tool("pg_restore")


def test_without_the_tools_the_message_points_at_postgresql_bin_and_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(PG_BIN_ENV_VAR, raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(DatabaseError) as refused:
        pg_tool("pg_dump")
    message = refused.value.message
    assert r"C:\Program Files\PostgreSQL\16\bin" in message and PG_BIN_ENV_VAR in message
    assert "postgresql-client" in message


def test_on_windows_the_newest_installed_postgresql_is_found(tmp_path: Path) -> None:
    for major in ("9.6", "15", "16"):
        _tool(tmp_path / "PostgreSQL" / major / "bin", "pg_dump.exe", "exit 0")
    (tmp_path / "PostgreSQL" / "pgAdmin 4" / "bin").mkdir(parents=True)
    found = installed_tool("pg_dump", tmp_path)
    assert found is not None and Path(found).parent.parent.name == "16"
    assert installed_tool("pg_restore", tmp_path) is None
    assert installed_tool("pg_dump", tmp_path / "nowhere") is None


def test_windows_looks_in_program_files_when_the_path_has_no_tool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = _tool(tmp_path / "PostgreSQL" / "16" / "bin", "pg_dump.exe", "exit 0")
    monkeypatch.delenv(PG_BIN_ENV_VAR, raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr(pg_tools.sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path))
    assert pg_tool("pg_dump") == str(tool)


def test_the_tools_start_without_a_console_window_on_windows_only() -> None:
    assert creation_flags("win32") == CREATE_NO_WINDOW == getattr(subprocess, "CREATE_NO_WINDOW", 0x08000000)
    assert creation_flags("linux") == 0


def test_output_in_a_code_page_is_read_without_an_error() -> None:
    assert tool_text("错误：连接失败".encode()) == "错误：连接失败"
    gbk = "pg_dump: 错误: 连接到服务器失败".encode("gbk")
    text = tool_text(gbk)  # not UTF-8: the system's code page, with replacements where it differs
    assert text.startswith("pg_dump: ")
    assert tool_text(b"\xff\xfe\x00 broken") != ""


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in tools are shell scripts")
def test_a_failing_tool_is_one_line_whatever_its_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    # The stand-in writes GBK to stderr as a Chinese Windows' pg_dump may, and checks that it has
    # no standard input to wait on.
    message = "pg_dump: 错误: 连接到服务器失败".encode("gbk")
    (tmp_path / "message").write_bytes(message + b"\nsecond line\n")
    _tool(
        folder,
        "pg_dump",
        f'if read line; then echo "stdin was given" >&2; fi\ncat "{tmp_path / "message"}" >&2\nexit 1',
    )
    monkeypatch.setenv(PG_BIN_ENV_VAR, str(folder))
    with pytest.raises(DatabaseError) as failed:
        run_pg_tool("pg_dump", ["--list"], {"PATH": "/usr/bin:/bin"})
    assert failed.value.message.startswith("pg_dump failed: pg_dump: ")
    assert "stdin" not in failed.value.message and "second line" not in failed.value.message


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in tools are shell scripts")
def test_a_tool_that_says_nothing_fails_with_its_exit_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tool(tmp_path / "bin", "pg_restore", "exit 3")
    monkeypatch.setenv(PG_BIN_ENV_VAR, str(tmp_path / "bin"))
    with pytest.raises(DatabaseError, match="pg_restore failed: exit status 3"):
        run_pg_tool("pg_restore", [], {"PATH": "/usr/bin:/bin"})
