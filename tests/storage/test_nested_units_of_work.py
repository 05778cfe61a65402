"""Units of work nested in one batch transaction (``db.batch()`` / ``UnitOfWork.nested``), as the demo
builder uses them: each keeps or undoes only its own writes, its events join the chain in order when
the batch commits, every row written is sealed, and an account is re-checked in each one."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, event, func, make_url, select, text, update

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.domain.row_digest import parse_seals
from mediation_app.errors import SignInRequired
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.queries.row_check import check_rows
from mediation_app.services.cases.intake import intake_case
from mediation_app.storage.models import AuditEvent, Case, Owner, Staff
from mediation_app.storage.uow import Database, UnitOfWork
from tests.support.intake_setup import CLERK, intake_centre, intake_form


def _events(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _count(db: Database, model: type[Case] | type[Owner]) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_kept_steps_are_chained_and_sealed_when_the_batch_commits(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    before = _events(db)
    with db.batch() as batch:
        with batch.nested(CLERK) as uow:
            first = intake_case(uow, intake_form(org_id, community_id))
        with batch.nested(CLERK) as uow:
            uow.audit("note.add", "case", first.id, None, {"note": "电话联系业主"}, case_id=first.id)
            uow.commit()
        assert _events(db) == before  # nothing is visible outside before the batch commits
        batch.commit()
    added = _events(db)[len(before) :]
    assert added[-1] == "note.add" and "case.intake" in added
    with db.read() as session:
        assert verify_chain(session).broken is None
        report = check_rows(session)
        assert report.sealed > 0 and not report.differences, report.differences


def test_a_step_left_without_commit_undoes_only_its_own_writes(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    with db.batch() as batch:
        with batch.nested(CLERK) as uow:
            ref = intake_case(uow, intake_form(org_id, community_id))
        with pytest.raises(RuntimeError, match="refused"), batch.nested(CLERK) as uow:
            owner = uow.session.scalars(select(Owner)).one()
            owner.phone = "13900000000"  # a change to an audited row, and a new one
            uow.session.add(Owner(name="王某某", phone="13911112222", created_at=uow.clock.now()))
            uow.audit("owner.update", "owner", owner.id, None, {"phone": "changed"}, case_id=ref.id)
            uow.flush()
            raise RuntimeError("refused after writing")
        batch.commit()
    assert _count(db, Case) == 1
    assert _owner_phones(db) == {"车某": "13859012345"}
    assert "owner.update" not in _events(db)
    with db.read() as session:
        assert verify_chain(session).broken is None
        assert not check_rows(session).differences
        seals = [seal for text in session.scalars(select(AuditEvent.rows_json)) for seal in parse_seals(text)]
    owners = {seal.key for seal in seals if seal.table == "owner"}
    assert len(owners) == 1  # the undone new owner left no seal (not even a "deleted" one)
    assert all(seal.fields is not None for seal in seals)


def _owner_phones(db: Database) -> dict[str, str | None]:
    with db.read() as session:
        return {name: phone for name, phone in session.execute(select(Owner.name, Owner.phone))}


def test_a_batch_left_without_commit_keeps_nothing(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    before = _events(db)
    with db.batch() as batch, batch.nested(CLERK) as uow:
        intake_case(uow, intake_form(org_id, community_id))
    assert _count(db, Case) == 0
    assert _events(db) == before


def _account(db: Database) -> Actor:
    with db.unit_of_work(CLERK) as uow:
        staff = Staff(username="clerk.test", name="杨某", role=Role.CLERK, created_at=uow.clock.now())
        uow.session.add(staff)
        uow.flush()
        account = Actor(staff.id, staff.name, staff.role)
        uow.commit()
    return account


def test_each_step_rechecks_its_account(db: Database) -> None:
    intake_centre(db)
    account = _account(db)
    with db.batch() as batch:
        with batch.nested(account) as uow:
            assert uow.actor.staff_id == account.staff_id
        batch.session.execute(update(Staff).where(Staff.id == account.staff_id).values(active=False))
        with pytest.raises(SignInRequired), batch.nested(account):
            pass


def test_a_step_without_savepoint_is_sealed_when_the_next_step_is_undone(db: Database) -> None:
    """The first step's writes, still unflushed, reach the database when the second step's
    savepoint is taken; undoing the second step must not forget to seal them."""
    org_id, community_id = intake_centre(db)
    with db.batch() as batch:
        with batch.nested(CLERK, undoable=False) as uow:
            ref = intake_case(uow, intake_form(org_id, community_id))
        with batch.nested(CLERK, undoable=False) as uow:
            owner = Owner(name="王某某", phone="13911112222", created_at=uow.clock.now())
            uow.session.add(owner)  # left for the next flush
            uow.audit("owner.add", "owner", "", None, {"name": "王某某"}, case_id=ref.id)
            uow.commit()
        with pytest.raises(RuntimeError, match="refused"), batch.nested(CLERK):
            raise RuntimeError("refused")
        batch.commit()
    assert _owner_phones(db) == {"车某": "13859012345", "王某某": "13911112222"}
    with db.read() as session:
        assert verify_chain(session).broken is None
        assert not check_rows(session).differences


def _write_an_owner_then_fail(uow: UnitOfWork) -> None:
    """A step that writes a row, then fails: without a savepoint the row stays in the transaction."""
    uow.session.add(Owner(name="王某某", phone="13911112222", created_at=uow.clock.now()))
    uow.flush()
    raise RuntimeError("refused after writing")


def test_a_step_without_savepoint_that_fails_keeps_the_batch_from_committing(db: Database) -> None:
    org_id, community_id = intake_centre(db)
    before = _events(db)
    with db.batch() as batch:
        with batch.nested(CLERK, undoable=False) as uow:
            intake_case(uow, intake_form(org_id, community_id))
        with pytest.raises(RuntimeError, match="refused"), batch.nested(CLERK, undoable=False) as uow:
            _write_an_owner_then_fail(uow)
        with pytest.raises(RuntimeError, match="could not be undone"):
            batch.commit()
    assert _count(db, Case) == 0 and _count(db, Owner) == 0
    assert _events(db) == before


def test_a_batch_reads_each_account_once_until_it_writes_a_staff_row(db: Database) -> None:
    intake_centre(db)
    account = _account(db)
    reads: list[str] = []

    def count_staff_reads(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM staff" in statement:
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", count_staff_reads)
    try:
        with db.batch() as batch:
            for _ in range(3):
                with batch.nested(account) as uow:
                    uow.commit()
            assert len(reads) == 1
            with batch.nested(account) as uow:  # renamed through the ORM, in the batch itself
                uow.session.get(Staff, account.staff_id).name = "杨某某"  # type: ignore[union-attr]
                uow.commit()
            with batch.nested(account) as uow:
                assert uow.actor.name == "杨某某"
                uow.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", count_staff_reads)


def test_a_failed_step_without_savepoint_two_levels_down_stops_every_commit(db: Database) -> None:
    intake_centre(db)
    with db.batch() as batch:
        with batch.nested(CLERK) as middle:
            with pytest.raises(RuntimeError, match="refused"), middle.nested(CLERK, undoable=False) as inner:
                _write_an_owner_then_fail(inner)
            with pytest.raises(RuntimeError, match="could not be undone"):
                middle.commit()
        with pytest.raises(RuntimeError, match="could not be undone"):
            batch.commit()
    assert _count(db, Owner) == 0


def test_an_unflushed_deactivation_is_seen_by_the_next_step(db: Database) -> None:
    intake_centre(db)
    account = _account(db)
    with db.batch() as batch:
        with batch.nested(account, undoable=False) as uow:
            uow.commit()
        with batch.nested(CLERK, undoable=False) as uow:
            uow.session.get(Staff, account.staff_id).active = False  # type: ignore[union-attr]
            uow.commit()  # no savepoint to release: nothing flushed yet
        with pytest.raises(SignInRequired), batch.nested(account, undoable=False):
            pass


@pytest.mark.parametrize("how", ["text", "connection"])
def test_a_staff_change_by_any_statement_is_seen_by_the_next_step(db: Database, how: str) -> None:
    intake_centre(db)
    account = _account(db)
    with db.batch() as batch:
        with batch.nested(account) as uow:
            uow.commit()
        if how == "text":
            batch.session.execute(
                text("UPDATE staff SET active = false WHERE id = :i"), {"i": account.staff_id}
            )
        else:
            batch.session.connection().execute(
                update(Staff).where(Staff.id == account.staff_id).values(active=False)
            )
        with pytest.raises(SignInRequired), batch.nested(account):
            pass


def test_accounts_are_read_again_after_the_batch_commits(db: Database) -> None:
    intake_centre(db)
    account = _account(db)
    with db.batch() as batch:
        with batch.nested(account) as uow:
            uow.commit()
        batch.commit()
        with db.unit_of_work(CLERK) as other:  # between the two transactions
            other.session.get(Staff, account.staff_id).active = False  # type: ignore[union-attr]
            other.commit()
        with pytest.raises(SignInRequired), batch.nested(account):
            pass


def test_a_batch_keeps_one_list_of_checked_accounts_however_deep_it_nests(db: Database) -> None:
    intake_centre(db)
    with db.batch() as batch:
        for _ in range(5):
            with batch.nested(CLERK) as middle:
                with middle.nested(CLERK) as inner:
                    inner.commit()
                middle.commit()
        checked = batch._checked_actors
        assert middle._checked_actors is None and checked is not None  # one, on the batch
        connection = batch.session.connection()
        assert event.contains(connection, "before_cursor_execute", checked._before_statement)
        batch.commit()
        assert not event.contains(connection, "before_cursor_execute", checked._before_statement)


def test_undoing_a_step_forgets_its_accounts_on_postgresql_only(db: Database, db_url: str) -> None:
    """On PostgreSQL the rollback of a step's savepoint releases the share lock its account check
    took: another workstation may then deactivate the account, and the next step must see it."""
    intake_centre(db)
    account = _account(db)
    with db.batch() as batch:
        with pytest.raises(RuntimeError, match="refused"), batch.nested(account):
            raise RuntimeError("refused by a rule")
        if not db.is_sqlite:  # SQLite lets no other writer in while the batch is open
            other = create_engine(make_url(db.engine.url))
            try:
                with other.begin() as connection:  # not blocked: the lock went with the savepoint
                    connection.execute(text("SET LOCAL lock_timeout = '2s'"))
                    connection.execute(
                        text("UPDATE staff SET active = false WHERE id = :i"), {"i": account.staff_id}
                    )
            finally:
                other.dispose()
            with pytest.raises(SignInRequired), batch.nested(account):
                pass
        else:  # nothing else can have changed the account: its answer is kept
            assert batch._checked_actors is not None and batch._checked_actors._answers


def test_undoing_a_step_that_changed_an_account_forgets_what_was_read_after_the_change(
    db: Database,
) -> None:
    intake_centre(db)
    account = _account(db)
    with db.batch() as batch:
        with batch.nested(account) as uow:
            uow.commit()
        with pytest.raises(RuntimeError, match="refused"), batch.nested(CLERK) as uow:
            uow.session.get(Staff, account.staff_id).name = "杨某某"  # type: ignore[union-attr]
            with uow.nested(account) as inner:  # checked after the rename, and kept
                assert inner.actor.name == "杨某某"
                inner.commit()
            raise RuntimeError("refused by a rule")
        with batch.nested(account) as uow:  # the rename was undone with the step
            assert uow.actor.name == "杨某"
            uow.commit()
