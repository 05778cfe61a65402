"""A batch's owners side by side: each one's claim, its recomputation, and what given terms leave
each to pay — with totals, and the owners the terms cannot be offered to, each with the reason.

The terms are the same discounts as a proposal's (:mod:`mediation_app.fees.inputs`: the fee
standard lowered by so much per m², a share of the late fee waived, a fixed reduction). Each case
is settled exactly as :func:`~mediation_app.services.settlement.proposals.propose` would settle it
today (the same settlement date, the lower figure of each claim line, the discounts line by line),
so what the preview shows is what :func:`~mediation_app.services.batch.apply.apply_terms` stores.

A case is *refused* — shown with its reason, left out of the totals, given no proposal — when it
is past mediation (signed, closed …), already has an agreement, or when the terms do not
reconcile on it (discounts beyond its debt, a late-fee waiver where no late fee is claimed …). The
other cases go on. Terms that are wrong in themselves (a share above 100 %, a negative figure) are
refused once, naming the field, before any case is looked at.

Nothing is written. ``progress(done, total)`` is told after each case; if it raises (the screen's
Cancel), the preview stops there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, label
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.fees import CalcInput, Discount
from mediation_app.fees.reconciliation import Settlement
from mediation_app.fees.validation import validate
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.settlement.settle import settle
from mediation_app.storage.models import Agreement, Batch, Case, Company, Unit
from mediation_app.workflow.transitions import is_open

ZERO = Decimal("0.00")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BatchCase:
    """One owner of the batch: the claim, the recomputation and, under the terms, what is conceded
    and what is left to pay (``settlement``: line by line). ``refusal`` says why the terms cannot be
    offered to this owner (then ``settlement`` is the plain one, without the terms, when there is
    one, so the claim and its recomputation still show)."""

    case_id: int
    number: str
    owner: str
    unit: str
    status: CaseStatus
    claimed: Decimal
    recomputed: Decimal | None  # None: nothing could be recomputed
    concession: Decimal
    payable: Decimal | None  # None for a refused case
    settlement: Settlement | None
    refusal: str | None = None

    @property
    def refused(self) -> bool:
        return self.refusal is not None


@dataclass(frozen=True)
class BatchTotals:
    """The sums over the cases the terms are offered to (refused cases are not counted)."""

    cases: int
    claimed: Decimal
    recomputed: Decimal
    concession: Decimal
    payable: Decimal


@dataclass(frozen=True)
class BatchPreview:
    batch_id: int
    company: str
    as_of: dt.date  # the day the preview was made (each case settles through its own claim's end)
    discounts: tuple[Discount, ...]
    cases: tuple[BatchCase, ...]
    totals: BatchTotals

    @property
    def offered(self) -> tuple[BatchCase, ...]:
        """The cases that would each get a proposal."""
        return tuple(case for case in self.cases if not case.refused)

    @property
    def refused(self) -> tuple[BatchCase, ...]:
        return tuple(case for case in self.cases if case.refused)


def check_terms(discounts: Sequence[Discount], today: dt.date) -> None:
    """Refuse terms that are wrong in themselves (the calculator's own rules), naming the field."""
    validate(CalcInput(area=Decimal(1), as_of=today, discounts=tuple(discounts)))


def load_batch_cases(session: Session, batch_id: int) -> tuple[Batch, str, list[Case]]:
    """The batch, its company's name, and its cases in number order with everything a settlement
    reads loaded in a handful of queries (claim lines, unit, rates, bills, payments, owner)."""
    batch = session.get(Batch, batch_id)
    if batch is None:
        raise NotFoundError(_("Batch {id} does not exist.").format(id=batch_id))
    company = session.scalar(select(Company.name).where(Company.id == batch.company_id)) or ""
    cases = list(
        session.scalars(
            select(Case)
            .where(Case.batch_id == batch_id)
            .order_by(Case.year, Case.seq, Case.id)
            .options(
                selectinload(Case.claim_items),
                selectinload(Case.owner),
                selectinload(Case.unit).selectinload(Unit.rates),
                selectinload(Case.unit).selectinload(Unit.utility_bills),
                selectinload(Case.unit).selectinload(Unit.payments),
                selectinload(Case.unit).selectinload(Unit.community),
            )
        )
    )
    return batch, company, cases


def refusal(case: Case, *, has_agreement: bool) -> str | None:
    """Why a proposal cannot be made on ``case`` at all (its status), or None."""
    status = CaseStatus(case.status)
    if not is_open(status):
        return _("The case is {status}: proposals are made before the agreement is signed.").format(
            status=label(status)
        )
    if has_agreement or status is CaseStatus.AGREEMENT_REACHED:
        return _("The owner has reached an agreement already.")
    return None


def settle_case(
    session: Session, case: Case, today: dt.date, discounts: Sequence[Discount], *, has_agreement: bool
) -> BatchCase:
    """One owner under the terms: settled, or refused with the reason."""
    reason = refusal(case, has_agreement=has_agreement)
    settlement: Settlement | None = None
    if reason is None:
        try:
            settlement = settle(session, case, today, discounts)
        except ValidationError as error:
            reason = error.problem
    if reason is not None:
        plain = _plain(session, case, today)
        return _row(case, plain, reason)
    assert settlement is not None
    return _row(case, settlement, None)


def _plain(session: Session, case: Case, today: dt.date) -> Settlement | None:
    try:
        return settle(session, case, today)
    except ValidationError:  # no claim lines at all, say: the claimed total still shows
        return None


def _row(case: Case, settlement: Settlement | None, reason: str | None) -> BatchCase:
    unit = case.unit
    place = f"{unit.community.name}{unit.building}{unit.room}"
    if settlement is None:
        claimed = sum((item.amount for item in case.claim_items), ZERO)
        return BatchCase(
            case.id,
            case.number,
            case.owner.name,
            place,
            CaseStatus(case.status),
            claimed,
            None,
            ZERO,
            None,
            None,
            reason,
        )
    total = settlement.total
    recomputed = total.recomputed if any(line.recomputed is not None for line in settlement.lines) else None
    return BatchCase(
        case.id,
        case.number,
        case.owner.name,
        place,
        CaseStatus(case.status),
        total.claimed,
        recomputed,
        ZERO if reason is not None else total.concession,
        None if reason is not None else total.payable,
        settlement,
        reason,
    )


def agreed_case_ids(session: Session, case_ids: Sequence[int]) -> set[int]:
    if not case_ids:
        return set()
    return set(session.scalars(select(Agreement.case_id).where(Agreement.case_id.in_(case_ids))))


def totals(cases: Sequence[BatchCase]) -> BatchTotals:
    offered = [case for case in cases if not case.refused and case.settlement is not None]
    return BatchTotals(
        len(offered),
        sum((case.claimed for case in offered), ZERO),
        sum((case.settlement.total.recomputed for case in offered if case.settlement is not None), ZERO),
        sum((case.concession for case in offered), ZERO),
        sum((case.payable or ZERO for case in offered), ZERO),
    )


def preview_batch(
    session: Session,
    batch_id: int,
    viewer: Actor,
    today: dt.date,
    discounts: Sequence[Discount] = (),
    *,
    progress: Progress | None = None,
) -> BatchPreview:
    """Every owner of batch ``batch_id`` under ``discounts`` (none: the claim and its recomputation
    alone), with the totals; see the module docstring. Writes nothing."""
    authorize(viewer, Permission.VIEW_CASES)
    terms = tuple(discounts)
    check_terms(terms, today)
    batch, company, cases = load_batch_cases(session, batch_id)
    agreed = agreed_case_ids(session, [case.id for case in cases])
    rows: list[BatchCase] = []
    for done, case in enumerate(cases, start=1):
        rows.append(settle_case(session, case, today, terms, has_agreement=case.id in agreed))
        if progress is not None:
            progress(done, len(cases))
    return BatchPreview(batch.id, company, today, terms, tuple(rows), totals(rows))


__all__ = [
    "BatchCase",
    "BatchPreview",
    "BatchTotals",
    "check_terms",
    "preview_batch",
]
