"""调解协议书 and 司法确认申请书 from the case: the stored agreement, the accepted proposal it took
its figures from, the instalments, the sessions that led to it.

What is owed is split into the items the owner pays — the service fee, the shared utilities, the
late fee — each after the discounts the parties agreed (a lower fee standard comes off the service
fee, a waiver off the late fee, a fixed reduction off the late fee first), so the items add up to
the agreed total exactly; each discount becomes a concession in the agreement's words. An
agreement reached without a proposal states its total as one item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from babel.support import NullTranslations, Translations
from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.documents.agreement import (
    AmountItem,
    Concession,
    Instalment,
    PaymentTerms,
    SettlementAgreement,
)
from mediation_app.documents.confirmation import ConfirmationApplication
from mediation_app.domain.enums import CaseSource, ChargeKind, OwnerPosition, SessionMode, label
from mediation_app.domain.party import Party
from mediation_app.fees import DiscountKind, Result, ServiceFeeLine, UtilityLine
from mediation_app.fees.months import Month
from mediation_app.i18n import DOMAIN, LANGUAGES, N_, _
from mediation_app.paths import resources_dir
from mediation_app.services.agreement.terms import STANDARD_CLAUSE
from mediation_app.services.documents.builders import common
from mediation_app.services.documents.builders.statement import Calculation, calculation
from mediation_app.storage.models import Agreement, Case, ClaimItem, JudicialConfirmation, MediationSession
from mediation_app.workflow.confirmation import ConfirmationOutcome, confirmation_window, propose_court
from mediation_app.workflow.formatting import all_of

DRAFT_NUMBER_ID = N_("(draft)")


def draft_number() -> str:
    """What a draft agreement shows where its number will be: ``（草稿）``."""
    return _(DRAFT_NUMBER_ID)


@dataclass(frozen=True)
class _Split:
    items: tuple[AmountItem, ...]
    concessions: tuple[Concession, ...]


def agreement_record(session: Session, case: Case, document: str) -> Agreement:
    record = session.scalar(select(Agreement).where(Agreement.case_id == case.id))
    if record is None:
        raise common.lacking(
            document,
            _("no settlement agreement has been recorded for this case yet (record the agreed terms)."),
        )
    return record


def held_sessions(session: Session, case_id: int) -> list[MediationSession]:
    """The sessions that took place (a scheduled one has neither notes nor outcome yet)."""
    rows = session.scalars(
        select(MediationSession)
        .where(MediationSession.case_id == case_id)
        .order_by(MediationSession.starts_at, MediationSession.id)
    )
    return [row for row in rows if row.notes or row.outcome]


def agreement_data(session: Session, case: Case, *, number: str | None = None) -> SettlementAgreement:
    """The agreement of ``case``; ``number`` is its document number (a draft's placeholder when None)."""
    document = _("Settlement Agreement")
    record = agreement_record(session, case, document)
    found = calculation(session, case) if record.proposal_id is not None else None
    split = _split(record.total, found, case)
    sessions = held_sessions(session, case.id)
    mediators = _mediators(session, case, sessions)
    if not mediators:
        raise common.lacking(document, _("no mediator has been assigned to this case."))
    instalments = tuple(Instalment(i.seq, i.due_on, i.amount) for i in record.instalments)
    lump_sum = len(instalments) == 1
    latest = sessions[-1] if sessions else None
    return SettlementAgreement(
        number=number or draft_number(),
        case_number=case.number,
        organisation=common.organisation(case.organization),
        owners=common.owners(case),
        company=common.company(case),
        unit=common.unit(case),
        facts=_facts(session, case, sessions),
        matters_in_dispute=_matters(case),
        claimed=_claimed(case),
        agreed_items=split.items,
        total=record.total,
        concessions=split.concessions,
        payment=PaymentTerms(
            method=record.pay_method,
            place=record.pay_place,
            deadline=instalments[0].due if lump_sum else None,
            instalments=() if lump_sum else instalments,
        ),
        settled_through=_settled_through(case, found),
        acceleration=not lump_sum,
        other_terms=_other_terms(record),
        copies=len(case.co_owners) + 3,  # each owner, the company, and the organisation
        mediators=mediators,
        recorder=_recorder(session, case, latest),
        place=_place(case, latest),
        date=record.signed_on or record.reached_on,
    )


def confirmation_data(session: Session, case: Case, today: dt.date) -> ConfirmationApplication:
    """The joint application, on the day it was recorded (else today) to the court recorded (else
    the competent one)."""
    document = _("Application for Judicial Confirmation")
    record = agreement_record(session, case, document)
    if record.signed_on is None:
        raise common.lacking(document, _("the settlement agreement has not been signed yet."))
    application = session.scalar(select(JudicialConfirmation).where(JudicialConfirmation.case_id == case.id))
    if application is not None and application.outcome is not ConfirmationOutcome.WITHDRAWN:
        court, applied_on = application.court_name, application.applied_on
    else:
        window = confirmation_window(record.signed_on)
        if today > window.deadline:
            raise common.lacking(
                document,
                _(
                    "no application was recorded, and the 30 days to apply ended on {date} (the agreement "
                    "took effect on {signed})."
                ).format(date=common.day(window.deadline), signed=common.day(record.signed_on)),
            )
        court = propose_court(case.assigning_court, case.organization.court_name).court
        applied_on = today
    issued = common.final_data(session, case.id, "agreement")
    if not isinstance(issued, SettlementAgreement):
        raise common.lacking(
            document,
            _(
                "the settlement agreement has not been finalised yet (finalise it first: the application names its number)."
            ),
        )
    return ConfirmationApplication(
        case_number=case.number,
        court=court,
        owners=issued.owners,
        company=issued.company,
        organisation=issued.organisation,
        agreement_number=issued.number,
        agreement_date=record.signed_on,
        facts=_confirmation_facts(
            case, issued, record.signed_on, common.intake_organisation(session, case).name
        ),
        terms=_terms(issued),
        attachments=_attachments(issued),
        date=applied_on,
    )


# --- the figures ----------------------------------------------------------------------------------


def _period(lines: Sequence[ServiceFeeLine], start: dt.date | None, end: dt.date | None) -> tuple[str, str]:
    """The days an item covers: its first and last outstanding month, within the charged range."""
    first = lines[0].month.first_day()
    last = lines[-1].month.last_day()
    if start is not None:
        first = max(first, start)
    if end is not None:
        last = min(last, end)
    return common.day(first), common.day(last)


def _split(total: Decimal, found: Calculation | None, case: Case) -> _Split:
    if found is None or found.result.payable != total:
        return _Split((AmountItem(_single_label(case), total),), ())
    result = found.result
    owing = [line for line in result.service_fee_lines if line.outstanding]
    bills = [line for line in result.utility_lines if line.outstanding]
    amounts = {
        ChargeKind.SERVICE_FEE: sum((line.outstanding for line in owing), common.ZERO),
        ChargeKind.UTILITIES: sum((line.outstanding for line in bills), common.ZERO),
        ChargeKind.LATE_FEE: result.late_fee.total,
    }
    concessions = []
    for spec, line in zip(found.discounts, result.discounts, strict=True):
        kind = DiscountKind(spec["type"])
        order = {
            DiscountKind.RATE_REDUCTION: (ChargeKind.SERVICE_FEE, ChargeKind.LATE_FEE, ChargeKind.UTILITIES),
            DiscountKind.LATE_FEE_WAIVER: (ChargeKind.LATE_FEE, ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES),
            DiscountKind.FIXED: (ChargeKind.LATE_FEE, ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES),
        }[kind]
        rest = line.amount
        for heading in order:
            taken = min(rest, amounts[heading])
            amounts[heading] -= taken
            rest -= taken
        concessions.append(Concession(_concession(spec, line.amount, found), line.amount))
    service_fee = found.inp.service_fee
    items = []
    if amounts[ChargeKind.SERVICE_FEE]:
        start, end = _period(
            owing, service_fee.start if service_fee else None, service_fee.end if service_fee else None
        )
        items.append(
            AmountItem(
                common.over(label(ChargeKind.SERVICE_FEE), start, end), amounts[ChargeKind.SERVICE_FEE]
            )
        )
    if amounts[ChargeKind.UTILITIES]:
        items.append(AmountItem(_bills_label(bills), amounts[ChargeKind.UTILITIES]))
    if amounts[ChargeKind.LATE_FEE]:
        items.append(
            AmountItem(
                _("{label} up to {date}").format(
                    label=label(ChargeKind.LATE_FEE), date=common.day(found.inp.as_of)
                ),
                amounts[ChargeKind.LATE_FEE],
            )
        )
    if not items:  # everything was conceded: nothing left to pay is still stated
        return _Split((AmountItem(_single_label(case), total),), tuple(concessions))
    return _Split(tuple(items), tuple(concessions))


def _bills_label(bills: Sequence[UtilityLine]) -> str:
    first, last = bills[0].period, bills[-1].period
    return common.over(label(ChargeKind.UTILITIES), common.month(first), common.month(last))


def _single_label(case: Case) -> str:
    start = min((i.period_from for i in case.claim_items if i.period_from), default=None)
    end = max((i.period_to for i in case.claim_items if i.period_to), default=None)
    what = _("property fees and other charges owed for the flat")
    if start is None or end is None:
        return what
    return common.over(what, common.day(start), common.day(end))


def _rate_in_force(result: Result, spec: dict[str, Any]) -> Decimal | None:
    """The one fee standard of the months a reduction covers (None when it changed in them)."""
    low = Month.parse(spec["from"]).index if "from" in spec else None
    high = Month.parse(spec["to"]).index if "to" in spec else None
    rates = {
        line.rate
        for line in result.service_fee_lines
        if (low is None or line.month.index >= low) and (high is None or line.month.index <= high)
    }
    return rates.pop() if len(rates) == 1 else None


def _concession(spec: dict[str, Any], amount: Decimal, found: Calculation) -> str:
    kind = DiscountKind(spec["type"])
    if kind is DiscountKind.RATE_REDUCTION:
        cut = Decimal(spec["per_m2"])
        lines = found.result.service_fee_lines
        service_fee = found.inp.service_fee
        start = Month.parse(spec["from"]).first_day() if "from" in spec else None
        end = Month.parse(spec["to"]).last_day() if "to" in spec else None
        if service_fee is not None:
            start = max(start or service_fee.start, service_fee.start)
            end = min(end or service_fee.end, service_fee.end)
        period = common.span(common.day(start), common.day(end)) if start and end else ""
        old = _rate_in_force(found.result, spec)
        if old is not None and lines:
            return _(
                "Party B agrees to lower the property service fee standard for Party A's flat for {period} "
                "from {old} to {new} yuan per square metre per month, a reduction of {cut} yuan, so that the "
                "service fee is reduced by {amount}."
            ).format(
                period=period,
                old=f"{old:.2f}",
                new=f"{old - cut:.2f}",
                cut=f"{cut:.2f}",
                amount=common.rmb(amount),
            )
        return _(
            "Party B agrees to lower the property service fee standard for Party A's flat for {period} by "
            "{cut} yuan per square metre per month, so that the service fee is reduced by {amount}."
        ).format(period=period, cut=f"{cut:.2f}", amount=common.rmb(amount))
    if kind is DiscountKind.LATE_FEE_WAIVER:
        ratio = Decimal(spec["ratio"])
        if ratio == 1:
            return _("Party B waives the late fee of {amount} in full.").format(amount=common.rmb(amount))
        share = (ratio * 100).normalize()
        return _("Party B waives {share} of the late fee, that is {amount}.").format(
            share=f"{format(share, 'f')}%", amount=common.rmb(amount)
        )
    return _("Party B agrees to a further reduction of {amount}.").format(amount=common.rmb(amount))


def _settled_through(case: Case, found: Calculation | None) -> dt.date:
    """The last day of fees the agreement settles: the claim period's end."""
    ends = [item.period_to for item in case.claim_items if item.period_to]
    if case.service_end is not None:
        ends.append(case.service_end)
    if ends:
        return max(ends)
    return found.inp.as_of if found is not None else case.intake_date


def _claimed(case: Case) -> tuple[AmountItem, ...]:
    return tuple(AmountItem(_claim_label(item), item.amount) for item in case.claim_items)


def _claim_label(item: ClaimItem) -> str:
    name = item.description or item.kind.label
    if item.period_from and item.period_to:
        return common.over(name, common.day(item.period_from), common.day(item.period_to))
    if item.period_to:
        return _("{label} up to {date}").format(label=name, date=common.day(item.period_to))
    return name


# --- the words around them ------------------------------------------------------------------------


def _facts(session: Session, case: Case, sessions: Sequence[MediationSession]) -> tuple[str, ...]:
    paragraphs = []
    if case.claim_summary.strip():
        paragraphs.append(common.full_stop(case.claim_summary))
    organisation = common.intake_organisation(session, case).name
    if case.source is CaseSource.COURT_ASSIGNMENT and case.assigning_court:
        start = _("On {date} {court} assigned the dispute to {organisation} for mediation.").format(
            date=common.day(case.intake_date), court=case.assigning_court, organisation=organisation
        )
    else:
        start = _("On {date} Party B applied to {organisation} for mediation of the dispute.").format(
            date=common.day(case.intake_date), organisation=organisation
        )
    owner_day = common.consent_day(session, case.id, Party.OWNER)
    company_day = common.consent_day(session, case.id, Party.COMPANY)
    if owner_day is not None and company_day is not None:
        start = _("{sentence} {next}").format(
            sentence=start, next=_("Both parties agreed to pre-litigation mediation.")
        )
    paragraphs.append(start)
    for record in sessions:
        what = common.sentences([record.notes, record.outcome])
        paragraphs.append(
            _("On {date} the mediator held a mediation session ({mode}): {what}").format(
                date=common.day(common.china_day(record.starts_at)), mode=record.mode.label, what=what
            )
        )
    return tuple(paragraphs)


def _matters(case: Case) -> tuple[str, ...]:
    owed = []
    matters = []
    for item in case.claim_items:
        name = item.description or item.kind.label
        if item.owner_position is OwnerPosition.DISPUTED:
            if item.position_reason.strip():
                matters.append(
                    _("whether Party A owes the {label} claimed (Party A disputes it: {reason})").format(
                        label=name, reason=item.position_reason.strip()
                    )
                )
            else:
                matters.append(_("whether Party A owes the {label} claimed").format(label=name))
        else:
            owed.append(name)
    if owed:
        matters.insert(0, _("whether Party A owes the {label} claimed").format(label=all_of(owed)))
    return tuple(matters)


def _mediators(session: Session, case: Case, sessions: Sequence[MediationSession]) -> tuple[str, ...]:
    if case.mediator is not None:
        return (case.mediator.name,)
    for record in reversed(sessions):
        name = common.staff_name(session, record.mediator_id)
        if name:
            return (name,)
    return ()


def _recorder(session: Session, case: Case, latest: MediationSession | None) -> str:
    if latest is not None and latest.recorder_id is not None:
        return common.staff_name(session, latest.recorder_id)
    return common.received_by(session, case)


def _place(case: Case, latest: MediationSession | None) -> str:
    name = case.organization.name
    if latest is None:
        return name
    if latest.mode is SessionMode.IN_PERSON:
        return (
            _("{organisation}, {place}").format(organisation=name, place=latest.place)
            if latest.place
            else name
        )
    return _("{organisation} ({mode})").format(organisation=name, mode=latest.mode.label)


@cache
def _standard_clauses() -> frozenset[str]:
    """The standard settled-in-full clause in every language (the agreement words its own)."""
    texts = {STANDARD_CLAUSE}
    for language in LANGUAGES:
        catalogue: NullTranslations = Translations.load(str(resources_dir() / "locale"), [language], DOMAIN)
        texts.add(catalogue.gettext(STANDARD_CLAUSE))
    return frozenset(texts)


def _other_terms(record: Agreement) -> tuple[str, ...]:
    terms = [common.full_stop(line) for line in record.undertakings.splitlines() if line.strip()]
    clause = record.settlement_clause.strip()
    if clause and clause not in _standard_clauses():
        terms.append(common.full_stop(clause))
    return tuple(terms)


def _confirmation_facts(
    case: Case, agreement: SettlementAgreement, signed_on: dt.date, intake_at: str
) -> str:
    owners = common.listing([owner.name for owner in agreement.owners])
    return _(
        "Applicant {owners} owns the flat at {address}; applicant {company} provides the property services "
        "of {community}. A dispute arose over unpaid property fees. On {intake} the dispute was brought to "
        "{organisation}; after mediation the parties freely reached a settlement agreement, signed on {signed}."
    ).format(
        owners=owners,
        address=agreement.unit.address,
        company=agreement.company.name,
        community=agreement.unit.community,
        intake=common.day(case.intake_date),
        organisation=intake_at,
        signed=common.day(signed_on),
    )


def _terms(agreement: SettlementAgreement) -> tuple[str, ...]:
    """The agreement's terms as the court is asked to confirm them."""
    terms = [concession.text for concession in agreement.concessions]
    items = common.listing(
        [
            _("{label} {amount}").format(label=item.label, amount=common.rmb(item.amount))
            for item in agreement.agreed_items
        ]
    )
    payment = agreement.payment
    if payment.instalments:
        plan = common.listing(
            [
                _("{amount} on or before {date}").format(amount=common.rmb(i.amount), date=common.day(i.due))
                for i in payment.instalments
            ]
        )
        terms.append(
            _("Party A shall pay Party B {items}, {total} in all, in instalments: {plan}.").format(
                items=items, total=common.rmb(agreement.total), plan=plan
            )
        )
    else:
        assert payment.deadline is not None
        terms.append(
            _("Party A shall pay Party B {items}, {total} in all, in one sum on or before {date}.").format(
                items=items, total=common.rmb(agreement.total), date=common.day(payment.deadline)
            )
        )
    terms.append(
        _("Payment is made by {method} to {place}.").format(method=payment.method, place=payment.place)
    )
    terms += agreement.other_terms
    terms.append(
        _(
            "Once this agreement has been performed, the dispute between the parties over the fees for the flat "
            "up to and including {date} is settled in full."
        ).format(date=common.day(agreement.settled_through))
    )
    return tuple(terms)


def _attachments(agreement: SettlementAgreement) -> tuple[str, ...]:
    result = [
        _("The settlement agreement ({number}), one copy").format(number=agreement.number),
        _("Copies of the identity cards of {owners}").format(
            owners=common.listing([owner.name for owner in agreement.owners])
        ),
        _("The business licence of {company} and the certificate of its legal representative").format(
            company=agreement.company.name
        ),
    ]
    if agreement.company.agent is not None:
        result.append(_("The power of attorney and a copy of the agent's identity card"))
    result.append(_("The property service contract and the arrears statement"))
    return tuple(result)
