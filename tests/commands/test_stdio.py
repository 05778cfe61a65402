"""The commands on Windows' terms, emulated here: no standard streams at all (the windowed
``mediation-app.exe``), and output through a pipe in the code page (cp1252 on an English PC, cp936
on a Chinese one) — every command exits with its status, never a traceback, and Chinese names,
刘䶮 included (䶮 is outside GBK), come through."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mediation_app.cli import main, opens_client
from mediation_app.commands import stdio
from mediation_app.paths import sqlite_url
from mediation_app.services.cases.intake import CompanyForm, intake_case
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CLERK, intake_centre, intake_form
from tests.support.streams import drop_standard_streams

RARE_NAME = "刘䶮"
CALC_INPUT = Path(__file__).resolve().parents[1] / "core" / "data" / "calc" / "A_seed_like.input.json"


@pytest.fixture
def centre_url(tmp_path: Path) -> Iterator[str]:
    """A centre with two cases: 车某's and one of 刘䶮."""
    url = sqlite_url(tmp_path / "centre.sqlite3")
    db = Database.open(url)
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        intake_case(uow, intake_form(org_id, community_id))
    form = intake_form(org_id, community_id, name=RARE_NAME, id_number="", phone="13906001234")
    form.company = CompanyForm(existing_id=1)
    form.unit.room = "0801"
    with db.unit_of_work(CLERK) as uow:
        intake_case(uow, form)
    db.dispose()
    yield url


# --- no standard streams: sys.stdin, sys.stdout and sys.stderr are None ----------------------------


@pytest.mark.parametrize(
    ("words", "status"),
    [
        (["cases", "find", RARE_NAME], 0),
        (["cases", "find", RARE_NAME, "--json"], 0),
        (["cases", "due"], 0),
        (["user", "list"], 0),
        (["audit", "verify"], 0),
        (["calc", "-"], 2),  # no standard input to read: refused in one line
        (["user", "add", "x.y", "--role", "clerk", "--name", "某"], 2),  # no password to read
        (["case", "show", "荔物调〔2000〕9999号"], 2),  # not found: one line on the missing stderr
    ],
)
def test_commands_run_without_any_standard_stream(
    centre_url: str, words: list[str], status: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop_standard_streams(monkeypatch)
    assert main(["--db", centre_url, *words]) == status
    assert sys.stdin is None and sys.stdout is None and sys.stderr is None


def test_help_version_and_a_mistake_end_without_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    drop_standard_streams(monkeypatch)
    for words in (["--help"], ["--version"], ["cases", "--help"], ["no-such-command"]):
        with pytest.raises(SystemExit) as ended:
            main(words)
        assert ended.value.code in (0, 2)


def test_a_restore_without_stdin_asks_nobody_and_changes_nothing(
    centre_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "centre.zip"
    assert main(["backup", "--db", centre_url, "--out", str(backup)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", None)
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["restore", str(backup), "--db", centre_url]) == 2
    assert "--yes" in capsys.readouterr().err  # the refusal, where there is a stderr


def test_an_import_without_stdin_writes_nothing(
    centre_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.import_sheets import good_row, write_xlsx

    sheet = write_xlsx(tmp_path / "list.xlsx", [good_row(1)])
    monkeypatch.setattr(sys, "stdin", None)
    status = main(["import", str(sheet), "--company", "荔安", "--db", centre_url])
    assert status == 1 and "--yes" in capsys.readouterr().err
    db = Database.open(centre_url)
    try:
        with db.read() as session:
            from sqlalchemy import func, select

            from mediation_app.storage.models import Case

            assert session.scalar(select(func.count()).select_from(Case)) == 2
    finally:
        db.dispose()


def test_calc_reads_stdin_when_there_is_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = CALC_INPUT.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["calc", "-"]) == 0
    assert "payable" in capsys.readouterr().out


def test_the_helpers_treat_a_missing_stdin_as_nobody_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert not stdio.interactive()
    assert stdio.ask("Sure? ") is None and stdio.read_line() is None and stdio.read_bytes() is None
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\nsecond\n"))
    assert not stdio.interactive()  # a pipe, not a terminal
    assert stdio.read_line() == "yes" and stdio.ask("") == "second" and stdio.ask("") is None


def test_only_the_client_itself_needs_no_console() -> None:
    for words in ([], ["--db", "sqlite:///x"], ["--lang", "en"], ["--db=x", "gui"], ["gui", "--db", "x"]):
        assert opens_client(words), words
    for words in (["--help"], ["--version"], ["backup"], ["--db", "x", "cases", "find", "林"], ["typo"]):
        assert not opens_client(words), words


# --- a narrow code page: output to a pipe or a file ---------------------------------------------


def _stream(encoding: str, *, terminal: bool = False) -> io.TextIOWrapper:
    class Stream(io.TextIOWrapper):
        def isatty(self) -> bool:
            return terminal

    return Stream(io.BytesIO(), encoding=encoding)


@pytest.mark.parametrize(
    ("code_page", "written_as"),
    [("cp1252", "utf-8"), ("ascii", "utf-8"), ("latin-1", "utf-8"), ("cp936", "gb18030"), ("gbk", "gb18030")],
)
def test_a_pipe_in_a_narrow_code_page_writes_every_character(code_page: str, written_as: str) -> None:
    stream = _stream(code_page)
    with pytest.raises(UnicodeEncodeError):
        stream.write(f"调解 {RARE_NAME}")  # what happened before
        stream.flush()
    stream = _stream(code_page)
    stdio.widened(stream)
    stream.write(f"调解 {RARE_NAME}")
    stream.flush()
    assert stream.buffer.getvalue().decode(written_as) == f"调解 {RARE_NAME}"  # type: ignore[attr-defined]


def test_gb18030_keeps_the_bytes_a_gbk_reader_expects() -> None:
    stream = _stream("cp936")
    stdio.widened(stream)
    stream.write("调解协议书")
    stream.flush()
    assert stream.buffer.getvalue() == "调解协议书".encode("gbk")  # type: ignore[attr-defined]


def test_a_terminal_in_a_narrow_code_page_shows_what_it_can() -> None:
    stream = _stream("cp1252", terminal=True)
    stdio.widened(stream)
    stream.write("Case 调解")
    stream.flush()
    assert stream.buffer.getvalue() == b"Case ??"  # type: ignore[attr-defined]


def test_unicode_streams_and_missing_ones_are_left_alone() -> None:
    stream = _stream("utf-8")
    assert stdio.widened(stream) is stream and stream.encoding == "utf-8" and stream.errors == "strict"
    assert stdio.widened(None) is None


def _run(words: list[str], code_page: str, data_dir: Path) -> subprocess.CompletedProcess[bytes]:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("MEDIATION_DB_URL", "PYTHONUTF8")},
        "PYTHONIOENCODING": code_page,
        "MEDIATION_DATA_DIR": str(data_dir),
        "MEDIATION_LANG": "zh_CN",
    }
    return subprocess.run(
        [sys.executable, "-m", "mediation_app", *words],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize(("code_page", "written_as"), [("cp1252", "utf-8"), ("cp936", "gb18030")])
def test_commands_through_a_pipe_print_chinese_in_any_code_page(
    centre_url: str, tmp_path: Path, code_page: str, written_as: str
) -> None:
    helped = _run(["--help"], code_page, tmp_path)
    assert helped.returncode == 0, helped.stderr.decode(written_as, "replace")
    assert "打开桌面客户端" in helped.stdout.decode(written_as)

    found = _run(["cases", "find", RARE_NAME, "--db", centre_url], code_page, tmp_path)
    assert found.returncode == 0, found.stderr.decode(written_as, "replace")
    assert RARE_NAME in found.stdout.decode(written_as)

    as_json = _run(["cases", "find", RARE_NAME, "--json", "--db", centre_url], code_page, tmp_path)
    assert json.loads(as_json.stdout.decode(written_as))[0]["owner"] == RARE_NAME

    missing = _run(["case", "show", "荔物调〔2000〕9999号", "--db", centre_url], code_page, tmp_path)
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr
    assert "荔物调〔2000〕9999号" in missing.stderr.decode(written_as)
