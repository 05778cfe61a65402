"""Two real sessions (two engines, as two workstations) edit the same record: the second save is
refused with the offer to reload, and nothing is merged or lost. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from mediation_app.clock import FixedClock
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import ConflictError
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.security import passwords
from mediation_app.services import accounts
from mediation_app.services.accounts import UserForm
from mediation_app.services.cases.intake import intake_case
from mediation_app.storage.database import open_engine
from mediation_app.storage.models import AuditEvent, Case
from mediation_app.storage.uow import Database
from mediation_app.storage.versioning import check_version
from tests.support.intake_setup import CLERK, intake_centre, intake_form

MEDIATOR_A = Actor(None, "陈志明", Role.MEDIATOR)
MEDIATOR_B = Actor(None, "黄丽华", Role.MEDIATOR)
RELOAD = r"[Rr]eload|重新"


@pytest.fixture
def second(db_url: str, clock: FixedClock, db: Database) -> Iterator[Database]:
    """A second workstation: its own engine and connection pool on the same database."""
    other = Database(open_engine(db_url), clock)
    yield other
    other.dispose()


def _save_summary(db: Database, actor: Actor, case_id: int, seen: int, summary: str) -> None:
    """What an editing service does: load afresh, compare with the version the user saw, change."""
    with db.unit_of_work(actor) as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        check_version(case, seen)
        before = case.claim_summary
        case.claim_summary = summary
        case.updated_at = uow.clock.now()
        uow.flush()
        uow.audit("case.summary", "case", case.id, {"summary": before}, {"summary": summary}, case_id=case.id)
        uow.commit()


def _seen(db: Database, case_id: int) -> tuple[int, str]:
    with db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.version, case.claim_summary


def test_the_second_of_two_workstations_is_refused_after_think_time(db: Database, second: Database) -> None:
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        case_id = intake_case(uow, intake_form(org_id, community_id)).id
    seen_a, _ = _seen(db, case_id)  # both open the case on their screens
    seen_b, _ = _seen(second, case_id)
    _save_summary(db, MEDIATOR_A, case_id, seen_a, "业主认可公摊水电费")
    with pytest.raises(ConflictError, match=RELOAD):
        _save_summary(second, MEDIATOR_B, case_id, seen_b, "业主对公摊水电费有异议")
    version, summary = _seen(second, case_id)
    assert (version, summary) == (seen_a + 1, "业主认可公摊水电费")  # A's work stands, B's not merged
    # After reloading, B sees A's text and can save on top of it.
    _save_summary(second, MEDIATOR_B, case_id, version, summary + "；物业同意每平方米降0.4元")
    assert _seen(db, case_id) == (version + 1, "业主认可公摊水电费；物业同意每平方米降0.4元")
    with db.read() as session:
        assert session.scalar(select(func.count()).where(AuditEvent.action == "case.summary")) == 2
        assert verify_chain(session).whole


def test_two_administrators_editing_one_account(
    db: Database, second: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    admin = accounts.create_first_administrator(db, "admin", "系统管理员", "admin pass 1")
    with db.unit_of_work(admin) as uow:
        clerk = accounts.add_user(uow, UserForm("clerk.zhu", "朱某", Role.CLERK, "clerk pass 1"))
    seen_here = next(u for u in accounts.list_users(db) if u.id == clerk.id)
    seen_there = next(u for u in accounts.list_users(second) if u.id == clerk.id)
    with second.unit_of_work(admin) as uow:
        accounts.update_user(uow, clerk.id, seen_there.version, UserForm(name="朱某某", role=Role.MEDIATOR))
    with db.unit_of_work(admin) as uow, pytest.raises(ConflictError, match=RELOAD):
        accounts.set_active(uow, clerk.id, seen_here.version, False)
    now = next(u for u in accounts.list_users(db) if u.id == clerk.id)
    assert (now.name, now.role, now.active) == ("朱某某", Role.MEDIATOR, True)


def test_two_open_transactions_on_postgresql_the_later_commit_is_refused(
    db: Database, second: Database
) -> None:
    """Inside transactions (no think-time check) the version column itself refuses the stale UPDATE.
    SQLite cannot get here: its writers take the lock at BEGIN and queue instead."""
    if db.is_sqlite:
        pytest.skip("SQLite serialises writers at BEGIN IMMEDIATE; covered by the busy-database test")
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        case_id = intake_case(uow, intake_form(org_id, community_id)).id
    with db.unit_of_work(MEDIATOR_A) as first_uow:
        mine = first_uow.session.get(Case, case_id)
        assert mine is not None
        mine.claim_summary = "A"
        with second.unit_of_work(MEDIATOR_B) as other_uow:
            theirs = other_uow.session.get(Case, case_id)
            assert theirs is not None
            theirs.claim_summary = "B"
            other_uow.commit()
        with pytest.raises(ConflictError, match=RELOAD):
            first_uow.commit()
    assert _seen(db, case_id)[1] == "B"


def test_audit_events_from_two_workstations_at_once_form_one_chain(db: Database, second: Database) -> None:
    with db.unit_of_work(CLERK) as uow:  # the head row exists before the race starts
        uow.audit("test.start", "test", 0)
        uow.commit()
    errors: list[BaseException] = []

    def write(database: Database, actor: Actor) -> None:
        try:
            for n in range(15):
                with database.unit_of_work(actor) as uow:
                    uow.audit("test.note", "test", n, None, {"by": actor.name, "n": n})
                    uow.commit()
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(db, MEDIATOR_A)),
        threading.Thread(target=write, args=(second, MEDIATOR_B)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with db.read() as session:
        report = verify_chain(session)
    assert report.whole and report.events == 31
