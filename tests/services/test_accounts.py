"""Accounts and sign-in: the first administrator, roles, lock-out with a growing delay, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from mediation_app.clock import FixedClock
from mediation_app.demo.places import DEMO_PASSWORD, DEMO_PASSWORD_HASH
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import ConflictError, FormErrors, PermissionDenied, ValidationError, WorkflowError
from mediation_app.security import passwords
from mediation_app.services import accounts
from mediation_app.services.accounts import SignInFailed, UserForm
from mediation_app.storage.models import AuditEvent, Staff
from mediation_app.storage.uow import Database


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its real cost takes ~0.15 s a hash; the lock-out tests hash dozens of times."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def _admin(db: Database) -> Actor:
    return accounts.create_first_administrator(db, "Admin", "系统管理员", "correct horse 1")


def _add(db: Database, admin: Actor, username: str, role: Role, password: str = "s3cret-pass") -> int:
    with db.unit_of_work(admin) as uow:
        return accounts.add_user(uow, UserForm(username, f"{username}某", role, password)).id


def test_first_run_creates_the_administrator_once(db: Database) -> None:
    assert not accounts.has_administrator(db)
    admin = _admin(db)
    assert admin.role == Role.ADMIN and admin.staff_id is not None
    assert accounts.has_administrator(db)
    # The hash is argon2id and the password itself is stored nowhere.
    with db.read() as session:
        staff = session.scalars(select(Staff)).one()
        assert staff.username == "admin"
        assert staff.password_hash is not None and staff.password_hash.startswith("$argon2id$")
        texts = [e.before_json + e.after_json for e in session.scalars(select(AuditEvent))]
    assert texts and not any("correct horse" in text for text in texts)
    with pytest.raises(WorkflowError):
        accounts.create_first_administrator(db, "second", "另一个", "another pass 2")


def test_sign_in_gives_the_actor_of_the_account_and_is_audited(db: Database) -> None:
    admin = _admin(db)
    judge_id = _add(db, admin, "judge.lin", Role.JUDGE)
    actor = accounts.sign_in(db, " JUDGE.Lin ", "s3cret-pass")
    assert actor == Actor(judge_id, "judge.lin某", Role.JUDGE, None)
    with db.read() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert last is not None and last.action == "account.sign_in" and last.actor_id == judge_id
        assert "s3cret" not in last.after_json


def test_wrong_name_and_wrong_password_get_the_same_answer(db: Database) -> None:
    admin = _admin(db)
    _add(db, admin, "clerk.yang", Role.CLERK)
    with pytest.raises(SignInFailed) as unknown:
        accounts.sign_in(db, "nobody", "whatever-1")
    with pytest.raises(SignInFailed) as wrong:
        accounts.sign_in(db, "clerk.yang", "whatever-1")
    assert unknown.value.message == wrong.value.message
    with db.read() as session:
        reasons = [
            e.after_json
            for e in session.scalars(select(AuditEvent).where(AuditEvent.action == "account.sign_in_failed"))
        ]
    assert len(reasons) == 2 and "unknown_user" in reasons[0] and "wrong_password" in reasons[1]
    assert not any("whatever" in r for r in reasons)


def test_five_failures_lock_the_account_for_a_growing_delay(db: Database, clock: FixedClock) -> None:
    admin = _admin(db)
    _add(db, admin, "mediator.chen", Role.MEDIATOR)
    for _attempt in range(4):
        with pytest.raises(SignInFailed, match=r"用户名或密码错误|Wrong user name"):
            accounts.sign_in(db, "mediator.chen", "bad-password")
    with pytest.raises(SignInFailed) as locked:
        accounts.sign_in(db, "mediator.chen", "bad-password")
    assert "09:45" in locked.value.message  # 09:30 + 15 minutes
    # While locked even the right password is refused, and the refusal does not count as a failure.
    with pytest.raises(SignInFailed):
        accounts.sign_in(db, "mediator.chen", "s3cret-pass")
    clock.advance(minutes=16)
    for _attempt in range(5):
        with pytest.raises(SignInFailed):
            accounts.sign_in(db, "mediator.chen", "bad-password")
    with db.read() as session:
        staff = session.scalars(select(Staff).where(Staff.username == "mediator.chen")).one()
        assert staff.failed_logins == 10
        assert staff.locked_until == clock.now() + dt.timedelta(minutes=30)  # the second lock is longer
    clock.advance(minutes=31)
    assert accounts.sign_in(db, "mediator.chen", "s3cret-pass").role == Role.MEDIATOR
    with db.read() as session:
        staff = session.scalars(select(Staff).where(Staff.username == "mediator.chen")).one()
        assert staff.failed_logins == 0 and staff.locked_until is None


def test_lock_delay_grows_and_is_capped() -> None:
    assert accounts.lock_delay(4) is None
    assert accounts.lock_delay(5) == dt.timedelta(minutes=15)
    assert accounts.lock_delay(6) is None
    assert accounts.lock_delay(10) == dt.timedelta(minutes=30)
    assert accounts.lock_delay(15) == dt.timedelta(hours=1)
    assert accounts.lock_delay(500) == dt.timedelta(hours=24)


def test_a_deactivated_account_cannot_sign_in_and_the_last_admin_stays(db: Database) -> None:
    admin = _admin(db)
    clerk_id = _add(db, admin, "clerk.zhu", Role.CLERK)
    with db.unit_of_work(admin) as uow:
        accounts.set_active(uow, clerk_id, 1, False)
    with pytest.raises(SignInFailed, match=r"停用|deactivated"):
        accounts.sign_in(db, "clerk.zhu", "s3cret-pass")
    with db.unit_of_work(admin) as uow, pytest.raises(WorkflowError):
        accounts.set_active(uow, admin.staff_id or 0, None, False)
    with db.unit_of_work(admin) as uow, pytest.raises(WorkflowError):
        accounts.update_user(uow, admin.staff_id or 0, None, UserForm(name="系统管理员", role=Role.CLERK))


def test_only_an_administrator_manages_accounts(db: Database) -> None:
    admin = _admin(db)
    _add(db, admin, "judge.lin", Role.JUDGE)
    judge = accounts.sign_in(db, "judge.lin", "s3cret-pass")
    with db.unit_of_work(judge) as uow, pytest.raises(PermissionDenied, match=r"法官|judge"):
        accounts.add_user(uow, UserForm("x.y", "某", Role.ADMIN, "s3cret-pass"))


def test_a_new_account_is_checked_field_by_field(db: Database) -> None:
    admin = _admin(db)
    with db.unit_of_work(admin) as uow, pytest.raises(FormErrors) as caught:
        accounts.add_user(uow, UserForm("admin", "", Role.CLERK, "short"))
    fields = {error.field for error in caught.value.errors}
    assert fields == {"username", "password", "name"}


def test_passwords_change_with_the_old_one_and_reset_lifts_the_lock(db: Database) -> None:
    admin = _admin(db)
    clerk_id = _add(db, admin, "clerk.yang", Role.CLERK)
    clerk = accounts.sign_in(db, "clerk.yang", "s3cret-pass")
    with db.unit_of_work(clerk) as uow, pytest.raises(ValidationError):
        accounts.change_own_password(uow, "not-it-at-all", "brand new pass")
    with db.unit_of_work(clerk) as uow:
        accounts.change_own_password(uow, "s3cret-pass", "brand new pass")
    assert accounts.sign_in(db, "clerk.yang", "brand new pass").staff_id == clerk_id
    for _attempt in range(5):
        with pytest.raises(SignInFailed):
            accounts.sign_in(db, "clerk.yang", "nope-nope")
    with db.unit_of_work(admin) as uow:
        accounts.reset_password(uow, clerk_id, "reset by admin")
    assert accounts.sign_in(db, "clerk.yang", "reset by admin").staff_id == clerk_id


def test_editing_an_account_someone_else_saved_is_refused(db: Database) -> None:
    admin = _admin(db)
    clerk_id = _add(db, admin, "clerk.yang", Role.CLERK)
    seen = next(u for u in accounts.list_users(db) if u.id == clerk_id)
    with db.unit_of_work(admin) as uow:
        accounts.update_user(uow, clerk_id, seen.version, UserForm(name="杨某某", role=Role.MEDIATOR))
    with db.unit_of_work(admin) as uow, pytest.raises(ConflictError, match=r"重新|[Rr]eload"):
        accounts.update_user(uow, clerk_id, seen.version, UserForm(name="杨某", role=Role.CLERK))
    now = next(u for u in accounts.list_users(db) if u.id == clerk_id)
    assert (now.name, now.role) == ("杨某某", Role.MEDIATOR)


def test_sign_in_is_optional_only_on_a_single_seat_sqlite(db: Database) -> None:
    assert accounts.sign_in_required(db)
    admin = _admin(db)
    if db.is_sqlite:
        with db.unit_of_work(admin) as uow:
            accounts.set_sign_in_required(uow, False)
        assert not accounts.sign_in_required(db)
    else:
        with db.unit_of_work(admin) as uow, pytest.raises(WorkflowError, match="PostgreSQL"):
            accounts.set_sign_in_required(uow, False)
        assert accounts.sign_in_required(db)


def test_real_argon2_parameters_are_rehashed_up_on_sign_in(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = _admin(db)  # hashed with the cheap test parameters
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher())
    assert accounts.sign_in(db, "admin", "correct horse 1") == admin
    with db.read() as session:
        stored = session.scalars(select(Staff)).one().password_hash
    assert stored is not None and "m=65536,t=3" in stored and not passwords.needs_rehash(stored)


def test_the_demo_accounts_hash_is_their_password_at_todays_strength(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher())  # the app's, not the tests' quick one
    assert passwords.verify_password(DEMO_PASSWORD_HASH, DEMO_PASSWORD)
    assert not passwords.verify_password(DEMO_PASSWORD_HASH, DEMO_PASSWORD + "x")
    assert not passwords.needs_rehash(DEMO_PASSWORD_HASH)  # else: hash DEMO_PASSWORD again
