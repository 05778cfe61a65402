"""Intake (受理登记): validate a new case's form and record it in one transaction.

The form holds what a clerk typed, as text; :func:`validate` turns it into clean values or
returns every field error at once (the intake dialog shows each beside its field). A party or
unit picked from the database is referenced by id; a new one is created with the case. Nothing
is written unless every field is valid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm.attributes import set_committed_value

from mediation_app.adapters.numbering import next_case_number
from mediation_app.domain import bounds
from mediation_app.domain import validators as v
from mediation_app.domain.enums import CaseSource, CaseStatus, ChargeKind, Track
from mediation_app.errors import FormErrors, NotFoundError, ValidationError
from mediation_app.fees.months import Month, month_at
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases import search_text
from mediation_app.storage.models import (
    Case,
    CaseEvent,
    ClaimItem,
    Community,
    Company,
    Organization,
    Owner,
    Unit,
    UnitRate,
)
from mediation_app.storage.uow import UnitOfWork


@dataclass
class OwnerForm:
    existing_id: int | None = None
    name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    electronic_notice: bool = False


@dataclass
class CompanyForm:
    existing_id: int | None = None
    name: str = ""
    credit_code: str = ""
    domicile: str = ""
    legal_rep: str = ""
    agent_name: str = ""
    agent_phone: str = ""


@dataclass
class UnitForm:
    existing_id: int | None = None
    community_id: int | None = None
    building: str = ""
    room: str = ""
    area: str = ""
    handover_date: str = ""
    rate: str = ""  # service-fee standard, yuan per m² per month
    rate_from: str = ""  # the month that standard applies from


@dataclass
class ClaimLine:
    kind: ChargeKind = ChargeKind.SERVICE_FEE
    description: str = ""
    period_from: str = ""
    period_to: str = ""
    amount: str = ""


@dataclass
class IntakeForm:
    owner: OwnerForm = field(default_factory=OwnerForm)
    company: CompanyForm = field(default_factory=CompanyForm)
    unit: UnitForm = field(default_factory=UnitForm)
    claims: list[ClaimLine] = field(default_factory=list)
    organization_id: int | None = None
    source: CaseSource = CaseSource.WALK_IN
    track: Track = Track.PEOPLE
    intake_date: str = ""
    assigning_court: str = ""
    late_fee_daily_rate: str = ""
    summary: str = ""
    # 物业费缴至: the last month the service fee was paid for ("2017-07"); the claim starts after it.
    fees_paid_to: str = ""


@dataclass(frozen=True)
class CaseRef:
    id: int
    number: str


@dataclass(frozen=True)
class _CleanClaim:
    kind: ChargeKind
    description: str
    period_from: dt.date | None
    period_to: dt.date | None
    amount: Decimal


T = TypeVar("T")
MAX_CLAIMS = 50  # claimed items on one case (a line per charge and period; dozens at most)
SUMMARY_MAX = 100_000  # a long narrative fits; a pasted book does not


class _Checker:
    """Runs validators and keeps every error instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return func(*args, **kwargs)
        except ValidationError as error:
            self.errors.append(error)
            return None


def validate(form: IntakeForm, today: dt.date) -> list[ValidationError]:
    """Every field error of ``form`` (empty when the form can be saved)."""
    return _clean(form, today)[1]


def _clean(form: IntakeForm, today: dt.date) -> tuple[dict[str, object], list[ValidationError]]:
    c = _Checker()
    out: dict[str, object] = {}
    o = form.owner
    if o.existing_id is None:
        out["owner_name"] = c.run(
            v.text_field, o.name, "owner.name", _("Owner's name"), max_length=60, required_=True
        )
        out["owner_id_number"] = (
            c.run(v.id_number, o.id_number, "owner.id_number", _("Owner's ID number"), today=today)
            if o.id_number.strip()
            else None
        )
        out["owner_phone"] = c.run(v.phone, o.phone, "owner.phone", _("Owner's phone"))
        out["owner_address"] = c.run(
            v.text_field, o.address, "owner.address", _("Owner's address"), max_length=200
        )
    p = form.company
    if p.existing_id is None:
        out["company_name"] = c.run(
            v.text_field, p.name, "company.name", _("Company name"), max_length=120, required_=True
        )
        out["company_code"] = c.run(
            v.credit_code, p.credit_code, "company.credit_code", _("Unified social credit code")
        )
        out["company_domicile"] = c.run(
            v.text_field, p.domicile, "company.domicile", _("Company domicile"), max_length=200
        )
        out["company_legal_rep"] = c.run(
            v.text_field, p.legal_rep, "company.legal_rep", _("Legal representative"), max_length=60
        )
        out["company_agent"] = c.run(
            v.text_field, p.agent_name, "company.agent_name", _("Agent"), max_length=60
        )
        out["company_agent_phone"] = c.run(
            v.phone, p.agent_phone, "company.agent_phone", _("Agent's phone"), optional=True
        )
    u = form.unit
    if u.existing_id is None:
        if u.community_id is None:
            c.errors.append(ValidationError("unit.community", _("choose a community"), _("Community")))
        out["building"] = c.run(
            v.text_field, u.building, "unit.building", _("Building"), max_length=30, required_=True
        )
        out["room"] = c.run(v.text_field, u.room, "unit.room", _("Room"), max_length=30, required_=True)
        out["area"] = c.run(v.area, u.area, "unit.area", _("Building area (m²)"))
        out["handover"] = (
            c.run(v.date, u.handover_date, "unit.handover_date", _("Handover date"), today=today)
            if u.handover_date.strip()
            else None
        )
        if u.rate.strip():
            out["rate"] = c.run(v.rate, u.rate, "unit.rate", _("Fee standard (yuan/m²/month)"))
            out["rate_from"] = c.run(
                v.month, u.rate_from, "unit.rate_from", _("Fee standard applies from"), today=today
            )
    if form.organization_id is None:
        c.errors.append(
            ValidationError("organization", _("choose the handling organisation"), _("Handling organisation"))
        )
    intake = (
        c.run(v.date, form.intake_date, "intake_date", _("Intake date"), today=today)
        if form.intake_date.strip()
        else today
    )
    if isinstance(intake, dt.date) and intake > today:
        c.errors.append(ValidationError("intake_date", _("cannot be in the future"), _("Intake date")))
    out["intake_date"] = intake
    if form.late_fee_daily_rate.strip():
        out["late_fee_daily_rate"] = c.run(
            v.daily_rate, form.late_fee_daily_rate, "late_fee_daily_rate", _("Late fee daily rate")
        )
    if form.fees_paid_to.strip():
        out["fees_paid_to"] = _paid_to(c, form, out.get("handover"), intake)
    out["assigning_court"] = c.run(
        v.text_field, form.assigning_court, "assigning_court", _("Assigning court"), max_length=120
    )
    out["summary"] = c.run(v.text_field, form.summary, "summary", _("Claim summary"), max_length=SUMMARY_MAX)
    if form.source == CaseSource.COURT_ASSIGNMENT and not out["assigning_court"]:
        c.errors.append(
            ValidationError(
                "assigning_court", _("is required for a case assigned by a court"), _("Assigning court")
            )
        )
    if not form.claims:
        c.errors.append(ValidationError("claims", _("add at least one claimed item"), _("Claim")))
    elif len(form.claims) > MAX_CLAIMS:
        c.errors.append(
            ValidationError("claims", _("has more than {n} items").format(n=MAX_CLAIMS), _("Claim"))
        )
        return out, c.errors
    claims: list[_CleanClaim] = []
    for index, line in enumerate(form.claims):
        label = _("Claim item {n}").format(n=index + 1)
        amount = c.run(v.amount, line.amount, f"claims[{index}].amount", label + " · " + _("Amount"))
        start = (
            c.run(
                v.date,
                line.period_from,
                f"claims[{index}].period_from",
                label + " · " + _("Period from"),
                today=today,
            )
            if line.period_from.strip()
            else None
        )
        end = (
            c.run(
                v.date,
                line.period_to,
                f"claims[{index}].period_to",
                label + " · " + _("Period to"),
                today=today,
            )
            if line.period_to.strip()
            else None
        )
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            c.errors.append(
                ValidationError(
                    f"claims[{index}].period_to",
                    _("is before the start of the period"),
                    label + " · " + _("Period to"),
                )
            )
        description = c.run(
            v.text_field,
            line.description,
            f"claims[{index}].description",
            label + " · " + _("Description"),
            max_length=200,
        )
        if isinstance(amount, Decimal) and isinstance(description, str):
            claims.append(_CleanClaim(line.kind, description, start, end, amount))
    total = sum((claim.amount for claim in claims), Decimal("0.00"))
    if total >= bounds.MAX_AMOUNT:
        c.run(bounds.check_amount, total, "claims", _("Total claimed"))
    out["claims"] = claims
    return out, c.errors


def _paid_to(c: _Checker, form: IntakeForm, handover: object, intake: object) -> Month | None:
    """物业费缴至 as a month: plausible, not after the intake, not before the handover."""
    field, label = "fees_paid_to", _("Service fee paid up to")
    text = c.run(v.month, form.fees_paid_to, field, label)
    if text is None:
        return None
    month = Month.parse(text)
    day = month.first_day()
    if day < bounds.EARLIEST_DATE:
        c.errors.append(
            ValidationError(
                field,
                _("{date} is before {earliest}").format(date=text, earliest=bounds.EARLIEST_DATE.isoformat()),
                label,
            )
        )
        return None
    if isinstance(intake, dt.date) and day > intake:
        c.errors.append(ValidationError(field, _("is after the intake date"), label))
        return None
    if isinstance(handover, dt.date) and month < Month.containing(handover):
        c.errors.append(
            ValidationError(
                field, _("is before the unit's handover ({date})").format(date=handover.isoformat()), label
            )
        )
        return None
    return month


def _decimal_or_none(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def intake_case(uow: UnitOfWork, form: IntakeForm) -> CaseRef:
    """Record a new case (受理登记) with its parties, unit and claim; one transaction, audited."""
    ref = _record_case(uow, form)
    uow.commit()
    return ref


def _record_case(uow: UnitOfWork, form: IntakeForm, *, batch_id: int | None = None) -> CaseRef:
    """Everything :func:`intake_case` does except the commit, so a batch import can record many
    cases in one transaction (see :mod:`mediation_app.batch_import`)."""
    authorize(uow.actor, Permission.INTAKE_CASE)
    today = uow.clock.today()
    clean, errors = _clean(form, today)
    if errors:
        raise FormErrors(errors)
    s = uow.session
    now = uow.clock.now()
    organization = s.get(Organization, form.organization_id)
    if organization is None:
        raise NotFoundError(_("The handling organisation no longer exists."))

    # The lookups below concern rows written before this intake. The new parties and unit are
    # written first (the case names them by id, and their audit records quote theirs), then the
    # case; its claim lines and first event go with the next flush.
    uow.flush()
    created: list[_Created] = []
    with s.no_autoflush:
        owner = _owner(uow, form.owner, clean, now, created)
        company = _company(uow, form.company, clean, now, created)
        unit = _unit(uow, form.unit, clean, created)
        intake_date = clean["intake_date"]
        assert isinstance(intake_date, dt.date)
        number, seq = next_case_number(s, intake_date.year)
    uow.flush()
    claims = clean["claims"]
    assert isinstance(claims, list)
    case = Case(
        number=number,
        year=intake_date.year,
        seq=seq,
        intake_date=intake_date,
        source=form.source,
        status=CaseStatus.INTAKE,
        track=form.track,
        organization_id=organization.id,
        owner_id=owner.id,
        company_id=company.id,
        unit_id=unit.id,
        batch_id=batch_id,
        assigning_court=str(clean["assigning_court"]),
        claimed_total=sum((claim.amount for claim in claims), Decimal("0.00")),
        claim_summary=str(clean["summary"]),
        late_fee_daily_rate=_decimal_or_none(clean.get("late_fee_daily_rate")),
        created_by=uow.actor.staff_id,
        created_at=now,
        updated_at=now,
    )
    service_periods = [
        c for c in claims if c.kind == ChargeKind.SERVICE_FEE and c.period_from and c.period_to
    ]
    if service_periods:
        case.service_start = min(c.period_from for c in service_periods if c.period_from)
        case.service_end = max(c.period_to for c in service_periods if c.period_to)
    paid_to = clean.get("fees_paid_to")
    if isinstance(paid_to, Month):
        # The owner paid up to this month: the service fee is owed from the month after.
        case.fees_paid_to = str(paid_to)
        case.service_start = month_at(paid_to.index + 1).first_day()
    # What the case reads of its parties and unit is known here: nothing needs to be read back.
    known = {"organization": organization, "owner": owner, "company": company, "unit": unit, "co_owners": []}
    for key, value in known.items():
        set_committed_value(case, key, value)
    search_text.refresh_case(case)
    s.add(case)
    uow.flush()
    items = [
        ClaimItem(
            case_id=case.id,
            position=index,
            kind=claim.kind,
            description=claim.description,
            period_from=claim.period_from,
            period_to=claim.period_to,
            amount=claim.amount,
        )
        for index, claim in enumerate(claims)
    ]
    first_event = CaseEvent(
        case_id=case.id,
        at=now,
        kind="status",
        from_value="",
        to_value=CaseStatus.INTAKE.value,
        by_id=uow.actor.staff_id,
        by_name=uow.actor.name,
        reason=_("Case registered"),
    )
    s.add_all([*items, first_event])
    set_committed_value(case, "claim_items", items)
    for record in created:
        uow.audit(record.action, record.table, record.row.id, None, record.image())
    uow.audit("case.intake", "case", case.id, None, case_snapshot(case), case_id=case.id)
    return CaseRef(case.id, case.number)


@dataclass(frozen=True)
class _Created:
    """A party or unit the intake registers, audited once the flush has given it its id."""

    action: str
    table: str
    row: Owner | Company | Unit
    image: Callable[[], dict[str, object]]


def case_snapshot(case: Case) -> dict[str, object]:
    """The audited facts of a case (before/after images)."""
    return {
        "number": case.number,
        "status": case.status,
        "track": case.track,
        "organization_id": case.organization_id,
        "owner_id": case.owner_id,
        "company_id": case.company_id,
        "unit_id": case.unit_id,
        "claimed_total": str(case.claimed_total),
        "claims": [
            {
                "kind": item.kind,
                "amount": str(item.amount),
                "from": str(item.period_from or ""),
                "to": str(item.period_to or ""),
            }
            for item in case.claim_items
        ],
        **({"fees_paid_to": case.fees_paid_to} if case.fees_paid_to else {}),
    }


def _owner(
    uow: UnitOfWork, form: OwnerForm, clean: dict[str, object], now: dt.datetime, created: list[_Created]
) -> Owner:
    s = uow.session
    if form.existing_id is not None:
        owner = s.get(Owner, form.existing_id)
        if owner is None:
            raise NotFoundError(_("The chosen owner no longer exists."))
        return owner
    ident = clean.get("owner_id_number")
    if isinstance(ident, v.IdNumber):
        existing = s.scalar(_owner_by_id_number(), {"id_number": ident.number})
        if existing is not None:
            raise ValidationError(
                "owner.id_number",
                _(
                    "an owner with this ID number is already registered ({name}); pick that owner instead"
                ).format(name=existing.name),
                _("Owner's ID number"),
            )
    owner = Owner(
        name=str(clean["owner_name"]),
        id_number=ident.number if isinstance(ident, v.IdNumber) else None,
        sex=ident.sex if isinstance(ident, v.IdNumber) else None,
        birth_date=ident.birth_date if isinstance(ident, v.IdNumber) else None,
        phone=str(clean["owner_phone"]),
        address=str(clean.get("owner_address") or ""),
        electronic_notice=form.electronic_notice,
        created_at=now,
    )
    s.add(owner)
    created.append(
        _Created(
            "owner.create",
            "owner",
            owner,
            lambda: {"name": owner.name, "id_number": owner.id_number, "phone": owner.phone},
        )
    )
    return owner


def _company(
    uow: UnitOfWork, form: CompanyForm, clean: dict[str, object], now: dt.datetime, created: list[_Created]
) -> Company:
    s = uow.session
    if form.existing_id is not None:
        company = s.get(Company, form.existing_id)
        if company is None:
            raise NotFoundError(_("The chosen company no longer exists."))
        return company
    code = str(clean["company_code"])
    existing = s.scalar(select(Company).where(Company.credit_code == code))
    if existing is not None:
        raise ValidationError(
            "company.credit_code",
            _("a company with this credit code is already registered ({name}); pick it instead").format(
                name=existing.name
            ),
            _("Unified social credit code"),
        )
    company = Company(
        name=str(clean["company_name"]),
        credit_code=code,
        domicile=str(clean.get("company_domicile") or ""),
        legal_rep=str(clean.get("company_legal_rep") or ""),
        agent_name=str(clean.get("company_agent") or ""),
        agent_phone=str(clean.get("company_agent_phone") or ""),
        created_at=now,
    )
    s.add(company)
    created.append(
        _Created(
            "company.create",
            "company",
            company,
            lambda: {"name": company.name, "credit_code": company.credit_code},
        )
    )
    return company


# Built once (README, Development): every intake asks them (a batch import, hundreds of times).


@cache
def _owner_by_id_number() -> Select[Owner]:
    return select(Owner).where(Owner.id_number == bindparam("id_number"))


@cache
def _unit_query() -> Select[Unit]:
    return select(Unit).where(
        Unit.community_id == bindparam("community_id"),
        Unit.building == bindparam("building"),
        Unit.room == bindparam("room"),
    )


def _unit(uow: UnitOfWork, form: UnitForm, clean: dict[str, object], created: list[_Created]) -> Unit:
    s = uow.session
    if form.existing_id is not None:
        unit = s.get(Unit, form.existing_id)
        if unit is None:
            raise NotFoundError(_("The chosen unit no longer exists."))
        return unit
    community = s.get(Community, form.community_id)
    if community is None:
        raise NotFoundError(_("The chosen community no longer exists."))
    building, room = str(clean["building"]), str(clean["room"])
    existing = s.scalar(_unit_query(), {"community_id": community.id, "building": building, "room": room})
    if existing is not None:
        return existing
    area = clean["area"]
    assert isinstance(area, Decimal)
    handover = clean.get("handover")
    unit = Unit(
        community=community,
        building=building,
        room=room,
        area=area,
        handover_date=handover if isinstance(handover, dt.date) else None,
    )
    rate = clean.get("rate")
    if isinstance(rate, Decimal):
        unit.rates = [UnitRate(from_month=str(clean["rate_from"]), rate=rate)]
    s.add(unit)
    name = community.name
    created.append(
        _Created(
            "unit.create",
            "unit",
            unit,
            lambda: {"community": name, "building": building, "room": room, "area": str(unit.area)},
        )
    )
    return unit


def open_case_for(uow: UnitOfWork, unit_id: int, company_id: int) -> str | None:
    """The number of an open case of the same unit and company, if there is one (a warning)."""
    closed = {
        CaseStatus.PERFORMED,
        CaseStatus.FAILED_TO_LITIGATION,
        CaseStatus.WITHDRAWN,
        CaseStatus.NOT_ACCEPTED,
    }
    return uow.session.scalar(
        select(Case.number).where(
            Case.unit_id == unit_id, Case.company_id == company_id, Case.status.not_in(closed)
        )
    )
