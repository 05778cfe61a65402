"""Signing in on the command line: with sign-in on, commands that write (or show identities in full)
act as a member of staff named with ``--user``, the password from a prompt or standard input,
never the command line; the audit trail names them. On SQLite and PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from mediation_app.cli import main
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import Role
from mediation_app.security import passwords
from mediation_app.services import accounts
from mediation_app.services.accounts import UserForm
from mediation_app.services.cases.intake import intake_case
from mediation_app.storage.models import AuditEvent, Case, Staff
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CHE_ID, intake_centre, intake_form

ADMIN_PASS = "first admin pass"
MEDIATOR_PASS = "mediator pass 1"


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def staffed(db: Database) -> Database:
    """An administrator and a mediator with passwords: sign-in is on."""
    admin = accounts.create_first_administrator(db, "admin", "系统管理员", ADMIN_PASS)
    with db.unit_of_work(admin) as uow:
        accounts.add_user(uow, UserForm("mediator.chen", "陈志明", Role.MEDIATOR, MEDIATOR_PASS))
    return db


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _staff_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Staff)) or 0


def _last_event(db: Database, action: str) -> tuple[int | None, str]:
    """Who (id, name) the last ``action`` event names."""
    with db.read() as session:
        row = session.execute(
            select(AuditEvent.actor_id, AuditEvent.actor_name)
            .where(AuditEvent.action == action)
            .order_by(AuditEvent.id.desc())
            .limit(1)
        ).first()
        assert row is not None, action
        return row[0], row[1]


def test_adding_an_administrator_needs_an_administrator_signed_in(
    staffed: Database,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    english: None,
) -> None:
    add = ["--db", db_url, "user", "add", "mallory", "--role", "admin", "--name", "某某", "--password-stdin"]
    before = _staff_count(staffed)
    # Anyone holding the connection string, without signing in: refused, one line, exit 2.
    status, _out, err = _run(monkeypatch, capsys, "mallory's pass 1\n", *add)
    assert status == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith("Sign-in is required for this command: add --user NAME")
    # A mediator signed in: the role does not manage accounts.
    status, _out, err = _run(
        monkeypatch, capsys, f"{MEDIATOR_PASS}\nmallory's pass 1\n", *add, "--user", "mediator.chen"
    )
    assert status == 2 and err.strip() == "Your role (Mediator) does not allow you to manage user accounts."
    # A wrong password: the sign-in's answer.
    status, _out, err = _run(
        monkeypatch, capsys, "not it at all\nmallory's pass 1\n", *add, "--user", "admin"
    )
    assert status == 2 and err.strip() == "Wrong user name or password."
    assert _staff_count(staffed) == before  # nothing was added
    # The administrator: the account is added and the audit trail names who added it.
    status, _out, err = _run(
        monkeypatch, capsys, f"{ADMIN_PASS}\nmallory's pass 1\n", *add, "--user", "admin"
    )
    assert status == 0, err
    assert _staff_count(staffed) == before + 1
    actor_id, actor_name = _last_event(staffed, "account.create")
    assert actor_name == "系统管理员" and actor_id is not None


def test_the_password_is_never_a_command_line_argument(
    staffed: Database, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as usage:
        main(
            ["--db", db_url, "export", "monthly", "--month", "2026-11", "--out", "x.xlsx", "--password", "x"]
        )
    assert usage.value.code == 2


def test_at_a_terminal_the_password_is_asked_without_echo(
    staffed: Database,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompts: list[str] = []

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return MEDIATOR_PASS

    monkeypatch.setattr("sys.stdin", Tty(""))
    monkeypatch.setattr("getpass.getpass", getpass)
    out = tmp_path / "m.xlsx"
    argv = ["--db", db_url, "export", "monthly", "--month", "2026-11", "--out", str(out)]
    status = main([*argv, "--user", "mediator.chen"])
    assert status == 2  # a mediator does not see statistics: refused after signing in
    assert prompts == ["mediator.chen 的密码："] and not out.exists()


def test_an_export_signed_in_is_audited_under_the_persons_name(
    staffed: Database,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "cases.xlsx"
    argv = ["--db", db_url, "export", "cases", "--out", str(out)]
    status, _out, err = _run(monkeypatch, capsys, "", *argv)
    assert status == 2 and "--user" in err and not out.exists()
    status, _out, err = _run(monkeypatch, capsys, f"{MEDIATOR_PASS}\n", *argv, "--user", "mediator.chen")
    assert status == 0, err
    assert out.exists()
    exporter_id, exporter = _last_event(staffed, "data.export")
    assert exporter == "陈志明" and exporter_id is not None
    assert _last_event(staffed, "account.sign_in")[0] == exporter_id


def test_case_show_masks_identities_unless_someone_signs_in(
    staffed: Database, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    org_id, community_id = intake_centre(staffed)
    with staffed.unit_of_work(SYSTEM) as uow:
        number = intake_case(uow, intake_form(org_id, community_id)).number
    argv = ["--db", db_url, "case", "show", number, "--json"]
    status, out, err = _run(monkeypatch, capsys, "", *argv)
    assert status == 0, err
    assert CHE_ID not in out and "*" in out  # nobody signed in: masked
    status, out, err = _run(monkeypatch, capsys, f"{MEDIATOR_PASS}\n", *argv, "--user", "mediator.chen")
    assert status == 0, err
    assert CHE_ID in out  # a mediator sees the full number


def test_without_sign_in_the_command_line_acts_as_before(
    db: Database,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A single seat with sign-in off (SQLite), or before the first administrator exists."""
    if not db.is_sqlite:
        pytest.skip("a shared PostgreSQL database always requires sign-in")
    admin = accounts.create_first_administrator(db, "admin", "系统管理员", ADMIN_PASS, require_sign_in=False)
    assert admin.staff_id is not None
    out = tmp_path / "cases.xlsx"
    status, _out, err = _run(monkeypatch, capsys, "", "--db", db_url, "export", "cases", "--out", str(out))
    assert status == 0, err
    actor_id, actor_name = _last_event(db, "data.export")
    assert actor_id is None and actor_name.startswith("命令行")  # the command line, named as such
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0
