"""Tampering behind the app's back is detected and named, on SQLite and PostgreSQL.

The four ways in of issue 15: a claim amount edited with SQL (the row no longer matches its seal
in the chain), ``document.sha256`` set to a forged file's hash (``verify`` trusts only the chained
finalisation event), an event edited with every later hash recomputed (the chain is whole again,
but a signed checkpoint remembers another hash), and the newest events deleted with the head
rewound (the checkpoint names an event that is gone). The attacker here is the database's owner:
on PostgreSQL they switch the append-only triggers off first, which the app's own role cannot.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from mediation_app.cli import main
from mediation_app.documents.canonical import canonical_json
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.audit_chain import event_hash
from mediation_app.i18n import language
from mediation_app.queries.row_check import RowProblem, check_rows
from mediation_app.security import checkpoints
from mediation_app.services.cases.intake import intake_case
from mediation_app.services.documents import finalise as documents
from mediation_app.storage.models import AuditEvent, Case, CaseCoOwner, Owner
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CLERK, intake_centre, intake_form

pytestmark = pytest.mark.usefixtures("english")


def fake_render(kind: str, data: Any, *, locale: str | None = None) -> bytes:
    return f"{kind}|{locale or language()}|".encode() + canonical_json(data)


def _case(db: Database) -> tuple[int, str]:
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        ref = intake_case(uow, intake_form(org_id, community_id))
    return ref.id, ref.number


def _sql(db: Database, *statements: str, **params: Any) -> None:
    """Edit the database as its owner could: on PostgreSQL past the triggers (switched off)."""
    with db.engine.begin() as connection:
        if not db.is_sqlite:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            connection.execute(text(statement), params)


def _verify(db_url: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["--db", db_url, "audit", "verify", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _checkpoint(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "audit", "checkpoint"]) == 0
    capsys.readouterr()


def _note(db: Database, case_id: int, n: int) -> None:
    with db.unit_of_work(CLERK) as uow:
        uow.audit("note.add", "case", case_id, None, {"note": f"第{n}次电话"}, case_id=case_id)
        uow.commit()


def _rechain_from(db: Database, first: int) -> None:
    """Recompute the hash of event ``first`` and of every later one, and the head: a whole chain."""
    updates = []
    prev = ""
    with db.read() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        last_id = events[-1].id
        for event in events:
            if event.id >= first:
                digest = event_hash(
                    prev_hash=prev,
                    at=event.at,
                    actor_id=event.actor_id,
                    actor_name=event.actor_name,
                    action=event.action,
                    entity=event.entity,
                    entity_id=event.entity_id,
                    case_id=event.case_id,
                    before_json=event.before_json,
                    after_json=event.after_json,
                    rows_json=event.rows_json,
                )
                updates.append({"prev": prev, "hash": digest, "id": event.id})
                prev = digest
            else:
                prev = event.hash
    with db.engine.begin() as connection:
        if not db.is_sqlite:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        for update in updates:
            connection.execute(
                text("UPDATE audit_event SET prev_hash = :prev, hash = :hash WHERE id = :id"), update
            )
        connection.execute(
            text("UPDATE audit_head SET last_id = :id, last_hash = :hash WHERE id = 1"),
            {"id": last_id, "hash": prev},
        )


def test_an_untouched_database_verifies_with_its_rows_and_checkpoint(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _case(db)
    _checkpoint(db_url, capsys)
    code, output = _verify(db_url, capsys, "--deep")
    assert code == 0, output
    assert "The data matches the audit trail" in output
    assert "Chain vouched for up to event" in output
    with db.read() as session:
        report = check_rows(session)
    assert report.clean and report.sealed >= 6 and report.older == 0  # organisation … claim lines


def test_a_claim_amount_edited_with_sql_is_named(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id, number = _case(db)
    _sql(db, "UPDATE claim_item SET amount = amount * 10 WHERE case_id = :c AND position = 1", c=case_id)
    code, output = _verify(db_url, capsys)
    assert code == 1, output
    assert f"claim line 2 of case {number}: Amount differs from its last audited state (event " in output
    with db.read() as session:
        report = check_rows(session)
    assert [(d.problem, d.table, d.columns) for d in report.differences] == [
        (RowProblem.CHANGED, "claim_item", ("amount",))
    ]


def test_rows_deleted_or_added_with_sql_are_named(db: Database, db_url: str) -> None:
    case_id, number = _case(db)
    _sql(
        db,
        "DELETE FROM claim_item WHERE case_id = :c AND position = 0",
        "INSERT INTO claim_item (case_id, position, kind, description, amount, owner_position, position_reason)"
        " VALUES (:c, 5, 'other', '补记', 99900, 'unanswered', '')",
        c=case_id,
    )
    with db.read() as session:
        report = check_rows(session)
    problems = sorted((d.problem, d.table) for d in report.differences)
    assert problems == [(RowProblem.DELETED, "claim_item"), (RowProblem.UNSEALED, "claim_item")]
    texts = " / ".join(d.describe() for d in report.differences)
    assert "deleted outside the application" in texts and f"claim line 6 of case {number}" in texts


def test_a_co_owner_link_row_is_sealed(db: Database) -> None:
    """The link row (case_co_owner) has no id of its own: it is sealed by its two keys."""
    case_id, _number = _case(db)
    with db.unit_of_work(CLERK) as uow:
        co_owner = Owner(name="车某妻", phone="13859019999", created_at=uow.clock.now())
        uow.session.add(co_owner)
        uow.flush()
        uow.session.add(CaseCoOwner(case_id=case_id, owner_id=co_owner.id))
        uow.commit()
    with db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None and [o.name for o in case.co_owners] == ["车某妻"]
    with db.read() as session:
        assert check_rows(session).differences == []
    _sql(db, "DELETE FROM case_co_owner WHERE case_id = :c", c=case_id)
    with db.read() as session:
        problems = [(d.problem, d.table) for d in check_rows(session).differences]
    assert problems == [(RowProblem.DELETED, "case_co_owner")]


def test_a_forged_document_hash_does_not_make_a_tampered_file_verify(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    case_id, number = _case(db)
    with db.unit_of_work(SYSTEM) as uow:
        final = documents.finalise(uow, case_id, "intake", fake_render)
    original, tampered = tmp_path / "original.pdf", tmp_path / "tampered.pdf"
    original.write_bytes(final.content)
    tampered.write_bytes(final.content.replace("车某".encode(), "李某".encode()))
    forged = hashlib.sha256(tampered.read_bytes()).hexdigest()
    _sql(db, "UPDATE document SET sha256 = :h WHERE id = :id", h=forged, id=final.id)

    assert main(["--db", db_url, "verify", str(tampered)]) == 1
    assert "Not found" in capsys.readouterr().out
    assert main(["--db", db_url, "verify", str(original)]) == 0
    assert final.number in capsys.readouterr().out
    code, output = _verify(db_url, capsys)
    assert code == 1
    assert f"final document {final.number} of case {number}: recorded hash differs" in output


def test_a_rechained_audit_trail_is_caught_by_the_checkpoint(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id, _number = _case(db)
    for n in range(3):
        _note(db, case_id, n)
    _checkpoint(db_url, capsys)
    with db.engine.connect() as connection:
        intake_id = connection.execute(
            text("SELECT id FROM audit_event WHERE action = 'case.intake'")
        ).scalar()
        last = connection.execute(text("SELECT max(id) FROM audit_event")).scalar()
    _sql(
        db,
        "UPDATE audit_event SET after_json = replace(after_json, '14474.72', '1447.72') WHERE id = :id",
        id=intake_id,
    )
    _rechain_from(db, intake_id)
    code, output = _verify(db_url, capsys)
    assert code == 1, output
    assert "The audit trail is whole" in output  # the chain alone no longer shows it …
    assert f"The trail was rewritten (hashes recomputed after an edit): event {last} no longer has" in output


def test_a_deleted_tail_with_a_rewound_head_is_caught_by_the_checkpoint(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id, _number = _case(db)
    _note(db, case_id, 1)
    _checkpoint(db_url, capsys)
    vouched_before = main(["--db", db_url, "audit", "verify"])
    assert vouched_before == 0, capsys.readouterr()
    capsys.readouterr()
    for n in range(2, 4):
        _note(db, case_id, n)
    _checkpoint(db_url, capsys)
    with db.engine.connect() as connection:
        last = connection.execute(text("SELECT max(id) FROM audit_event")).scalar()
    keep = last - 2
    _sql(
        db,
        "DELETE FROM audit_event WHERE id > :keep",
        "UPDATE audit_head SET last_id = :keep, last_hash = (SELECT hash FROM audit_event WHERE id = :keep)",
        keep=keep,
    )
    code, output = _verify(db_url, capsys)
    assert code == 1, output
    assert "The audit trail is whole" in output
    assert f"vouched for event {last}, but the trail now ends at event {keep}." in output
    assert f"Chain vouched for up to event {keep}" in output  # the first checkpoint still holds


def test_checkpoints_signed_by_an_unknown_key_do_not_count(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _case(db)
    _checkpoint(db_url, capsys)
    key_file = checkpoints.key_dir() / checkpoints.KEY_FILE
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    key_file.unlink()  # another key now: the checkpoint above was signed by a stranger
    code, output = _verify(db_url, capsys)
    assert code == 0
    assert "1 checkpoints were ignored" in output and "No checkpoint vouches" in output


@pytest.mark.pg
def test_postgresql_refuses_to_edit_delete_or_rewind_the_audit_trail(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("the append-only triggers are PostgreSQL's")
    _case(db)
    for statement in (
        "UPDATE audit_event SET actor_name = 'x' WHERE id = 1",
        "DELETE FROM audit_event WHERE id = 1",
        "TRUNCATE audit_event",
        "UPDATE audit_head SET last_id = 1, last_hash = (SELECT hash FROM audit_event WHERE id = 1)",
        "DELETE FROM audit_head",
    ):
        with (
            pytest.raises(Exception, match=r"append-only|only move forward"),
            db.engine.begin() as connection,
        ):
            connection.execute(text(statement))


@pytest.mark.pg
def test_the_readmes_least_privilege_role_can_write_the_data_but_only_append_to_the_trail(
    db: Database,
) -> None:
    if db.is_sqlite:
        pytest.skip("roles are PostgreSQL's")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sql\n", 1)[1].split("```", 1)[0]
    role = f"mediation_app_{os.getpid()}_{id(db)}"
    with db.engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        database = connection.execute(text("SELECT current_database()")).scalar_one()
    statements = [
        line.replace("mediation_app", role)
        .replace("SCHEMA public", f'SCHEMA "{schema}"')
        .replace("DATABASE mediation", f'DATABASE "{database}"')
        for line in block.strip().splitlines()
    ]
    _case(db)
    try:
        with db.engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
        with db.engine.connect() as connection:  # acting as the role, as a workstation would
            connection.execute(text(f'SET ROLE "{role}"'))
            connection.execute(text("UPDATE owner SET address = '新地址' WHERE id = 1"))
            connection.execute(
                text(
                    "INSERT INTO audit_event (at, actor_name, action, entity, entity_id, before_json, "
                    "after_json, rows_json, prev_hash, hash) VALUES (now(), 'x', 'x', 'x', '', '', '', '', '', '')"
                )
            )
            connection.rollback()
            for statement in ("UPDATE audit_event SET actor_name = 'x'", "DELETE FROM audit_event"):
                connection.execute(text(f'SET ROLE "{role}"'))
                with pytest.raises(Exception, match="permission denied"):
                    connection.execute(text(statement))
                connection.rollback()
    finally:
        with db.engine.begin() as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
