"""The schema: SQLAlchemy 2 typed mappings of everything the centre records.

Money columns are :func:`Money` (integer fen); areas and rates are scaled integers. Enumerated
values are :class:`EnumId` columns: the attribute is the enum member, the database holds its
stable string id (see :mod:`mediation_app.domain.enums`) in a plain VARCHAR, not a native enum
type, so SQLite and PostgreSQL hold the same data. Records a person edits carry a
``version`` column that SQLAlchemy checks on every update, so a save based on stale data fails
instead of overwriting someone else's work.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from mediation_app.domain.enums import (
    CaseSource,
    CaseStatus,
    ChargeKind,
    Level,
    OrgKind,
    OwnerPosition,
    Remedy,
    Role,
    SessionMode,
    Sex,
    SmsStatus,
    Track,
)
from mediation_app.domain.party import Party, Submitter
from mediation_app.storage.types import EnumId, Money, ScaledDecimal, UtcDateTime, read_as_stored
from mediation_app.workflow.confirmation import ConfirmationOutcome, NextStep
from mediation_app.workflow.consent import ConsentMethod, ConsentPurpose
from mediation_app.workflow.sms import SmsTemplate

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


AUDIT_ALL: tuple[str, ...] = ("*",)
"""Every mapped column but the key, the ``version`` counter and derived search text."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    # The columns the audit chain seals (mediation_app.domain.row_digest): a table that lists them
    # is checked by ``audit verify`` with nothing more to write; () leaves a table unsealed.
    __audited__: ClassVar[tuple[str, ...]] = ()


class Versioned:
    """Optimistic locking: every UPDATE checks and bumps ``version``."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


# --- organisations and people -------------------------------------------------------------


class Organization(Base):
    """A body that handles or supports cases: the centre, a sub-centre, a committee, a court …"""

    __tablename__ = "organization"
    __audited__ = (
        "name",
        "short_name",
        "level",
        "kind",
        "tracks",
        "parent_id",
        "court_name",
        "address",
        "phone",
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    short_name: Mapped[str] = mapped_column(String(60), default="")
    level: Mapped[Level] = mapped_column(EnumId(Level, 20))
    kind: Mapped[OrgKind] = mapped_column(EnumId(OrgKind, 30))
    tracks: Mapped[str] = mapped_column(String(80), default="")  # comma-separated Track ids it runs
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    court_name: Mapped[str] = mapped_column(String(120), default="")  # the basic court of its area
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")

    parent: Mapped[Organization | None] = relationship(remote_side=[id])


class Staff(Versioned, Base):
    __tablename__ = "staff"
    __audited__ = ("username", "name", "role", "organization_id", "phone", "password_hash", "active")
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[Role] = mapped_column(EnumId(Role, 20))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    phone: Mapped[str] = mapped_column(String(40), default="")
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())

    organization: Mapped[Organization | None] = relationship()


class Owner(Versioned, Base):
    """A home owner (业主)."""

    __tablename__ = "owner"
    __audited__ = ("name", "id_number", "sex", "birth_date", "phone", "address", "electronic_notice")
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), index=True)
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    sex: Mapped[Sex | None] = mapped_column(EnumId(Sex, 10))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    electronic_notice: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Company(Versioned, Base):
    """A property-service company (物业服务人)."""

    __tablename__ = "company"
    __audited__ = (
        "name",
        "credit_code",
        "domicile",
        "legal_rep",
        "agent_name",
        "agent_phone",
        "phone",
        "electronic_notice",
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    domicile: Mapped[str] = mapped_column(String(200), default="")
    legal_rep: Mapped[str] = mapped_column(String(60), default="")
    agent_name: Mapped[str] = mapped_column(String(60), default="")
    agent_phone: Mapped[str] = mapped_column(String(20), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    electronic_notice: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Community(Base):
    """A residential community (小区) served by a company, in the area of an organisation."""

    __tablename__ = "community"
    __audited__ = ("name", "address", "organization_id", "company_id")
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"))

    organization: Mapped[Organization | None] = relationship()
    company: Mapped[Company | None] = relationship()


class Unit(Versioned, Base):
    """A flat: building, room and building area; its fee schedule, bills and payments."""

    __tablename__ = "unit"
    __audited__ = ("community_id", "building", "room", "area", "handover_date")
    __table_args__ = (UniqueConstraint("community_id", "building", "room", name="uq_unit_place"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"))
    building: Mapped[str] = mapped_column(String(30))
    room: Mapped[str] = mapped_column(String(30), index=True)
    area: Mapped[Decimal] = mapped_column(ScaledDecimal(2))
    handover_date: Mapped[dt.date | None] = mapped_column(Date)

    community: Mapped[Community] = relationship()
    rates: Mapped[list[UnitRate]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="UnitRate.from_month"
    )
    utility_bills: Mapped[list[UtilityBill]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="UtilityBill.due"
    )
    payments: Mapped[list[FeePayment]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="FeePayment.paid_on"
    )


class UnitRate(Base):
    """The service-fee standard (yuan per m² per month) from a month on."""

    __tablename__ = "unit_rate"
    __audited__ = ("unit_id", "from_month", "rate")
    __table_args__ = (UniqueConstraint("unit_id", "from_month", name="uq_unit_rate_month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    from_month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    rate: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    unit: Mapped[Unit] = relationship(back_populates="rates")


class UtilityBill(Base):
    """A shared water and electricity bill (公摊水电费) of a unit."""

    __tablename__ = "utility_bill"
    __audited__ = ("unit_id", "period", "amount", "due", "voided_at", "void_reason")
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal] = mapped_column(Money())
    due: Mapped[dt.date] = mapped_column(Date)
    # A bill entered in error is voided, never deleted: the row stays, marked 作废, with why.
    voided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    void_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    unit: Mapped[Unit] = relationship(back_populates="utility_bills")


class FeePayment(Base):
    """A payment the owner made to the company towards the unit's fees."""

    __tablename__ = "fee_payment"
    __audited__ = ("unit_id", "paid_on", "amount", "note", "method", "receipt_id", "voided_at", "void_reason")
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    note: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # The scanned receipt, when one was handed in (an attachment of the case it was entered on).
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"))
    # A payment entered in error is voided, never deleted: the row stays, marked 作废, with why.
    voided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    void_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    unit: Mapped[Unit] = relationship(back_populates="payments")


# --- cases ------------------------------------------------------------------------------------


class Batch(Base):
    """Cases filed together by one company (a spreadsheet import, a model mediation)."""

    __tablename__ = "batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    source_file: Mapped[str] = mapped_column(String(260), default="")
    note: Mapped[str] = mapped_column(String(200), default="")


class CaseNumberCounter(Base):
    """The last sequence number used per prefix and year (numbers are unique and sequential)."""

    __tablename__ = "case_number_counter"
    prefix: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Case(Versioned, Base):
    __tablename__ = "case"
    __audited__ = AUDIT_ALL
    __table_args__ = (
        Index("ix_case_intake", "intake_date"),
        Index("ix_case_status_deadline", "status", "next_deadline"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    intake_date: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[CaseSource] = mapped_column(EnumId(CaseSource, 30))
    status: Mapped[CaseStatus] = mapped_column(EnumId(CaseStatus, 30), index=True)
    track: Mapped[Track] = mapped_column(EnumId(Track, 20))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("owner.id"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batch.id"))
    assigning_court: Mapped[str] = mapped_column(String(120), default="")
    claimed_total: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    claim_summary: Mapped[str] = mapped_column(Text, default="")
    # number, owner names and phones, ID tails, community, building and room, company: one
    # column to scan, so a search over 100,000 cases needs no joins (kept by services/search_text)
    search_text: Mapped[str] = mapped_column(Text, default="")
    status_reason: Mapped[str] = mapped_column(Text, default="")
    mediation_start: Mapped[dt.date | None] = mapped_column(Date)
    mediation_deadline: Mapped[dt.date | None] = mapped_column(Date)
    next_deadline: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    # The fee terms the calculator needs (the contract's late-fee rule, the claim period).
    service_start: Mapped[dt.date | None] = mapped_column(Date)
    service_end: Mapped[dt.date | None] = mapped_column(Date)
    due_day: Mapped[int] = mapped_column(Integer, default=1)
    late_fee_daily_rate: Mapped[Decimal | None] = mapped_column(ScaledDecimal(6))
    late_fee_grace_days: Mapped[int] = mapped_column(Integer, default=0)
    late_fee_on_utilities: Mapped[bool] = mapped_column(Boolean, default=False)
    late_fee_cap_ratio: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4))
    # 物业费缴至: the last month the owner paid the service fee for (the claim starts the month after).
    fees_paid_to: Mapped[str] = mapped_column(String(7), default="", server_default="")
    # Set when the fee data changed after the statement or an open proposal was computed: their
    # figures are out of date until recomputed (see services/settlement/staleness.py).
    figures_stale_since: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    figures_stale_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())

    # Read-only: services write the foreign keys and add the child rows themselves. A writable
    # relationship that is loaded pulls its mapper into every flush of the case (about 0.07 ms
    # each, eight of them on a case a step has read: most of the cost of saving a status).
    organization: Mapped[Organization] = relationship(viewonly=True)
    mediator: Mapped[Staff | None] = relationship(foreign_keys=[mediator_id], viewonly=True)
    owner: Mapped[Owner] = relationship(viewonly=True)
    company: Mapped[Company] = relationship(viewonly=True)
    unit: Mapped[Unit] = relationship(viewonly=True)
    co_owners: Mapped[list[Owner]] = relationship(secondary="case_co_owner", viewonly=True)
    claim_items: Mapped[list[ClaimItem]] = relationship(viewonly=True, order_by="ClaimItem.position")
    events: Mapped[list[CaseEvent]] = relationship(viewonly=True, order_by="CaseEvent.id")


class CaseCoOwner(Base):
    __tablename__ = "case_co_owner"
    __audited__ = ("case_id", "owner_id")
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owner.id"), primary_key=True)


class ClaimItem(Base):
    """One item of the claim as the company states it, and the owner's answer to it."""

    __tablename__ = "claim_item"
    __audited__ = (
        "case_id",
        "position",
        "kind",
        "description",
        "period_from",
        "period_to",
        "amount",
        "owner_position",
        "position_reason",
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ChargeKind] = mapped_column(EnumId(ChargeKind, 20))
    description: Mapped[str] = mapped_column(String(200), default="")
    period_from: Mapped[dt.date | None] = mapped_column(Date)
    period_to: Mapped[dt.date | None] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    owner_position: Mapped[OwnerPosition] = mapped_column(
        EnumId(OwnerPosition, 20), default=OwnerPosition.UNANSWERED
    )
    position_reason: Mapped[str] = mapped_column(Text, default="")


class CaseEvent(Base):
    """One step of the case's path: a status change, a track transfer, a referral, a consent …"""

    __tablename__ = "case_event"
    __audited__ = AUDIT_ALL
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    kind: Mapped[str] = mapped_column(String(30))
    from_value: Mapped[str] = mapped_column(String(120), default="")
    to_value: Mapped[str] = mapped_column(String(120), default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    by_name: Mapped[str] = mapped_column(String(60), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    # Who took the decision when it was not the person recording it (a transfer decided by the
    # resident judge, entered by the window clerk); empty when it is the recorder.
    decided_by: Mapped[str] = mapped_column(String(60), default="")


class Consent(Base):
    """A party's consent to pre-litigation mediation (or to an extension of its period)."""

    __tablename__ = "consent"
    __audited__ = AUDIT_ALL
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    party: Mapped[Party] = mapped_column(EnumId(Party, 20))
    method: Mapped[ConsentMethod] = mapped_column(EnumId(ConsentMethod, 20))
    given_on: Mapped[dt.date] = mapped_column(Date)
    purpose: Mapped[ConsentPurpose] = mapped_column(
        EnumId(ConsentPurpose, 20), default=ConsentPurpose.MEDIATION
    )
    note: Mapped[str] = mapped_column(String(200), default="")


class Extension(Base):
    """An extension of the mediation period, agreed by both parties."""

    __tablename__ = "extension"
    __audited__ = AUDIT_ALL
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    days: Mapped[int] = mapped_column(Integer)
    old_deadline: Mapped[dt.date] = mapped_column(Date)
    new_deadline: Mapped[dt.date] = mapped_column(Date)
    agreed_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")


class MediationSession(Versioned, Base):
    """A mediation session (调解记录)."""

    __tablename__ = "mediation_session"
    __audited__ = AUDIT_ALL
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    mode: Mapped[SessionMode] = mapped_column(EnumId(SessionMode, 20))
    place: Mapped[str] = mapped_column(String(200), default="")
    attendees: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recorder_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class Attachment(Base):
    """A file attached to a case (evidence, the signed scan of a document …)."""

    __tablename__ = "attachment"
    __audited__ = AUDIT_ALL
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # evidence | signed_scan | other
    title: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(260))
    stored_name: Mapped[str] = mapped_column(String(100))  # <sha256>.<ext> in the attachments dir
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100), default="")
    submitted_by: Mapped[Submitter | None] = mapped_column(  # "" when nobody is named
        EnumId(Submitter, 20, blank_is_none=True), nullable=False, default=None
    )
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Statement(Base):
    """An arrears statement computed for the case (the calculator's input and result, as JSON)."""

    __tablename__ = "statement"
    __audited__ = ("case_id", "as_of", "input_json", "result_json", "payable")
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    computed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    as_of: Mapped[dt.date] = mapped_column(Date)
    input_json: Mapped[str] = mapped_column(Text)
    result_json: Mapped[str] = mapped_column(Text)
    payable: Mapped[Decimal] = mapped_column(Money())


class Proposal(Base):
    """A settlement scenario: discounts applied to the recomputed debt."""

    __tablename__ = "proposal"
    __audited__ = AUDIT_ALL
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    discounts_json: Mapped[str] = mapped_column(Text)
    input_json: Mapped[str] = mapped_column(Text)
    result_json: Mapped[str] = mapped_column(Text)
    principal: Mapped[Decimal] = mapped_column(Money())
    late_fee: Mapped[Decimal] = mapped_column(Money())
    discount_total: Mapped[Decimal] = mapped_column(Money())
    payable: Mapped[Decimal] = mapped_column(Money())
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The mediator's choices per claim line ({"bases": {"12": "claimed"}, "notes": {"13": "…"}})
    # and the reconciled settlement
    # (canonical JSON of mediation_app.fees.reconciliation.Settlement); "" for one made before.
    choices_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    settlement_json: Mapped[str] = mapped_column(Text, default="", server_default="")


class Agreement(Versioned, Base):
    """The settlement agreement's terms."""

    __tablename__ = "agreement"
    __audited__ = AUDIT_ALL
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), unique=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposal.id"))
    total: Mapped[Decimal] = mapped_column(Money())
    pay_method: Mapped[str] = mapped_column(String(200), default="")
    pay_place: Mapped[str] = mapped_column(String(200), default="")
    undertakings: Mapped[str] = mapped_column(Text, default="")
    # The clause that the dispute is settled in full (the agreement prints it as written here).
    settlement_clause: Mapped[str] = mapped_column(Text, default="")
    reached_on: Mapped[dt.date] = mapped_column(Date)
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    # The settlement it was reached on (canonical JSON), as every document of the case quotes it.
    settlement_json: Mapped[str] = mapped_column(Text, default="", server_default="")
    # 人民调解法 art. 29: each party's responsibility, the matters in dispute ("" for the wording
    # made from the owner's answers to the claim lines), and the remedy for a default (None: the
    # usual one for the plan — acceleration for instalments, the claim reviving for a lump sum).
    responsibility: Mapped[str] = mapped_column(Text, default="", server_default="")
    matters: Mapped[str] = mapped_column(Text, default="", server_default="")
    remedy: Mapped[Remedy | None] = mapped_column(EnumId(Remedy, 20))
    instalments: Mapped[list[Instalment]] = relationship(
        cascade="all, delete-orphan", order_by="Instalment.seq"
    )


class SupplementaryRecord(Base):
    """A supplementary record (补充记录/更正说明) put on a signed agreement: a correction after
    signing is a record of its own, shown with the case; the signed text is never rewritten."""

    __tablename__ = "supplementary_record"
    __audited__ = ("case_id", "agreement_id", "subject", "text", "reason", "recorded_at", "by_id")
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id"))
    subject: Mapped[str] = mapped_column(String(60), default="")  # what it corrects (a field key)
    text: Mapped[str] = mapped_column(Text)  # the statement of the correction, as it reads
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    by_name: Mapped[str] = mapped_column(String(60), default="")


class Instalment(Base):
    __tablename__ = "instalment"
    __audited__ = ("agreement_id", "seq", "due_on", "amount")
    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())


class PerformancePayment(Base):
    """A payment made under the agreement (履行)."""

    __tablename__ = "performance_payment"
    __audited__ = ("case_id", "paid_on", "amount", "method", "note")
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    method: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(String(200), default="")


class FollowUp(Base):
    """A follow-up visit (回访)."""

    __tablename__ = "follow_up"
    __audited__ = AUDIT_ALL
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    visited_on: Mapped[dt.date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(30))
    visited_party: Mapped[Party] = mapped_column(EnumId(Party, 20), default=Party.OWNER)
    notes: Mapped[str] = mapped_column(Text, default="")
    satisfied: Mapped[bool | None] = mapped_column(Boolean)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class JudicialConfirmation(Base):
    """The joint application for judicial confirmation (司法确认) and its outcome."""

    __tablename__ = "judicial_confirmation"
    __audited__ = AUDIT_ALL
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), unique=True)
    court_name: Mapped[str] = mapped_column(String(120))
    applied_on: Mapped[dt.date] = mapped_column(Date)
    outcome: Mapped[ConfirmationOutcome] = mapped_column(
        EnumId(ConfirmationOutcome, 20), default=ConfirmationOutcome.PENDING
    )
    ruling_number: Mapped[str] = mapped_column(String(60), default="")
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[NextStep | None] = mapped_column(  # after a rejection; "" before one
        EnumId(NextStep, 30, blank_is_none=True), nullable=False, default=None
    )
    judge_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class SmsMessage(Base):
    """An SMS in the outbox: queued, sent or failed (failures are retried, never dropped)."""

    __tablename__ = "sms_message"
    __audited__ = ("case_id", "recipient_name", "party", "phone", "template", "text")
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    recipient_name: Mapped[str] = mapped_column(String(120))
    party: Mapped[Party | None] = mapped_column(  # "" for a message to nobody's side
        EnumId(Party, 20, blank_is_none=True), nullable=False, default=None
    )
    phone: Mapped[str] = mapped_column(String(20))
    template: Mapped[SmsTemplate] = mapped_column(EnumId(SmsTemplate, 40))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[SmsStatus] = mapped_column(EnumId(SmsStatus, 20), default=SmsStatus.QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    sender: Mapped[str] = mapped_column(String(40), default="")
    send_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())  # not before (None: at once)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())  # after a failure


class Document(Base):
    """A generated case document. A final one never changes: a new version is a new row."""

    __tablename__ = "document"
    __audited__ = (
        "case_id",
        "kind",
        "number",
        "version_no",
        "data_json",
        "content",
        "sha256",
        "finalised_at",
        "finalised_by",
    )
    __table_args__ = (UniqueConstraint("case_id", "kind", "version_no", name="uq_document_version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    number: Mapped[str] = mapped_column(String(60))
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    data_json: Mapped[str] = mapped_column(Text)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    finalised_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    finalised_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class AuditEvent(Base):
    """Who changed what, when, before and after; each event hashes the one before it."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before_json: Mapped[str] = mapped_column(Text, default="")
    after_json: Mapped[str] = mapped_column(Text, default="")
    # the seals of the rows this event's unit of work wrote (mediation_app.domain.row_digest)
    rows_json: Mapped[str] = mapped_column(Text, default="", server_default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row holding the hash of the newest audit event; writers lock it to chain in order."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """Installation-wide settings (for example whether sign-in is required)."""

    __tablename__ = "setting"
    __audited__ = ("key", "value")
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


read_as_stored(Base)
