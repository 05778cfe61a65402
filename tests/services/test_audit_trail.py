"""The audit trail: tampering directly in the database is named by ``audit verify``; a case's
history reads as who, when, what, before and after."""

from __future__ import annotations

from dataclasses import fields

import pytest
from sqlalchemy import text

from mediation_app.cli import main
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.queries.audit_trail import BreakKind, case_history, verify_chain
from mediation_app.services.cases.disclosure import reveal_owner_identity
from mediation_app.services.cases.intake import intake_case
from mediation_app.storage.models import AuditEvent
from mediation_app.storage.uow import Database, PendingEvent
from tests.support.intake_setup import CHE_ID, CLERK, intake_centre, intake_form

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")

JUDGE = Actor(None, "林振华", Role.JUDGE)
SUPERVISOR = Actor(None, "翁某某", Role.SUPERVISOR)


def _history_db(db: Database) -> int:
    """A case and a handful of events: intake (owner, company, unit, case) and a reveal."""
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        ref = intake_case(uow, intake_form(org_id, community_id))
    with db.unit_of_work(CLERK) as uow:
        reveal_owner_identity(uow, 1, "phone", case_id=ref.id)
    for n in range(3):
        with db.unit_of_work(CLERK) as uow:
            uow.audit("note.add", "case", ref.id, None, {"note": f"第{n}次电话"}, case_id=ref.id)
            uow.commit()
    return ref.id


def _verify(db_url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--db", db_url, "audit", "verify"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _sql(db: Database, *statements: str) -> None:
    """Edit the database behind the app's back, as its owner could (on PostgreSQL, past the
    append-only triggers, which the owner can switch off)."""
    with db.engine.begin() as connection:
        if not db.is_sqlite:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            connection.execute(text(statement))


def test_an_untouched_chain_verifies(db: Database, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _history_db(db)
    code, output = _verify(db_url, capsys)
    assert code == 0, output
    assert "9" in output  # the centre's set-up (sealed) + 3 creations + intake + reveal + 3 notes
    with db.read() as session:
        report = verify_chain(session)
    assert report.whole and report.events == 9 and report.last_id == 9


def test_a_changed_event_is_named(db: Database, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _history_db(db)
    _sql(db, "UPDATE audit_event SET after_json = replace(after_json, '14474.72', '1447.72') WHERE id = 5")
    code, output = _verify(db_url, capsys)
    assert code == 1
    assert "#5" in output and "case.intake" in output and "杨某某" in output and "2026-11-27 09:30" in output
    with db.read() as session:
        broken = verify_chain(session).broken
    assert broken is not None and (broken.kind, broken.event_id) == (BreakKind.CHANGED, 5)


def test_a_changed_author_or_time_is_named(db: Database) -> None:
    _history_db(db)
    _sql(db, "UPDATE audit_event SET actor_name = '林振华' WHERE id = 7")
    with db.read() as session:
        broken = verify_chain(session).broken
    assert broken is not None and (broken.kind, broken.event_id) == (BreakKind.CHANGED, 7)


def test_a_deleted_event_is_named(db: Database, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _history_db(db)
    _sql(db, "DELETE FROM audit_event WHERE id = 6")
    code, output = _verify(db_url, capsys)
    assert code == 1 and "#7" in output
    with db.read() as session:
        broken = verify_chain(session).broken
    assert broken is not None and (broken.kind, broken.event_id) == (BreakKind.LINK, 7)


def test_reordered_events_are_named(db: Database, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _history_db(db)
    _sql(
        db,
        "UPDATE audit_event SET id = 1000 WHERE id = 4",
        "UPDATE audit_event SET id = 4 WHERE id = 7",
        "UPDATE audit_event SET id = 7 WHERE id = 1000",
    )
    code, output = _verify(db_url, capsys)
    assert code == 1 and "#4" in output
    with db.read() as session:
        broken = verify_chain(session).broken
    assert broken is not None and (broken.kind, broken.event_id) == (BreakKind.LINK, 4)


def test_deleting_the_newest_events_is_caught_by_the_head(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _history_db(db)
    _sql(db, "DELETE FROM audit_event WHERE id >= 8")
    code, output = _verify(db_url, capsys)
    assert code == 1 and "#8" in output
    with db.read() as session:
        report = verify_chain(session)
    assert report.broken is not None and report.broken.kind == BreakKind.TRUNCATED
    assert report.intact == 7


def test_deleting_the_head_and_every_event_is_caught(db: Database) -> None:
    _history_db(db)
    _sql(db, "DELETE FROM audit_event", "DELETE FROM audit_head")
    with db.read() as session:
        broken = verify_chain(session).broken
    assert broken is not None and broken.kind == BreakKind.EMPTY


def test_a_save_numbers_its_events_after_one_slipped_in_behind_the_app(db: Database) -> None:
    """The events of a save follow the newest row, not only the head: a row written around the
    app neither blocks the next save nor hides in the chain (verify names it)."""
    case_id = _history_db(db)
    _sql(
        db,
        "INSERT INTO audit_event (at, actor_name, action, entity, entity_id, before_json, after_json, "
        "rows_json, prev_hash, hash) VALUES ('2026-11-27 10:00:00', 'x', 'note.add', 'case', '', '', '', '', "
        "'forged', 'forged')",
    )
    with db.unit_of_work(CLERK) as uow:
        first = uow.audit("note.add", "case", case_id, None, {"note": "上门"}, case_id=case_id)
        second = uow.audit("note.add", "case", case_id, None, {"note": "回访"}, case_id=case_id)
        uow.commit()
    assert (first.id, second.id) == (11, 12)
    with db.read() as session:
        report = verify_chain(session)
    assert report.broken is not None and report.broken.event_id == 10


def test_the_case_history_reads_as_who_when_what_before_and_after(db: Database) -> None:
    case_id = _history_db(db)
    with db.read() as session:
        history = case_history(session, case_id, SUPERVISOR)
    assert [entry.action for entry in history] == [
        "case.intake",
        "owner.reveal",
        "note.add",
        "note.add",
        "note.add",
    ]
    intake = history[0]
    assert intake.who == "杨某某" and intake.at.strftime("%Y-%m-%d %H:%M") == "2026-11-27 09:30"
    assert intake.what in {"Case registered", "案件受理"} or intake.what
    lines = intake.text()
    assert "16625.92" in lines and "14474.72" in lines
    assert "note" in history[2].text() and "第0次电话" in history[2].text()


def test_the_history_masks_identifiers_for_roles_that_do_not_see_them(db: Database) -> None:
    _history_db(db)
    with db.unit_of_work(CLERK) as uow:
        uow.audit("owner.update", "owner", 1, {"phone": "13859012345"}, {"phone": "18680484907"}, case_id=1)
        uow.audit(
            "owner.update", "owner", 1, {"id_number": CHE_ID}, {"id_number": "35030119980113592X"}, case_id=1
        )
        uow.commit()
    with db.read() as session:
        masked = case_history(session, 1, SUPERVISOR)[-2:]
        full = case_history(session, 1, JUDGE)[-2:]
    assert masked[0].changes[0].before == "138****2345" and masked[0].changes[0].after == "186****4907"
    assert masked[1].changes[0].before == "350302********0316"
    assert full[0].changes[0].before == "13859012345" and full[1].changes[0].before == CHE_ID


def test_a_pending_event_carries_every_column_of_the_audit_table() -> None:
    """Events wait for the commit as plain values: a column added to the table must be added there
    too, or the commit would insert it empty."""
    assert {f.name for f in fields(PendingEvent)} == set(AuditEvent.__table__.columns.keys())
