"""The permission table: what each role may do, enforced by the services.

Every service that changes or reveals something starts with ``authorize(uow.actor, Permission.X)``;
screens ask ``can(actor, Permission.X)`` to show, grey out or hide a control. Hiding a button is a
courtesy; the service's check is the rule.

An actor *without an account* (``staff_id is None``) in the administrator role is the software
itself or the person at a single-seat installation that runs without sign-in (the demo builder,
the command line, the local user): it may do everything. Every account, the administrator's too,
is held to its role: an administrator manages accounts and settings but does not finalise
agreements or record court rulings.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role, label
from mediation_app.errors import PermissionDenied
from mediation_app.i18n import N_, _

log = logging.getLogger(__name__)


class Permission(StrEnum):
    VIEW_CASES = "view_cases"
    INTAKE_CASE = "intake_case"  # 受理登记: register a case with its parties, unit and claim
    EDIT_CASE = "edit_case"  # correct parties, unit, claim items, fee terms
    RECORD_CONSENT = "record_consent"  # consent to pre-litigation mediation, to an extension
    SEND_SMS = "send_sms"
    ASSIGN_MEDIATOR = "assign_mediator"
    TRANSFER_TRACK = "transfer_track"  # 四调衔接
    REFER_LEVEL = "refer_level"  # 三级联动
    EXTEND_PERIOD = "extend_period"
    RECORD_SESSION = "record_session"  # 调解记录
    RECORD_EVIDENCE = "record_evidence"  # attachments, the owner's answer to each fee line
    COMPUTE_STATEMENT = "compute_statement"  # run the calculator and store the statement
    PROPOSE_SETTLEMENT = "propose_settlement"  # discounts, settlement scenarios
    REACH_AGREEMENT = "reach_agreement"  # record the agreed terms (draft agreement)
    FINALISE_AGREEMENT = "finalise_agreement"  # finalise the agreement / a document (number, hash)
    PRINT_DOCUMENT = "print_document"  # print or re-print a finalised document
    APPLY_CONFIRMATION = "apply_confirmation"  # record the parties' joint application
    CONFIRM_JUDICIALLY = "confirm_judicially"  # record the court's ruling (司法确认)
    RECORD_PERFORMANCE = "record_performance"  # 履行: payments under the agreement
    RECORD_FOLLOW_UP = "record_follow_up"  # 回访
    CLOSE_CASE = "close_case"  # withdraw, not accept, hand over to litigation, close
    VIEW_STATISTICS = "view_statistics"
    EXPORT_DATA = "export_data"
    VIEW_FULL_IDENTITY = "view_full_identity"  # full ID numbers and phones in lists and exports
    REVEAL_IDENTITY = "reveal_identity"  # show one full value on demand (audited)
    VIEW_AUDIT = "view_audit"  # the audit trail and its verification
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_SETTINGS = "manage_settings"  # organisations, communities, companies, sign-in setting
    BACKUP_RESTORE = "backup_restore"


P = Permission

_CASE_WORK = frozenset(
    {
        P.VIEW_CASES,
        P.INTAKE_CASE,
        P.EDIT_CASE,
        P.RECORD_CONSENT,
        P.SEND_SMS,
        P.RECORD_EVIDENCE,
        P.COMPUTE_STATEMENT,
        P.PRINT_DOCUMENT,
        P.RECORD_PERFORMANCE,
        P.RECORD_FOLLOW_UP,
        P.REVEAL_IDENTITY,
    }
)

_MEDIATION = frozenset(
    {
        P.ASSIGN_MEDIATOR,
        P.TRANSFER_TRACK,
        P.REFER_LEVEL,
        P.EXTEND_PERIOD,
        P.RECORD_SESSION,
        P.PROPOSE_SETTLEMENT,
        P.REACH_AGREEMENT,
        P.FINALISE_AGREEMENT,
        P.APPLY_CONFIRMATION,
        P.CLOSE_CASE,
        P.EXPORT_DATA,
        P.VIEW_FULL_IDENTITY,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    # The resident judge does everything a mediator does, and alone records the court's ruling.
    Role.JUDGE: _CASE_WORK | _MEDIATION | {P.CONFIRM_JUDICIALLY, P.VIEW_STATISTICS, P.VIEW_AUDIT},
    Role.MEDIATOR: _CASE_WORK | _MEDIATION,
    # The window: intake, SMS, evidence, printing, payments, follow-up; no settlement decisions.
    Role.CLERK: _CASE_WORK,
    # Reads cases and statistics (IDs and phones masked) and may export statistics.
    Role.SUPERVISOR: frozenset({P.VIEW_CASES, P.VIEW_STATISTICS, P.EXPORT_DATA, P.VIEW_AUDIT}),
    # Accounts, settings, backups, the audit trail; intake and corrections, not settlements.
    Role.ADMIN: frozenset(
        {
            P.VIEW_CASES,
            P.INTAKE_CASE,
            P.EDIT_CASE,
            P.REVEAL_IDENTITY,
            P.VIEW_STATISTICS,
            P.VIEW_AUDIT,
            P.MANAGE_ACCOUNTS,
            P.MANAGE_SETTINGS,
            P.BACKUP_RESTORE,
        }
    ),
}

# What each permission lets a person do, as the refusal message names it.
_ACTIONS: dict[Permission, str] = {
    P.VIEW_CASES: N_("view cases"),
    P.INTAKE_CASE: N_("register a case"),
    P.EDIT_CASE: N_("correct a case's parties, unit or claim"),
    P.RECORD_CONSENT: N_("record a party's consent"),
    P.SEND_SMS: N_("send SMS messages"),
    P.ASSIGN_MEDIATOR: N_("assign a mediator"),
    P.TRANSFER_TRACK: N_("transfer a case to another kind of mediation"),
    P.REFER_LEVEL: N_("refer a case to another level"),
    P.EXTEND_PERIOD: N_("extend the mediation period"),
    P.RECORD_SESSION: N_("record a mediation session"),
    P.RECORD_EVIDENCE: N_("add evidence or record the owner's answers"),
    P.COMPUTE_STATEMENT: N_("compute an arrears statement"),
    P.PROPOSE_SETTLEMENT: N_("propose a settlement or discounts"),
    P.REACH_AGREEMENT: N_("record a settlement agreement"),
    P.FINALISE_AGREEMENT: N_("finalise an agreement or document"),
    P.PRINT_DOCUMENT: N_("print a document"),
    P.APPLY_CONFIRMATION: N_("record an application for judicial confirmation"),
    P.CONFIRM_JUDICIALLY: N_("record judicial confirmation"),
    P.RECORD_PERFORMANCE: N_("record a payment under the agreement"),
    P.RECORD_FOLLOW_UP: N_("record a follow-up visit"),
    P.CLOSE_CASE: N_("close, withdraw or hand over a case"),
    P.VIEW_STATISTICS: N_("view statistics"),
    P.EXPORT_DATA: N_("export data"),
    P.VIEW_FULL_IDENTITY: N_("see full ID numbers and phone numbers"),
    P.REVEAL_IDENTITY: N_("show a full ID number or phone number"),
    P.VIEW_AUDIT: N_("view the audit trail"),
    P.MANAGE_ACCOUNTS: N_("manage user accounts"),
    P.MANAGE_SETTINGS: N_("change the centre's settings"),
    P.BACKUP_RESTORE: N_("back up or restore the database"),
}


def action_label(permission: Permission) -> str:
    """What ``permission`` allows, in the user's language (for menus and refusals)."""
    return _(_ACTIONS[permission])


def is_unrestricted(actor: Actor) -> bool:
    """The software itself or an unattended single-seat user: an administrator with no account."""
    return actor.staff_id is None and actor.role == Role.ADMIN


def can(actor: Actor, permission: Permission) -> bool:
    """Whether ``actor`` may do ``permission`` (for screens: show, enable or hide)."""
    return is_unrestricted(actor) or permission in ROLE_PERMISSIONS.get(actor.role, frozenset())


def authorize(actor: Actor, permission: Permission) -> None:
    """Raise :class:`PermissionDenied` naming the action and the role unless ``actor`` may do it."""
    if not can(actor, permission):
        log.info(
            "permission refused: %s for role %s (staff id %s)",
            permission.value,
            actor.role.value,
            actor.staff_id,
        )
        raise PermissionDenied(
            _("Your role ({role}) does not allow you to {action}.").format(
                role=label(actor.role), action=action_label(permission)
            )
        )


def roles_allowed(permission: Permission) -> list[Role]:
    """The roles that hold ``permission`` (for help texts: "ask a judge or a mediator")."""
    return [role for role in Role if permission in ROLE_PERMISSIONS[role]]
