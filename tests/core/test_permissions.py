"""The role → permission table: what each role may do, and refusals that name action and role."""

from __future__ import annotations

import pytest

from mediation_app.domain.actor import SYSTEM, Actor
from mediation_app.domain.enums import Role
from mediation_app.errors import PermissionDenied
from mediation_app.i18n import set_language
from mediation_app.security.permissions import (
    ROLE_PERMISSIONS,
    Permission,
    authorize,
    can,
    roles_allowed,
)

P = Permission


def _actor(role: Role) -> Actor:
    return Actor(staff_id=7, name="某某", role=role)


def test_every_role_has_a_row_and_every_permission_a_holder_and_a_label() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)
    for permission in Permission:
        assert roles_allowed(permission), permission
        assert permission.label


@pytest.mark.parametrize(
    ("permission", "allowed"),
    [
        (P.CONFIRM_JUDICIALLY, {Role.JUDGE}),
        (P.MANAGE_ACCOUNTS, {Role.ADMIN}),
        (P.MANAGE_SETTINGS, {Role.ADMIN}),
        (P.BACKUP_RESTORE, {Role.ADMIN}),
        (P.FINALISE_AGREEMENT, {Role.JUDGE, Role.MEDIATOR}),
        (P.REACH_AGREEMENT, {Role.JUDGE, Role.MEDIATOR}),
        (P.PROPOSE_SETTLEMENT, {Role.JUDGE, Role.MEDIATOR}),
        (P.INTAKE_CASE, {Role.JUDGE, Role.MEDIATOR, Role.CLERK, Role.ADMIN}),
        (P.VIEW_STATISTICS, {Role.JUDGE, Role.SUPERVISOR, Role.ADMIN}),
        (P.VIEW_FULL_IDENTITY, {Role.JUDGE, Role.MEDIATOR}),
        (P.REVEAL_IDENTITY, {Role.JUDGE, Role.MEDIATOR, Role.CLERK, Role.ADMIN}),
        (P.VIEW_CASES, set(Role)),
        (P.REVERSE_STEP, {Role.JUDGE, Role.SUPERVISOR}),
    ],
)
def test_the_table_for_every_role(permission: Permission, allowed: set[Role]) -> None:
    for role in Role:
        assert can(_actor(role), permission) == (role in allowed), (permission, role)


def test_a_supervisor_reads_reverses_a_mistaken_step_and_may_supplement_a_signed_agreement() -> None:
    """A supervisor changes no figure on record: a mistaken status change is reversed by a new
    event, and a correction after signing is a supplementary record of its own (issue 14)."""
    assert ROLE_PERMISSIONS[Role.SUPERVISOR] == {
        P.VIEW_CASES,
        P.VIEW_STATISTICS,
        P.EXPORT_DATA,
        P.VIEW_AUDIT,
        P.REVERSE_STEP,
        P.SUPPLEMENT_SIGNED,
    }


def test_corrections_by_role() -> None:
    """A clerk corrects contact details; the rest of the record needs a mediator (or a judge);
    a signed agreement is supplemented by a judge or a supervisor only."""
    contact, record, supplement = P.CORRECT_CONTACT, P.CORRECT_RECORD, P.SUPPLEMENT_SIGNED
    assert set(roles_allowed(contact)) == {Role.JUDGE, Role.MEDIATOR, Role.CLERK, Role.ADMIN}
    assert set(roles_allowed(record)) == {Role.JUDGE, Role.MEDIATOR}
    assert set(roles_allowed(supplement)) == {Role.JUDGE, Role.SUPERVISOR}


def test_a_refusal_names_the_action_and_the_role_in_the_users_language() -> None:
    with pytest.raises(PermissionDenied) as refused:
        authorize(_actor(Role.CLERK), P.FINALISE_AGREEMENT)
    assert "窗口" in refused.value.message or "clerk" in refused.value.message.lower()
    set_language("en")
    with pytest.raises(PermissionDenied) as refused:
        authorize(_actor(Role.CLERK), P.FINALISE_AGREEMENT)
    assert (
        refused.value.message
        == "Your role (Window clerk) does not allow you to finalise an agreement or document."
    )


def test_the_software_itself_is_unrestricted_but_an_admin_account_is_not() -> None:
    assert all(can(SYSTEM, permission) for permission in Permission)
    admin_account = _actor(Role.ADMIN)
    assert not can(admin_account, P.CONFIRM_JUDICIALLY)
    # A clerk without an account (a test or import actor) is still a clerk.
    assert not can(Actor(None, "杨某某", Role.CLERK), P.FINALISE_AGREEMENT)
