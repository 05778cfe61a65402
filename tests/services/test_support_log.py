"""The support log: after a failure, a support person reads what happened — the database opened
and upgraded, documents finalised, SMS handed over, permissions refused, imports committed,
backups made and restored, tracebacks of the unexpected — and never a resident's name, ID number,
phone number or address. The commands write to the client's log file."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from mediation_app.adapters.sms_gateways import ExportSender
from mediation_app.backup.startup import open_for_app
from mediation_app.batch_import import ImportOptions, commit_import, preview
from mediation_app.cli import main
from mediation_app.clock import CHINA, FixedClock
from mediation_app.documents.canonical import canonical_json
from mediation_app.errors import PermissionDenied
from mediation_app.log_file import log_path
from mediation_app.services import sms
from mediation_app.services.documents import finalise
from mediation_app.storage.models import Owner
from mediation_app.storage.uow import Database
from tests.support.import_sheets import CLERK, good_row, small_centre, write_xlsx
from tests.support.workflow_setup import Centre


def _render(kind: str, data: object, *, locale: str | None = None) -> bytes:
    return kind.encode() + b"|" + canonical_json(data)


def _personal_data(db: Database) -> list[str]:
    """Every owner's name, ID number, phone number and address in the database."""
    with db.read() as session:
        owners = session.scalars(select(Owner)).all()
        found = [value for o in owners for value in (o.name, o.id_number, o.phone, o.address) if value]
    assert found, "the test needs owners to look for"
    return found


def _messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records]


def _leaks(messages: list[str], personal: list[str]) -> list[tuple[str, str]]:
    return [(value, message) for message in messages for value in personal if value in message]


def test_a_day_at_the_centre_is_in_the_log_without_a_residents_data(
    db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    db = open_for_app(db_url, FixedClock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=CHINA)))
    try:
        c = Centre.build(db)
        cid = c.new_case()
        with pytest.raises(PermissionDenied):
            c.run(sms.queue_pre_mediation_reminder, cid, actor=c.actor("supervisor.weng"))
        c.run(sms.queue_pre_mediation_reminder, cid)
        report = sms.dispatch(db, c.actor("clerk.yang"), ExportSender(tmp_path, c.clock.now()))
        assert report.sent == 1
        document = c.run(finalise.finalise, c.centre_case, "intake", _render, actor=c.actor("mediator.chen"))
        messages = _messages(caplog)
        personal = _personal_data(db)
    finally:
        db.dispose()

    def logged(start: str) -> list[str]:
        return [m for m in messages if m.startswith(start)]

    assert logged("database opened: ")
    assert any(" -> " in m for m in logged("schema upgrade of ")) and logged("schema upgraded to ")
    assert logged("permission refused: send_sms for role supervisor")
    assert logged("SMS dispatch through export: 1 due, 1 sent, 0 to retry, 0 failed")
    assert logged(f"document finalised: intake {document.number}, version 1, of case {document.case_number}")
    assert _leaks(messages, personal) == []


def test_an_import_is_logged_with_its_counts_and_no_names(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    centre = small_centre(db)
    path = write_xlsx(tmp_path / "sheet.xlsx", [good_row(1), good_row(2)])
    with db.read() as session:
        result = preview(
            session, path, centre.company_id, today=dt.date(2026, 11, 27), options=ImportOptions()
        )
    caplog.set_level(logging.INFO)
    with db.unit_of_work(CLERK) as uow:
        outcome = commit_import(uow, result)
    (line,) = [m for m in _messages(caplog) if m.startswith("import committed: ")]
    assert f"batch {outcome.batch_id} of company {centre.company_id}, 2 cases" in line
    assert "0 rows skipped" in line
    assert _leaks(_messages(caplog), _personal_data(db)) == []


def _root_handlers_for(path: Path) -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(path)]


def test_commands_write_to_the_clients_log_file_and_leave_the_process_as_they_found_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'centre.sqlite3'}"
    db = open_for_app(url, FixedClock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=CHINA)))
    try:
        Centre.build(db)
        personal = _personal_data(db)
    finally:
        db.dispose()
    out = tmp_path / "backup.zip"
    assert main(["--db", url, "backup", "--out", str(out)]) == 0, capsys.readouterr().err
    assert main(["--db", url, "restore", str(out), "--yes"]) == 0, capsys.readouterr().err
    assert main(["--db", url, "cases", "find", "车某"]) == 0, capsys.readouterr().err

    text = log_path().read_text(encoding="utf-8")
    assert " INFO mediation_app.cli: mediation-app " in text and ": backup" in text and ": restore" in text
    assert f"backup written: {out} (sqlite, schema " in text
    assert f"backup restored: {out} (made " in text and "audit chain whole" in text
    assert [value for value in personal if value in text] == []  # not even the name searched for
    assert _root_handlers_for(log_path()) == []


def test_an_unexpected_error_in_a_command_leaves_its_traceback_in_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: object) -> object:
        raise RuntimeError("a bug in the calculator")

    monkeypatch.setattr("mediation_app.commands.calc.parse_input", broken)
    data = tmp_path / "input.json"
    data.write_text(json.dumps({}), encoding="utf-8")
    assert main(["calc", str(data)]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err  # the user still gets one line
    text = log_path().read_text(encoding="utf-8")
    assert "ERROR mediation_app.commands.calc: internal error in the calculator" in text
    assert "Traceback" in text and "RuntimeError: a bug in the calculator" in text
