"""Enumerations of the domain, each member a stable id (used in the database and in JSON).

Labels are English message ids; show them with ``label(member)``, which translates through
:mod:`mediation_app.i18n`, so the screens and documents speak the user's language while the data
keeps the stable id.
"""

from __future__ import annotations

from enum import StrEnum

from mediation_app.i18n import N_, _


class CaseStatus(StrEnum):
    INTAKE = "intake"
    AWAITING_CONSENT = "awaiting_consent"
    IN_MEDIATION = "in_mediation"
    AGREEMENT_REACHED = "agreement_reached"
    SIGNED = "signed"
    CONFIRMATION_APPLIED = "confirmation_applied"
    CONFIRMED = "confirmed"
    CONFIRMATION_REJECTED = "confirmation_rejected"
    PERFORMING = "performing"
    PERFORMED = "performed"
    NOT_PERFORMED = "not_performed"
    FAILED_TO_LITIGATION = "failed_to_litigation"
    WITHDRAWN = "withdrawn"
    NOT_ACCEPTED = "not_accepted"


class Track(StrEnum):
    """四调衔接: the four kinds of mediation a case can be on."""

    PEOPLE = "people"
    ADMINISTRATIVE = "administrative"
    JUDICIAL = "judicial"
    INDUSTRY = "industry"


class Level(StrEnum):
    """三级联动: the three levels of the district."""

    DISTRICT = "district"
    TOWN = "town"
    COMMUNITY = "community"


class OrgKind(StrEnum):
    CENTRE = "centre"
    MEDIATION_COMMITTEE = "mediation_committee"
    COURT = "court"
    GOVERNMENT = "government"
    INDUSTRY_ASSOCIATION = "industry_association"


class Role(StrEnum):
    JUDGE = "judge"
    MEDIATOR = "mediator"
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class CaseSource(StrEnum):
    WALK_IN = "walk_in"
    COURT_ASSIGNMENT = "court_assignment"
    COMPANY_BATCH = "company_batch"
    REFERRAL = "referral"


class ChargeKind(StrEnum):
    SERVICE_FEE = "service_fee"
    UTILITIES = "utilities"
    LATE_FEE = "late_fee"
    OTHER = "other"


class OwnerPosition(StrEnum):
    """The owner's answer to one claimed fee line."""

    UNANSWERED = "unanswered"
    ACCEPTED = "accepted"
    DISPUTED = "disputed"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class AttachmentKind(StrEnum):
    """What a file attached to a case is; the case file (卷宗) binds each kind in its place."""

    EVIDENCE = "evidence"  # 证据材料: arrears lists, contracts, photos
    IDENTITY = "identity"  # 身份证明: ID cards, business licences, powers of attorney
    RECEIPT = "receipt"  # 缴费凭证: proof of a payment made under the agreement
    SIGNED_SCAN = "signed_scan"  # the signed paper of a final document, scanned
    OTHER = "other"


_LABELS: dict[StrEnum, str] = {
    CaseStatus.INTAKE: N_("Intake"),
    CaseStatus.AWAITING_CONSENT: N_("Awaiting consent"),
    CaseStatus.IN_MEDIATION: N_("In mediation"),
    CaseStatus.AGREEMENT_REACHED: N_("Agreement reached"),
    CaseStatus.SIGNED: N_("Signed"),
    CaseStatus.CONFIRMATION_APPLIED: N_("Judicial confirmation applied"),
    CaseStatus.CONFIRMED: N_("Judicially confirmed"),
    CaseStatus.CONFIRMATION_REJECTED: N_("Confirmation rejected"),
    CaseStatus.PERFORMING: N_("Being performed"),
    CaseStatus.PERFORMED: N_("Performed"),
    CaseStatus.NOT_PERFORMED: N_("Not performed (enforcement)"),
    CaseStatus.FAILED_TO_LITIGATION: N_("Failed, handed to litigation"),
    CaseStatus.WITHDRAWN: N_("Withdrawn"),
    CaseStatus.NOT_ACCEPTED: N_("Not accepted"),
    Track.PEOPLE: N_("People's mediation"),
    Track.ADMINISTRATIVE: N_("Administrative mediation"),
    Track.JUDICIAL: N_("Judicial mediation"),
    Track.INDUSTRY: N_("Industry mediation"),
    Level.DISTRICT: N_("District centre"),
    Level.TOWN: N_("Town sub-centre"),
    Level.COMMUNITY: N_("Community workstation"),
    OrgKind.CENTRE: N_("Mediation centre"),
    OrgKind.MEDIATION_COMMITTEE: N_("People's mediation committee"),
    OrgKind.COURT: N_("Court"),
    OrgKind.GOVERNMENT: N_("Government department"),
    OrgKind.INDUSTRY_ASSOCIATION: N_("Industry association"),
    Role.JUDGE: N_("Resident judge"),
    Role.MEDIATOR: N_("Mediator"),
    Role.CLERK: N_("Window clerk"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.ADMIN: N_("Administrator"),
    CaseSource.WALK_IN: N_("Walk-in"),
    CaseSource.COURT_ASSIGNMENT: N_("Assigned by the court"),
    CaseSource.COMPANY_BATCH: N_("Company batch filing"),
    CaseSource.REFERRAL: N_("Referral"),
    ChargeKind.SERVICE_FEE: N_("Property service fee"),
    ChargeKind.UTILITIES: N_("Shared water and electricity"),
    ChargeKind.LATE_FEE: N_("Late fee"),
    ChargeKind.OTHER: N_("Other"),
    OwnerPosition.UNANSWERED: N_("Not yet answered"),
    OwnerPosition.ACCEPTED: N_("Accepted"),
    OwnerPosition.DISPUTED: N_("Disputed"),
    AttachmentKind.EVIDENCE: N_("Evidence"),
    AttachmentKind.IDENTITY: N_("Proof of identity"),
    AttachmentKind.RECEIPT: N_("Payment receipt"),
    AttachmentKind.SIGNED_SCAN: N_("Signed scan"),
    AttachmentKind.OTHER: N_("Other"),
    Sex.MALE: N_("Male"),
    Sex.FEMALE: N_("Female"),
}


def label(member: StrEnum) -> str:
    """The member's name in the user's language."""
    return _(_LABELS[member])
