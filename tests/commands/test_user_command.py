"""``mediation-app user add|list``: the password comes from stdin or a no-echo prompt, never argv."""

from __future__ import annotations

import io

import pytest
from argon2 import PasswordHasher

from mediation_app.cli import main
from mediation_app.security import passwords
from mediation_app.services import accounts
from mediation_app.storage.uow import Database


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def test_add_from_stdin_then_list_and_sign_in(
    db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("first admin pass\n"))
    code = main(
        [
            "--db",
            db_url,
            "user",
            "add",
            "Admin",
            "--role",
            "admin",
            "--name",
            "系统管理员",
            "--password-stdin",
        ]
    )
    assert code == 0, capsys.readouterr().err
    # Now an administrator exists: adding an account signs in as one first (--user), and both
    # passwords come from standard input, one line each (it is not a terminal).
    monkeypatch.setattr("sys.stdin", io.StringIO("first admin pass\njudge's pass 1\n"))
    add = [
        "--db",
        db_url,
        "user",
        "add",
        "judge.lin",
        "--role",
        "judge",
        "--name",
        "林振华",
        "--user",
        "admin",
    ]
    assert main(add) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "user", "list"]) == 0
    listing = capsys.readouterr().out
    assert "admin\t系统管理员" in listing and "judge.lin\t林振华" in listing
    assert accounts.sign_in(db, "admin", "first admin pass").staff_id is not None
    assert accounts.sign_in(db, "judge.lin", "judge's pass 1").name == "林振华"


def test_a_weak_password_is_one_line_and_exit_2(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code = main(["--db", db_url, "user", "add", "x.y", "--role", "clerk", "--name", "某", "--password-stdin"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "8" in err


def test_an_interactive_prompt_asks_twice(
    db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["typed twice 1", "typed twice 2"])
    monkeypatch.setattr("sys.stdin", Tty(""))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code = main(["--db", db_url, "user", "add", "clerk.yang", "--role", "clerk", "--name", "杨某某"])
    assert code == 2 and "clerk.yang" not in capsys.readouterr().out
    assert accounts.list_users(db) == []
