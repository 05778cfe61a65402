"""An account changed while it is signed in: its next action is refused, without a restart.

Every unit of work re-reads the acting account inside its own transaction (active? same role?);
the reads that take a viewer (the case screen, the fee ledger, the parties) and the exports do
the same. Someone working without an account (the local user, the command line) is refused once
sign-in is required and an administrator exists. Runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from mediation_app.demo.identities import id_number, person_name
from mediation_app.domain.actor import SYSTEM, Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import PermissionDenied, SignInRequired
from mediation_app.exports import export_case_list
from mediation_app.queries.case_header import case_detail
from mediation_app.security import passwords
from mediation_app.services import accounts
from mediation_app.services.accounts import UserForm
from mediation_app.services.cases.intake import intake_case
from mediation_app.services.cases.status import accept
from mediation_app.storage.models import AuditEvent, Case, Community, Company, Organization
from mediation_app.storage.uow import Database
from tests.support.intake_setup import intake_centre, intake_form

STALE_ZH = "您的账户已被停用或角色已变更，请重新登录。"


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def _staff(db: Database) -> tuple[Actor, Actor]:
    """The administrator and a mediator, both signed in as a client would be."""
    admin = accounts.create_first_administrator(db, "admin", "系统管理员", "correct horse 1")
    with db.unit_of_work(admin) as uow:
        accounts.add_user(uow, UserForm("mediator.chen", "陈志明", Role.MEDIATOR, "s3cret-pass"))
    return admin, accounts.sign_in(db, "mediator.chen", "s3cret-pass")


def _row(db: Database, staff_id: int) -> accounts.UserRow:
    return next(row for row in accounts.list_users(db) if row.id == staff_id)


def _version(db: Database, case_id: int) -> int:
    with db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.version


def _events(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


_rooms = iter(range(1, 10_000))


def _register(db: Database, actor: Actor) -> int:
    """Register a case (a new room each time) as ``actor``."""
    with db.read() as session:
        org_id = session.scalar(select(Organization.id))
        community_id = session.scalar(select(Community.id))
        company_id = session.scalar(select(Company.id))
    if org_id is None or community_id is None:
        org_id, community_id = intake_centre(db)
    n = next(_rooms)
    form = intake_form(
        org_id, community_id, id_number=id_number(random.Random(n)), name=person_name(random.Random(n))
    )
    if company_id is not None:  # the company registered with the first case
        form.company = dataclasses.replace(form.company, existing_id=company_id)
    form.unit = dataclasses.replace(form.unit, room=f"{n:04d}")
    with db.unit_of_work(actor) as uow:
        return intake_case(uow, form).id


def test_a_demoted_account_is_refused_at_its_next_action(db: Database) -> None:
    admin, mediator = _staff(db)
    case_id = _register(db, mediator)  # works while a mediator
    assert mediator.staff_id is not None
    with db.unit_of_work(admin) as uow:  # meanwhile, at the administrator's desk
        row = _row(db, mediator.staff_id)
        accounts.update_user(uow, row.id, row.version, UserForm(row.username, row.name, Role.CLERK))
    before = _events(db)
    version = _version(db, case_id)
    with pytest.raises(SignInRequired) as refused, db.unit_of_work(mediator) as uow:
        accept(uow, case_id)
    assert refused.value.message == STALE_ZH
    assert isinstance(refused.value, PermissionDenied)  # screens and commands show it as a refusal
    assert _events(db) == before  # nothing written, not even an audit event
    assert _version(db, case_id) == version  # the case did not move
    # Signed in again, the account acts with its new role (and the clerk may accept a case).
    clerk = accounts.sign_in(db, "mediator.chen", "s3cret-pass")
    assert clerk.role is Role.CLERK
    with db.unit_of_work(clerk) as uow:
        accept(uow, case_id)


def test_a_deactivated_account_is_refused_at_its_next_action(db: Database, english: None) -> None:
    admin, mediator = _staff(db)
    assert mediator.staff_id is not None
    with db.unit_of_work(admin) as uow:
        accounts.set_active(uow, mediator.staff_id, None, False)
    intake_centre(db)  # the place to register in, set up (and sealed) before counting
    before = _events(db)
    with pytest.raises(SignInRequired) as refused:
        _register(db, mediator)
    assert refused.value.message == (
        "Your account has been deactivated or its role has changed; please sign in again."
    )
    assert _events(db) == before


def test_a_changed_account_cannot_read_a_case_or_export(db: Database, tmp_path: Path) -> None:
    admin, mediator = _staff(db)
    case_id = _register(db, mediator)
    assert mediator.staff_id is not None
    with db.unit_of_work(admin) as uow:
        accounts.set_active(uow, mediator.staff_id, None, False)
    with pytest.raises(SignInRequired), db.read() as session:
        case_detail(session, case_id, mediator, db.clock.today())
    out = tmp_path / "cases.xlsx"
    with pytest.raises(SignInRequired):
        export_case_list(db, mediator, out)
    assert not out.exists()  # refused before a single row was written


def test_the_actor_checked_is_the_one_read_now(db: Database) -> None:
    """The services' permission checks and the audit use the account as stored, not as the
    screen remembers it."""
    admin, mediator = _staff(db)
    assert mediator.staff_id is not None
    with db.unit_of_work(admin) as uow:
        row = _row(db, mediator.staff_id)
        accounts.update_user(uow, row.id, row.version, UserForm(row.username, "陈某某", Role.MEDIATOR))
    with db.unit_of_work(mediator) as uow:
        assert uow.actor == Actor(mediator.staff_id, "陈某某", Role.MEDIATOR, None)
        assert uow.actor.role is Role.MEDIATOR
    forged = Actor(mediator.staff_id, "陈志明", Role.ADMIN)  # a role the account does not have
    with pytest.raises(SignInRequired), db.unit_of_work(forged):
        pass
    with pytest.raises(SignInRequired), db.unit_of_work(Actor(10_000, "nobody", Role.JUDGE)):
        pass


def test_the_local_user_is_refused_once_sign_in_is_required(db: Database) -> None:
    local = accounts.local_actor()
    # The first run: no administrator yet, so nobody could sign in; the local user may work.
    _register(db, local)
    admin, _mediator = _staff(db)
    if db.is_sqlite:
        with db.unit_of_work(admin) as uow:
            accounts.set_sign_in_required(uow, False)
        _register(db, local)  # a single seat without sign-in
        with db.unit_of_work(admin) as uow:
            accounts.set_sign_in_required(uow, True)
    with pytest.raises(SignInRequired) as refused:
        _register(db, local)
    assert "登录" in refused.value.message
    with pytest.raises(SignInRequired):
        _register(db, accounts.command_line_actor())
    # The software itself (demo data, migrations of data) is no person and is not asked.
    _register(db, SYSTEM)
