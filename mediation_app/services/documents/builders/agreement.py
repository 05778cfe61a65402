"""调解协议书 and 司法确认申请书 from the case: the stored agreement, the settlement it was reached
on (claim → recomputation → concession → payable, line by line), the instalments, the sessions
that led to it.

The terms are worded here, once (:class:`~mediation_app.documents.agreement.Clause`): the
reconciled figures with the reason for each, each concession, the payment (the items the owner
pays with their periods, the total in figures and in 大写), how and where to pay, the
consequence of a missed instalment, other undertakings, the settlement in full through the
settlement date, when the agreement takes effect, the copies. The application for judicial
confirmation quotes the issued agreement's terms word for word, under the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

from babel.support import NullTranslations, Translations
from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.documents.agreement import (
    Clause,
    ClauseTable,
    Instalment,
    PaymentTerms,
    SettlementAgreement,
)
from mediation_app.documents.confirmation import ConfirmationApplication, ServiceAddress
from mediation_app.domain.enums import CaseSource, Remedy, SessionMode
from mediation_app.domain.party import Party
from mediation_app.fees.reconciliation import Settlement, SettlementLine
from mediation_app.i18n import DOMAIN, LANGUAGES, N_, _
from mediation_app.paths import resources_dir
from mediation_app.services.agreement.settlement import agreement_settlement
from mediation_app.services.agreement.terms import STANDARD_CLAUSE, default_remedy
from mediation_app.services.agreement.wording import suggested_matters, suggested_responsibility
from mediation_app.services.documents.builders import common
from mediation_app.storage.models import Agreement, Case, JudicialConfirmation, MediationSession
from mediation_app.workflow.confirmation import ConfirmationOutcome, confirmation_window, propose_court
from mediation_app.workflow.legal_basis import ConfirmationLaw, confirmation_law

DRAFT_NUMBER_ID = N_("(draft)")


def draft_number() -> str:
    """What a draft agreement shows where its number will be: ``（草稿）``."""
    return _(DRAFT_NUMBER_ID)


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
    settlement = agreement_settlement(session, case, record)
    sessions = held_sessions(session, case.id)
    mediators = _mediators(session, case, sessions)
    if not mediators:
        raise common.lacking(document, _("no mediator has been assigned to this case."))
    instalments = tuple(Instalment(i.seq, i.due_on, i.amount) for i in record.instalments)
    lump_sum = len(instalments) == 1
    latest = sessions[-1] if sessions else None
    payment = PaymentTerms(
        method=record.pay_method,
        place=record.pay_place,
        deadline=instalments[0].due if lump_sum else None,
        instalments=() if lump_sum else instalments,
    )
    copies = len(case.co_owners) + 3  # each owner, the company, and the organisation
    organisation = common.organisation(case.organization)
    return SettlementAgreement(
        number=number or draft_number(),
        case_number=case.number,
        organisation=organisation,
        owners=common.owners(case),
        company=common.company(case),
        unit=common.unit(case),
        facts=_facts(session, case, sessions),
        claim=_claim_sentence(settlement),
        matters_in_dispute=_lines(record.matters) or suggested_matters(case),
        responsibility=record.responsibility.strip() or suggested_responsibility(case, settlement),
        settlement=settlement,
        clauses=agreement_clauses(
            settlement,
            payment,
            _other_terms(record),
            copies,
            len(case.co_owners) + 2,
            organisation.name,
            remedy=record.remedy or default_remedy(not lump_sum),
            law=confirmation_law(case.track, record.signed_on or record.reached_on),
        ),
        payment=payment,
        copies=copies,
        mediators=mediators,
        recorder=common.recorder(session, case, latest),
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
                ).format(date=formatting.date(window.deadline), signed=formatting.date(record.signed_on)),
            )
        court = propose_court(
            case.assigning_court, case.organization.court_name, on=today, track=case.track
        ).court
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
        terms=issued.clauses,
        settlement=issued.settlement,
        instalments=issued.payment.instalments,
        attachments=_attachments(issued),
        date=applied_on,
        parties_named=_parties_named(issued),
        law=confirmation_law(case.track, applied_on).citation(),
        service_addresses=_service_addresses(case, issued),
    )


def _parties_named(issued: SettlementAgreement) -> str:
    """The application quotes the agreement's terms as written, so it says who 甲方 and 乙方 are."""
    return _("In the terms quoted, Party A is applicant {owners} and Party B is applicant {company}.").format(
        owners=common.listing([owner.name for owner in issued.owners]), company=issued.company.name
    )


def _service_addresses(case: Case, issued: SettlementAgreement) -> tuple[ServiceAddress, ...]:
    """Each applicant's address for the court's documents, and whether they accept them by SMS."""
    people = (case.owner, *sorted(case.co_owners, key=lambda owner: owner.id))
    addresses = [
        ServiceAddress(
            owner.name, owner.address or issued.unit.address, owner.phone, person.electronic_notice
        )
        for owner, person in zip(issued.owners, people, strict=True)
    ]
    company = case.company
    phone = company.agent_phone or company.phone
    addresses.append(
        ServiceAddress(issued.company.name, issued.company.domicile, phone, company.electronic_notice)
    )
    return tuple(addresses)


# --- the figures ----------------------------------------------------------------------------------


def _remedy_clause(remedy: Remedy, settlement: Settlement) -> str:
    """What follows if Party A does not pay as agreed."""
    if remedy is Remedy.ACCELERATION:
        return _(
            "If Party A fails to pay any instalment in full when due, Party B may demand the whole "
            "unpaid balance at once."
        )
    total = settlement.total
    if not total.adjustment:
        return _(
            "If Party A does not pay in full and on time as this agreement provides, the concessions Party B "
            "makes in it no longer apply, and Party B may claim by law the whole of its original claim of "
            "{claimed}, less what Party A has paid."
        ).format(claimed=formatting.rmb(total.claimed))
    # What checking took off the claim did not stand: it does not come back with the concessions.
    return _(
        "If Party A does not pay in full and on time as this agreement provides, the concessions Party B "
        "makes in it no longer apply, and Party B may claim by law the amount found on checking, "
        "{checked} (its claim of {claimed} less the {taken_off} that was not borne out), less what "
        "Party A has paid."
    ).format(
        checked=formatting.rmb(total.claimed - total.adjustment),
        claimed=formatting.money(total.claimed),
        taken_off=formatting.money(total.adjustment),
    )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _item_label(line: SettlementLine) -> str:
    """``2017年8月1日至2021年3月9日的物业服务费`` (the period as claimed)."""
    if line.start is not None and line.end is not None:
        return common.over(line.label, formatting.date(line.start), formatting.date(line.end))
    if line.end is not None:
        return _("{label} up to {date}").format(label=line.label, date=formatting.date(line.end))
    return line.label


def _claim_sentence(settlement: Settlement) -> str:
    items = common.listing(
        [
            _("{label} {amount}").format(label=_item_label(line), amount=formatting.yuan(line.claimed))
            for line in settlement.lines
        ]
    )
    return _("Party B claimed that Party A pay {items}; in total {total}.").format(
        items=items, total=formatting.rmb(settlement.total.claimed)
    )


def _payable_items(settlement: Settlement) -> str:
    return common.listing(
        [
            _("{label} {amount}").format(label=_item_label(line), amount=formatting.yuan(line.payable))
            for line in settlement.lines
            if line.payable
        ]
    )


def agreement_clauses(
    settlement: Settlement,
    payment: PaymentTerms,
    other_terms: Sequence[str],
    copies: int,
    parties: int,
    organisation: str,
    *,
    remedy: Remedy,
    law: ConfirmationLaw,
) -> tuple[Clause, ...]:
    clauses = [
        Clause(
            _(
                "Having checked the company's claim against the fee records, the parties confirm the amounts "
                "for each item, settled up to {date}, as follows:"
            ).format(date=formatting.date(settlement.as_of)),
            ClauseTable.SETTLEMENT,
            settlement.notes(),
        )
    ]
    clauses += [Clause(term.text) for term in settlement.terms]
    total = formatting.rmb(settlement.total.payable)
    items = _payable_items(settlement)
    if payment.instalments:
        clauses.append(
            Clause(
                _(
                    "Party A shall pay Party B {items}; in total {total}, in {count} instalments as follows:"
                ).format(items=items, total=total, count=common.count_words(len(payment.instalments))),
                ClauseTable.INSTALMENTS,
            )
        )
    else:
        assert payment.deadline is not None
        clauses.append(
            Clause(
                _(
                    "Party A shall pay Party B, in one sum on or before {date}, {items}; in total {total}."
                ).format(date=formatting.date(payment.deadline), items=items, total=total)
            )
        )
    how = _("Party A shall pay by {method} to {place}").format(method=payment.method, place=payment.place)
    if payment.account:
        how += _(" (account: {account})").format(account=payment.account)
    how += _("; Party B shall give Party A a receipt for each payment.")
    clauses.append(Clause(how))
    clauses.append(Clause(_remedy_clause(remedy, settlement)))
    clauses += [Clause(term) for term in other_terms]
    clauses.append(
        Clause(
            _(
                "Once this agreement has been performed, the dispute between the parties over the property "
                "service fees, shared utilities, late fees and every other charge for the flat up to and "
                "including {date} is settled in full, and neither party will make any further claim "
                "against the other for it."
            ).format(date=formatting.date(settlement.as_of))
        )
    )
    clauses.append(
        Clause(
            _(
                "This agreement takes effect when the parties have signed it, sealed it or put their "
                "fingerprints on it, and the mediator has signed it and the mediation organisation has "
                "sealed it. Within 30 days of its taking effect the parties may jointly apply to the "
                "people's court for judicial confirmation of it ({law})."
            ).format(law=law.citation())
        )
    )
    kept = copies - parties
    clauses.append(
        Clause(
            _(
                "This agreement is made in {copies} copies: each party holds one and {organisation} keeps "
                "{kept}; all have the same legal effect."
            ).format(
                copies=common.count_words(copies), organisation=organisation, kept=common.count_words(kept)
            )
        )
    )
    return tuple(clauses)


# --- the words around them ------------------------------------------------------------------------


def _facts(session: Session, case: Case, sessions: Sequence[MediationSession]) -> tuple[str, ...]:
    paragraphs = []
    if case.claim_summary.strip():
        paragraphs.append(common.full_stop(case.claim_summary))
    organisation = common.intake_organisation(session, case).name
    if case.source is CaseSource.COURT_ASSIGNMENT and case.assigning_court:
        start = _("On {date} {court} assigned the dispute to {organisation} for mediation.").format(
            date=formatting.date(case.intake_date), court=case.assigning_court, organisation=organisation
        )
    else:
        start = _("On {date} Party B applied to {organisation} for mediation of the dispute.").format(
            date=formatting.date(case.intake_date), organisation=organisation
        )
    owner_day = common.consent_day(session, case.id, Party.OWNER)
    company_day = common.consent_day(session, case.id, Party.COMPANY)
    if owner_day is not None and company_day is not None:
        start = _("{sentence} {next}").format(
            sentence=start,
            next=(
                _("Both parties agreed to pre-litigation mediation.")
                if case.source is CaseSource.COURT_ASSIGNMENT
                else _("Both parties agreed to mediation.")
            ),
        )
    paragraphs.append(start)
    # The sessions and the transfers to another organisation, in the order they happened: an
    # agreement sealed by another body than the one applied to says how the case got there.
    steps = [
        (
            record.starts_at,
            _("On {date} the mediator held a mediation session ({mode}): {what}").format(
                date=formatting.date(common.china_day(record.starts_at)),
                mode=record.mode.label,
                what=common.sentences([record.notes, record.outcome]),
            ),
        )
        for record in sessions
    ]
    steps += [
        (
            at,
            _("On {date} the dispute was transferred to {organisation} for mediation.").format(
                date=formatting.date(common.china_day(at)), organisation=name
            ),
        )
        for at, name in _transfers(session, case)
    ]
    paragraphs += [text for _at, text in sorted(steps, key=lambda step: step[0])]
    return tuple(paragraphs)


def _transfers(session: Session, case: Case) -> list[tuple[dt.datetime, str]]:
    """When the case moved to another organisation, and the organisation's name."""
    return [
        (move.at, move.after.name)
        for move in common.assignments(session, case)
        if move.before is not None and move.after is not None and move.before.id != move.after.id
    ]


def _mediators(session: Session, case: Case, sessions: Sequence[MediationSession]) -> tuple[str, ...]:
    if case.mediator is not None:
        return (case.mediator.name,)
    for record in reversed(sessions):
        name = common.staff_name(session, record.mediator_id)
        if name:
            return (name,)
    return ()


def _place(case: Case, latest: MediationSession | None) -> str:
    """Where the paper is signed: the organisation, and the room of an in-person session. A session
    held by video or in a WeChat group is not where anyone signs and fingerprints the agreement.
    A room written with the organisation's name already ("荔城区物业纠纷调处中心调解室") is taken as
    written, so the name is not printed twice."""
    name = case.organization.name
    if latest is None or latest.mode is not SessionMode.IN_PERSON or not latest.place:
        return name
    if name in latest.place:
        return latest.place
    return _("{organisation}, {place}").format(organisation=name, place=latest.place)


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
        intake=formatting.date(case.intake_date),
        organisation=intake_at,
        signed=formatting.date(signed_on),
    )


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
