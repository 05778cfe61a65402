"""The SMS outbox: only to parties who accepted electronic notices; handed to a real local HTTP
gateway or exported as CSV and XLSX; failures recorded, retried with a growing delay, kept after
the last attempt and queued again on request — never lost. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mediation_app.adapters.sms_gateways import EXPORT_COLUMNS, ExportSender, HttpSender
from mediation_app.domain.enums import CaseStatus, SmsStatus
from mediation_app.domain.party import Party
from mediation_app.errors import PermissionDenied, WorkflowError
from mediation_app.queries.case_header import case_history
from mediation_app.services import sms as sms_outbox
from mediation_app.services.cases import sessions
from mediation_app.services.sms import MAX_ATTEMPTS, retry_delay
from mediation_app.storage.models import SmsMessage
from mediation_app.storage.uow import Database
from mediation_app.workflow.sms import SmsTemplate
from tests.support import workflow_setup as w
from tests.support.sms_gateway import sms_gateway
from tests.support.workflow_setup import Centre


def _outbox(c: Centre) -> list[sms_outbox.OutboxRow]:
    with c.db.read() as session:
        return sms_outbox.outbox(session)


def test_no_sms_to_an_owner_who_did_not_accept_electronic_notices(db: Database) -> None:
    c = Centre.build(db)
    cid = c.new_case(electronic_notice=False)
    with pytest.raises(WorkflowError, match=r"paper|纸质"):
        c.run(sms_outbox.queue_pre_mediation_reminder, cid)
    assert _outbox(c) == []
    c.run(sms_outbox.set_electronic_notice, cid, "owner", True)
    (queued,) = c.run(sms_outbox.queue_pre_mediation_reminder, cid)
    assert queued.status is SmsStatus.QUEUED and queued.phone == "13859010001"
    with pytest.raises(PermissionDenied):
        c.run(sms_outbox.queue_pre_mediation_reminder, cid, actor=c.actor("supervisor.weng"))


def test_http_sender_posts_json_and_failures_are_retried_then_kept(db: Database) -> None:
    c = Centre.build(db)
    cid = c.centre_case
    (message,) = c.run(sms_outbox.queue_pre_mediation_reminder, cid)
    clerk = c.actor("clerk.yang")
    with sms_gateway() as gateway:
        sender = HttpSender(gateway.url, timeout=5, token="secret")
        gateway.status = 503
        first = sms_outbox.dispatch(c.db, clerk, sender)
        assert (first.sent, first.retrying, first.failed) == (0, 1, 0)
        (row,) = _outbox(c)
        assert row.status is SmsStatus.RETRY and row.attempts == 1 and "503" in row.last_error
        assert row.next_attempt_at == c.clock.now() + retry_delay(1)
        # Not due yet: nothing is sent before the retry time.
        assert sms_outbox.dispatch(c.db, clerk, sender).sent == 0
        assert len(gateway.received) == 1
        for attempt in range(2, MAX_ATTEMPTS + 1):
            c.later(hours=7)
            sms_outbox.dispatch(c.db, clerk, sender)
            (row,) = _outbox(c)
            assert row.attempts == attempt
        assert row.status is SmsStatus.FAILED and row.next_attempt_at is None
        c.later(days=1)
        assert sms_outbox.dispatch(c.db, clerk, sender).sent == 0  # a failed message waits for a person
        gateway.status = 200
        c.run(sms_outbox.retry_failed, message.id, actor=clerk)
        done = sms_outbox.dispatch(c.db, clerk, sender)
    assert done.sent == 1
    (row,) = _outbox(c)
    assert row.status is SmsStatus.SENT and row.attempts == MAX_ATTEMPTS + 1 and row.last_error == ""
    body = gateway.received[-1]
    assert body == {
        "reference": f"sms-{message.id}",
        "phone": "13859012345",
        "content": message.text,
        "send_time": None,
    }
    assert gateway.headers[-1]["Authorization"] == "Bearer secret"
    assert len(gateway.received) == MAX_ATTEMPTS + 1
    with c.db.read() as session:
        kinds = [h.kind for h in case_history(session, cid)]
    assert kinds.count("sms") == 1  # the path shows the message once it was sent


def test_a_gateway_that_does_not_answer_is_a_failure_not_a_loss(db: Database) -> None:
    c = Centre.build(db)
    c.run(sms_outbox.queue_pre_mediation_reminder, c.centre_case)
    with sms_gateway() as gateway:
        url = gateway.url
    # The server is gone: the connection is refused.
    report = sms_outbox.dispatch(c.db, c.actor("clerk.yang"), HttpSender(url, timeout=2))
    assert report.retrying == 1
    (row,) = _outbox(c)
    assert row.status is SmsStatus.RETRY and row.last_error.startswith("no connection")


def test_a_redirect_is_a_failure_not_a_silent_get(db: Database) -> None:
    c = Centre.build(db)
    c.run(sms_outbox.queue_pre_mediation_reminder, c.centre_case)
    with sms_gateway() as gateway:
        gateway.status = 302
        report = sms_outbox.dispatch(c.db, c.actor("clerk.yang"), HttpSender(gateway.url, timeout=5))
    assert report.retrying == 1 and len(gateway.received) == 1
    (row,) = _outbox(c)
    assert row.last_error.startswith("HTTP 302")


def test_export_sender_writes_the_platform_import_files(db: Database, tmp_path: Path) -> None:
    c = Centre.build(db)
    cid = c.centre_case
    later = c.clock.now() + dt.timedelta(days=1)
    reminder = c.run(sms_outbox.queue_pre_mediation_reminder, cid)[0]
    other = c.new_case()
    scheduled = c.run(sms_outbox.queue_pre_mediation_reminder, other, send_at=later)[0]
    sender = ExportSender(tmp_path, c.clock.now())
    report = sms_outbox.dispatch(c.db, c.actor("clerk.yang"), sender)
    assert report.sent == 2
    csv_path, xlsx_path = sender.files
    assert csv_path.suffix == ".csv" and xlsx_path.suffix == ".xlsx"
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS == ("手机号码", "短信内容", "发送时间")
    assert rows[1] == ["13859012345", reminder.text, ""]
    assert rows[2] == [scheduled.phone, scheduled.text, later.strftime("%Y-%m-%d %H:%M:%S")]
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    values = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    assert values == rows
    assert sheet["A2"].number_format == "@"  # the phone stays text
    assert {r.status for r in _outbox(c)} == {SmsStatus.SENT}


def test_export_sender_without_the_workbook_writes_the_csv_alone(db: Database, tmp_path: Path) -> None:
    c = Centre.build(db)
    c.run(sms_outbox.queue_pre_mediation_reminder, c.centre_case)
    sender = ExportSender(tmp_path / "exports", c.clock.now(), workbook=False)
    assert sms_outbox.dispatch(c.db, c.actor("clerk.yang"), sender).sent == 1
    exports = tmp_path / "exports"
    assert [p.suffix for p in sender.files] == [".csv"] == [p.suffix for p in exports.iterdir()]


def test_session_notice_and_instalment_reminder_name_the_facts(db: Database) -> None:
    c = Centre.build(db)
    cid = c.to(CaseStatus.IN_MEDIATION)
    at = c.clock.now() + dt.timedelta(days=2)
    planned = sessions.SessionInput(at, sessions.SessionMode.IN_PERSON, place="区调处中心第一调解室")
    meeting = c.run(sessions.schedule_session, cid, planned)
    owner, company = c.run(sms_outbox.queue_session_notice, meeting.session_id)
    assert "区调处中心第一调解室" in owner.text and "陈志明" in owner.text and owner.party is Party.OWNER
    assert company.party is Party.COMPANY
    w._reach(c, cid)
    with pytest.raises(WorkflowError):
        c.run(sms_outbox.queue_instalment_reminder, cid, 1)  # not signed yet
    w._sign(c, cid)
    (reminder,) = c.run(sms_outbox.queue_instalment_reminder, cid, 2)
    assert "第2期（共2期）" in reminder.text and "3,240.00" in reminder.text


def test_the_preview_is_the_text_that_would_be_queued_and_writes_nothing(db: Database) -> None:
    c = Centre.build(db)
    cid = c.centre_case
    with c.db.read() as session:
        shown = sms_outbox.preview_text(session, cid, SmsTemplate.PRE_MEDIATION_REMINDER)
    assert _outbox(c) == []
    assert "{" not in shown and "民法典" in shown
    (queued,) = c.run(sms_outbox.queue_pre_mediation_reminder, cid)
    with c.db.read() as session:
        assert session.get(SmsMessage, queued.id).text == shown  # type: ignore[union-attr]
