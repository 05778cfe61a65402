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

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.domain.labelled import LabelledEnum
from mediation_app.errors import PermissionDenied
from mediation_app.i18n import N_, _

log = logging.getLogger(__name__)


class Permission(LabelledEnum):
    """What a role may do; a permission's label names the action, as a refusal says it."""

    VIEW_CASES = "view_cases", N_("view cases")
    # 受理登记: register a case with its parties, unit and claim
    INTAKE_CASE = "intake_case", N_("register a case")
    # enter or change the fee terms the calculator works from (the contract's late-fee rule)
    EDIT_CASE = "edit_case", N_("enter a case's fee terms")
    # 更正: a party's contact details (phones, address for service), with a reason
    CORRECT_CONTACT = "correct_contact", N_("correct a party's contact details")
    # 更正: names and ID numbers, the unit and its area, claim lines, consents, sessions and the
    # agreement before it is signed (anything that changes money or what the agreement says)
    CORRECT_RECORD = "correct_record", N_("correct a case's parties, unit, claim, sessions or agreement")
    # 补充记录: after signing, a correction is a record of its own; the signed text never changes
    SUPPLEMENT_SIGNED = "supplement_signed", N_("add a supplementary record to a signed agreement")
    # consent to pre-litigation mediation, to an extension
    RECORD_CONSENT = "record_consent", N_("record a party's consent")
    SEND_SMS = "send_sms", N_("send SMS messages")
    ASSIGN_MEDIATOR = "assign_mediator", N_("assign a mediator")
    TRANSFER_TRACK = "transfer_track", N_("transfer a case to another kind of mediation")  # 四调衔接
    REFER_LEVEL = "refer_level", N_("refer a case to another level")  # 三级联动
    EXTEND_PERIOD = "extend_period", N_("extend the mediation period")
    RECORD_SESSION = "record_session", N_("record a mediation session")  # 调解记录
    # attachments, the owner's answer to each fee line
    RECORD_EVIDENCE = "record_evidence", N_("add evidence or record the owner's answers")
    # run the calculator and store the statement
    COMPUTE_STATEMENT = "compute_statement", N_("compute an arrears statement")
    # discounts, settlement scenarios
    PROPOSE_SETTLEMENT = "propose_settlement", N_("propose a settlement or discounts")
    # record the agreed terms (draft agreement)
    REACH_AGREEMENT = "reach_agreement", N_("record a settlement agreement")
    # finalise the agreement / a document (number, hash)
    FINALISE_AGREEMENT = "finalise_agreement", N_("finalise an agreement or document")
    PRINT_DOCUMENT = "print_document", N_("print a document")  # print or re-print a finalised document
    # record the parties' joint application
    APPLY_CONFIRMATION = "apply_confirmation", N_("record an application for judicial confirmation")
    # record the court's ruling (司法确认)
    CONFIRM_JUDICIALLY = "confirm_judicially", N_("record judicial confirmation")
    # 履行: payments under the agreement
    RECORD_PERFORMANCE = "record_performance", N_("record a payment under the agreement")
    RECORD_FOLLOW_UP = "record_follow_up", N_("record a follow-up visit")  # 回访
    # a status change recorded in error, reversed as a new step (the judge's or supervisor's call)
    REVERSE_STEP = "reverse_step", N_("reverse a status change recorded in error")
    # withdraw, not accept, hand over to litigation, close
    CLOSE_CASE = "close_case", N_("close, withdraw or hand over a case")
    VIEW_STATISTICS = "view_statistics", N_("view statistics")
    EXPORT_DATA = "export_data", N_("export data")
    # full ID numbers and phones in lists and exports
    VIEW_FULL_IDENTITY = "view_full_identity", N_("see full ID numbers and phone numbers")
    # show one full value on demand (audited)
    REVEAL_IDENTITY = "reveal_identity", N_("show a full ID number or phone number")
    VIEW_AUDIT = "view_audit", N_("view the audit trail")  # the audit trail and its verification
    MANAGE_ACCOUNTS = "manage_accounts", N_("manage user accounts")
    # organisations, communities, companies, sign-in setting
    MANAGE_SETTINGS = "manage_settings", N_("change the centre's settings")
    BACKUP_RESTORE = "backup_restore", N_("back up or restore the database")


P = Permission

_CASE_WORK = frozenset(
    {
        P.VIEW_CASES,
        P.INTAKE_CASE,
        P.EDIT_CASE,
        P.CORRECT_CONTACT,
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
        P.CORRECT_RECORD,
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
    # After signing, only a judge or a supervisor corrects, and only by a supplementary record.
    Role.JUDGE: _CASE_WORK
    | _MEDIATION
    | {P.CONFIRM_JUDICIALLY, P.VIEW_STATISTICS, P.VIEW_AUDIT, P.SUPPLEMENT_SIGNED, P.REVERSE_STEP},
    Role.MEDIATOR: _CASE_WORK | _MEDIATION,
    # The window: intake, SMS, evidence, printing, payments, follow-up, contact details; no
    # settlement decisions and no corrections of amounts.
    Role.CLERK: _CASE_WORK,
    # Reads cases and statistics (IDs and phones masked) and may export statistics; reverses a
    # status change recorded in error and puts a supplementary record on a signed agreement.
    Role.SUPERVISOR: frozenset(
        {P.VIEW_CASES, P.VIEW_STATISTICS, P.EXPORT_DATA, P.VIEW_AUDIT, P.REVERSE_STEP, P.SUPPLEMENT_SIGNED}
    ),
    # Accounts, settings, backups, the audit trail; intake and contact details, not settlements.
    Role.ADMIN: frozenset(
        {
            P.VIEW_CASES,
            P.INTAKE_CASE,
            P.EDIT_CASE,
            P.CORRECT_CONTACT,
            P.REVEAL_IDENTITY,
            P.VIEW_STATISTICS,
            P.VIEW_AUDIT,
            P.MANAGE_ACCOUNTS,
            P.MANAGE_SETTINGS,
            P.BACKUP_RESTORE,
        }
    ),
}


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
                role=actor.role.label, action=permission.label
            )
        )


def roles_allowed(permission: Permission) -> list[Role]:
    """The roles that hold ``permission`` (for help texts: "ask a judge or a mediator")."""
    return [role for role in Role if permission in ROLE_PERMISSIONS[role]]
