"""Settlement scenarios: what the company claimed, what the calculator recomputes, and what each
proposal (a set of discounts) would leave the owner to pay — side by side.

A proposal is computed on the same input as the case's latest statement (same calculation date)
plus its discounts, and stored with its input and result, so the agreement can take its figures
unchanged. :func:`compare_scenarios` gives the settlement screen and the agreement every column:
claimed, recomputed, and each proposal with its discounts, what it concedes against the claim,
and whether it was accepted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.domain.enums import ChargeKind, OwnerPosition
from mediation_app.errors import NotFoundError, ValidationError, WorkflowError
from mediation_app.fees import (
    Discount,
    DiscountKind,
    FixedDiscount,
    LateFeeWaiver,
    Month,
    RateReduction,
    calculate,
    parse_input,
    result_to_dict,
)
from mediation_app.fees.reconciliation import Settlement, reconcile
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import load_case
from mediation_app.services.settlement.fee_input import calc_input, discount_dict, live_bills
from mediation_app.services.settlement.settle import (
    LineChoices,
    claimed_items,
    dump_settlement,
    load_settlement,
    settle,
)
from mediation_app.services.settlement.statements import Figures, StatementRow, dumps, latest_statement
from mediation_app.storage.models import Case, ClaimItem, Proposal
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.transitions import is_open

ZERO = Decimal("0.00")
MAX_NAME = 60


@dataclass(frozen=True)
class DiscountFigure:
    kind: DiscountKind
    description: str
    amount: Decimal


@dataclass(frozen=True)
class ClaimedLine:
    id: int
    kind: ChargeKind
    description: str
    period_from: dt.date | None
    period_to: dt.date | None
    amount: Decimal
    owner_position: OwnerPosition
    position_reason: str


@dataclass(frozen=True)
class Claimed:
    """The company's claim as it stated it, line by line and by kind."""

    lines: tuple[ClaimedLine, ...]
    service_fee: Decimal
    utilities: Decimal
    late_fee: Decimal
    other: Decimal
    total: Decimal


@dataclass(frozen=True)
class ProposalColumn:
    id: int
    name: str
    created_at: dt.datetime
    figures: Figures
    discounts: tuple[DiscountFigure, ...]
    accepted: bool
    concession: Decimal  # claimed total − payable: what the owner is spared against the claim
    concession_share: Decimal | None  # of the claimed total, 0..1, exact (rounded once, when shown)
    settlement: Settlement  # line by line: claim → recomputation → concession → payable


@dataclass(frozen=True)
class Scenarios:
    case_id: int
    number: str
    claimed: Claimed
    recomputed: StatementRow | None
    proposals: tuple[ProposalColumn, ...]

    @property
    def accepted(self) -> ProposalColumn | None:
        return next((p for p in self.proposals if p.accepted), None)


def propose(
    uow: UnitOfWork,
    case_id: int,
    name: str,
    discounts: Sequence[Discount],
    *,
    choices: LineChoices | None = None,
    expected_version: int | None = None,
) -> ProposalColumn:
    """Compute and store a settlement proposal: each claim line settled on its base (the lower of
    the claimed and the recomputed figure unless ``choices`` says otherwise), less ``discounts``,
    up to the settlement date (:func:`~mediation_app.services.settlement.settle.settlement_date`).
    A proposal that does not reconcile (a base that does not exist, concessions beyond a line) is
    refused naming the field; nothing is stored."""
    authorize(uow.actor, Permission.PROPOSE_SETTLEMENT)
    case = load_case(uow, case_id, expected_version)
    record = store_proposal(uow, case, name, discounts, choices)
    uow.commit()
    return _column(record, case)


def store_proposal(
    uow: UnitOfWork,
    case: Case,
    name: str,
    discounts: Sequence[Discount],
    choices: LineChoices | None = None,
    *,
    settlement: Settlement | None = None,
) -> Proposal:
    """Everything :func:`propose` does once the case is loaded, except the commit, so a batch of
    cases can be given the same terms in one transaction (:mod:`mediation_app.services.batch`).
    ``settlement``: the one already reconciled for these discounts today (else reconciled here)."""
    if not is_open(case.status):
        raise WorkflowError(
            _("Proposals are made before the agreement is signed; this case is past that point.")
        )
    clean_name = name.strip()
    if not clean_name or len(clean_name) > MAX_NAME:
        raise ValidationError(
            "proposal.name",
            _("give the proposal a name of at most {limit} characters").format(limit=MAX_NAME),
            _("Proposal"),
        )
    chosen = choices or LineChoices()
    if settlement is None:
        settlement = settle(uow.session, case, uow.clock.today(), discounts, chosen)
    data, inp = calc_input(case, settlement.as_of)
    result = calculate(inp)
    record = Proposal(
        case_id=case.id,
        name=clean_name,
        created_at=uow.clock.now(),
        created_by=uow.actor.staff_id,
        discounts_json=dumps([discount_dict(d) for d in discounts]),
        input_json=dumps(data),
        result_json=dumps(result_to_dict(result)),
        principal=result.principal_outstanding,
        late_fee=result.late_fee.total,
        discount_total=settlement.total.concession,
        payable=settlement.total.payable,
        accepted=False,
        choices_json=chosen.dumps(),
        settlement_json=dump_settlement(settlement),
    )
    uow.session.add(record)
    case.updated_at = uow.clock.now()
    uow.flush()
    uow.audit(
        "proposal.create",
        "proposal",
        record.id,
        None,
        {
            "name": clean_name,
            "discounts": [discount_dict(d) for d in discounts],
            "bases": {key: base.value for key, base in chosen.bases.items()},
            "notes": dict(chosen.notes),
            "payable": settlement.total.payable,
        },
        case_id=case.id,
    )
    return record


def compare_scenarios(session: Session, case_id: int) -> Scenarios:
    """Claimed vs recomputed vs every proposal, for the settlement screen and the agreement."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    claimed = _claimed(case.claim_items)
    proposals = session.scalars(select(Proposal).where(Proposal.case_id == case.id).order_by(Proposal.id))
    return Scenarios(
        case.id,
        case.number,
        claimed,
        latest_statement(session, case.id),
        tuple(_column(p, case) for p in proposals),
    )


def claimed_total(case: Case) -> Decimal:
    return sum((item.amount for item in case.claim_items), ZERO)


def discount_text(discount: dict[str, str]) -> str:
    """A stored discount in words (``物业服务费标准每平方米每月下调0.40元``)."""
    kind = DiscountKind(discount["type"])
    if kind is DiscountKind.RATE_REDUCTION:
        text = _("Service fee standard lowered by {amount} yuan per m² per month").format(
            amount=formatting.rate_figure(Decimal(discount["per_m2"]))
        )
        if "from" in discount or "to" in discount:
            text += " " + _("({start} to {end})").format(
                start=_month(discount.get("from")), end=_month(discount.get("to"))
            )
        return text
    if kind is DiscountKind.LATE_FEE_WAIVER:
        return _("{share} of the late fee waived").format(
            share=formatting.exact_percent(Decimal(discount["ratio"]))
        )
    return _("Fixed reduction of {amount} yuan").format(amount=formatting.amount(Decimal(discount["amount"])))


def _month(stored: str | None) -> str:
    """One end of a reduction's months (stored ``2017-08``) in words; "…" when open."""
    return formatting.month(Month.parse(stored)) if stored else "…"


def _claimed(items: Sequence[ClaimItem]) -> Claimed:
    by_kind: dict[ChargeKind, Decimal] = {}
    for item in items:
        by_kind[item.kind] = by_kind.get(item.kind, ZERO) + item.amount
    lines = tuple(
        ClaimedLine(
            item.id,
            item.kind,
            item.description,
            item.period_from,
            item.period_to,
            item.amount,
            item.owner_position,
            item.position_reason,
        )
        for item in items
    )
    return Claimed(
        lines,
        by_kind.get(ChargeKind.SERVICE_FEE, ZERO),
        by_kind.get(ChargeKind.UTILITIES, ZERO),
        by_kind.get(ChargeKind.LATE_FEE, ZERO),
        by_kind.get(ChargeKind.OTHER, ZERO),
        sum(by_kind.values(), ZERO),
    )


def proposal_settlement(record: Proposal, case: Case) -> Settlement:
    """The settlement a stored proposal reconciled to (one stored before settlements were kept is
    reconciled now from its stored recomputation and discounts)."""
    if record.settlement_json:
        return load_settlement(record.settlement_json)
    inp = parse_input(json.loads(record.input_json))
    discounts = inp.discounts
    plain = replace(inp, discounts=())
    stored = LineChoices.loads(record.choices_json)
    return reconcile(
        claimed_items(case),
        as_of=inp.as_of,
        result=calculate(plain),
        inp=plain,
        discounts=discounts,
        bases=stored.bases,
        notes=stored.notes,
        bills_on_file=bool(live_bills(case.unit)),
    )


def _column(record: Proposal, case: Case) -> ProposalColumn:
    result = json.loads(record.result_json)
    specs = json.loads(record.discounts_json)
    settlement = proposal_settlement(record, case)
    discounts = tuple(
        DiscountFigure(DiscountKind(spec["type"]), discount_text(spec), term.amount)
        for spec, term in zip(specs, settlement.terms, strict=True)
    )
    claimed = settlement.total.claimed
    concession = claimed - settlement.total.payable
    share = concession / claimed if claimed > 0 else None
    figures = replace(
        Figures.from_json(result),
        discount_total=settlement.total.concession,
        payable=settlement.total.payable,
        payable_uppercase=settlement.payable_uppercase,
    )
    return ProposalColumn(
        record.id,
        record.name,
        record.created_at,
        figures,
        discounts,
        record.accepted,
        concession,
        share,
        settlement,
    )


__all__ = [
    "Claimed",
    "ClaimedLine",
    "DiscountFigure",
    "FixedDiscount",
    "LateFeeWaiver",
    "ProposalColumn",
    "RateReduction",
    "Scenarios",
    "compare_scenarios",
    "discount_text",
    "propose",
    "store_proposal",
]
