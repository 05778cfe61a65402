"""Enumerations of the domain, each member a stable id (used in the database and in JSON).

Each member is declared with the English message id of its label (see
:mod:`mediation_app.domain.labelled`); ``member.label`` (or ``label(member)``) translates it
through :mod:`mediation_app.i18n`, so the screens and documents speak the user's language while
the data keeps the stable id.
"""

from __future__ import annotations

from mediation_app.domain.labelled import LabelledEnum, label
from mediation_app.i18n import N_

__all__ = [
    "CaseSource",
    "CaseStatus",
    "ChargeKind",
    "Level",
    "OrgKind",
    "OwnerPosition",
    "Role",
    "SessionMode",
    "Sex",
    "SmsStatus",
    "Track",
    "label",
]


class CaseStatus(LabelledEnum):
    INTAKE = "intake", N_("Intake")
    AWAITING_CONSENT = "awaiting_consent", N_("Awaiting consent")
    IN_MEDIATION = "in_mediation", N_("In mediation")
    AGREEMENT_REACHED = "agreement_reached", N_("Agreement reached")
    SIGNED = "signed", N_("Signed")
    CONFIRMATION_APPLIED = "confirmation_applied", N_("Judicial confirmation applied")
    CONFIRMED = "confirmed", N_("Judicially confirmed")
    CONFIRMATION_REJECTED = "confirmation_rejected", N_("Confirmation rejected")
    PERFORMING = "performing", N_("Being performed")
    PERFORMED = "performed", N_("Performed")
    NOT_PERFORMED = "not_performed", N_("Not performed (enforcement)")
    FAILED_TO_LITIGATION = "failed_to_litigation", N_("Failed, handed to litigation")
    WITHDRAWN = "withdrawn", N_("Withdrawn")
    NOT_ACCEPTED = "not_accepted", N_("Not accepted")


class Track(LabelledEnum):
    """四调衔接: the four kinds of mediation a case can be on."""

    PEOPLE = "people", N_("People's mediation")
    ADMINISTRATIVE = "administrative", N_("Administrative mediation")
    JUDICIAL = "judicial", N_("Judicial mediation")
    INDUSTRY = "industry", N_("Industry mediation")


class Level(LabelledEnum):
    """三级联动: the three levels of the district."""

    DISTRICT = "district", N_("District centre")
    TOWN = "town", N_("Town sub-centre")
    COMMUNITY = "community", N_("Community workstation")


class OrgKind(LabelledEnum):
    CENTRE = "centre", N_("Mediation centre")
    MEDIATION_COMMITTEE = "mediation_committee", N_("People's mediation committee")
    COURT = "court", N_("Court")
    GOVERNMENT = "government", N_("Government department")
    INDUSTRY_ASSOCIATION = "industry_association", N_("Industry association")


class Role(LabelledEnum):
    JUDGE = "judge", N_("Resident judge")
    MEDIATOR = "mediator", N_("Mediator")
    CLERK = "clerk", N_("Window clerk")
    SUPERVISOR = "supervisor", N_("Supervisor")
    ADMIN = "admin", N_("Administrator")


class CaseSource(LabelledEnum):
    WALK_IN = "walk_in", N_("Walk-in")
    COURT_ASSIGNMENT = "court_assignment", N_("Assigned by the court")
    COMPANY_BATCH = "company_batch", N_("Company batch filing")
    REFERRAL = "referral", N_("Referral")


class ChargeKind(LabelledEnum):
    SERVICE_FEE = "service_fee", N_("Property service fee")
    UTILITIES = "utilities", N_("Shared water and electricity")
    LATE_FEE = "late_fee", N_("Late fee")
    OTHER = "other", N_("Other")


class OwnerPosition(LabelledEnum):
    """The owner's answer to one claimed fee line."""

    UNANSWERED = "unanswered", N_("Not yet answered")
    ACCEPTED = "accepted", N_("Accepted")
    DISPUTED = "disputed", N_("Disputed")


class Sex(LabelledEnum):
    MALE = "male", N_("Male")
    FEMALE = "female", N_("Female")


class SessionMode(LabelledEnum):
    """How a mediation session (调解记录) was held."""

    IN_PERSON = "in_person", N_("In person")
    PHONE = "phone", N_("By phone")
    VIDEO = "video", N_("Video")
    WECHAT_GROUP = "wechat_group", N_("WeChat group")


class AttachmentKind(LabelledEnum):
    """What a file attached to a case is; the case file (卷宗) binds each kind in its place."""

    EVIDENCE = "evidence", N_("Evidence")  # 证据材料: arrears lists, contracts, photos
    IDENTITY = (
        "identity",
        N_("Proof of identity"),
    )  # 身份证明: ID cards, business licences, powers of attorney
    RECEIPT = "receipt", N_("Payment receipt")  # 缴费凭证: proof of a payment made under the agreement
    SIGNED_SCAN = "signed_scan", N_("Signed scan")  # the signed paper of a final document, scanned
    OTHER = "other", N_("Other")


class SmsStatus(LabelledEnum):
    """Where an SMS of the outbox stands (:mod:`mediation_app.services.sms` says how it moves)."""

    QUEUED = "queued", N_("Queued")
    SENT = "sent", N_("Sent")
    RETRY = "retry", N_("Retrying")
    FAILED = "failed", N_("Sending failed")


class Remedy(LabelledEnum):
    """What follows if the owner does not pay as agreed (the agreement's default clause)."""

    ACCELERATION = "acceleration", N_("The whole unpaid balance falls due at once")
    REVIVAL = "revival", N_("The original claim revives, less what was paid")
