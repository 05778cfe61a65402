"""Applying terms to a batch (示范调解): one proposal per open case, all in one transaction.

Each case is settled as the preview settles it (:mod:`.preview`) and its proposal stored exactly as
:func:`~mediation_app.services.settlement.proposals.propose` stores one (same figures, same audit
event per proposal); the batch adds one audit event of its own naming the terms, the proposals and
the cases refused with their reasons. Refused cases get nothing; the others go on. Either every
proposal is stored or, if anything fails — a case changed by someone else meanwhile, the
database, ``progress`` raising because the user cancelled — none is.

The owners then accept one by one through the ordinary flow (the agreement recorded on the
proposal, then signed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.errors import ValidationError
from mediation_app.fees import Discount
from mediation_app.fees.reconciliation import Settlement
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.batch.preview import (
    ZERO,
    BatchCase,
    BatchTotals,
    Progress,
    agreed_case_ids,
    check_terms,
    load_batch_cases,
    settle_case,
    totals,
)
from mediation_app.services.settlement.fee_input import discount_dict
from mediation_app.services.settlement.proposals import MAX_NAME, store_proposal
from mediation_app.storage.uow import UnitOfWork


@dataclass(frozen=True)
class StoredProposal:
    case_id: int
    number: str
    owner: str
    proposal_id: int
    payable: Decimal
    settlement: Settlement  # as stored with the proposal


@dataclass(frozen=True)
class RefusedCase:
    case_id: int
    number: str
    owner: str
    reason: str


@dataclass(frozen=True)
class BatchApplied:
    batch_id: int
    name: str
    proposals: tuple[StoredProposal, ...]
    refused: tuple[RefusedCase, ...]
    totals: BatchTotals  # over the proposals stored


def default_name(batch_id: int) -> str:
    """The proposals' name when the mediator gives none (``示范调解（批次3）``)."""
    return _("Model mediation (batch {id})").format(id=batch_id)[:MAX_NAME]


def apply_terms(
    uow: UnitOfWork,
    batch_id: int,
    discounts: Sequence[Discount],
    *,
    name: str = "",
    progress: Progress | None = None,
) -> BatchApplied:
    """Store one proposal with ``discounts`` on every open case of the batch; one transaction,
    audited (see the module docstring). Refused cases are returned with their reasons."""
    authorize(uow.actor, Permission.PROPOSE_SETTLEMENT)
    terms = tuple(discounts)
    today = uow.clock.today()
    if not terms:
        raise ValidationError("discounts", _("choose at least one discount to offer"), _("Discounts"))
    check_terms(terms, today)
    clean_name = name.strip() or default_name(batch_id)
    if len(clean_name) > MAX_NAME:
        raise ValidationError(
            "proposal.name",
            _("give the proposal a name of at most {limit} characters").format(limit=MAX_NAME),
            _("Proposal"),
        )
    session = uow.session
    batch, company, cases = load_batch_cases(session, batch_id)
    agreed = agreed_case_ids(session, [case.id for case in cases])
    stored: list[StoredProposal] = []
    refused: list[RefusedCase] = []
    rows: list[BatchCase] = []
    for done, case in enumerate(cases, start=1):
        row = settle_case(session, case, today, terms, has_agreement=case.id in agreed)
        rows.append(row)
        if row.refusal is not None or row.settlement is None:
            refused.append(RefusedCase(case.id, case.number, row.owner, row.refusal or ""))
        else:
            record = store_proposal(uow, case, clean_name, terms, settlement=row.settlement)
            stored.append(
                StoredProposal(case.id, case.number, row.owner, record.id, record.payable, row.settlement)
            )
        if progress is not None:
            progress(done, len(cases))
    if not stored:
        raise ValidationError(
            "discounts",
            _("the terms cannot be offered to any owner of this batch; nothing was stored"),
            _("Discounts"),
        )
    uow.audit(
        "batch.propose",
        "batch",
        batch.id,
        None,
        {
            "company": company,
            "name": clean_name,
            "discounts": [discount_dict(d) for d in terms],
            "proposals": len(stored),
            "payable": sum((p.payable for p in stored), ZERO),
            "refused": [{"number": r.number, "reason": r.reason} for r in refused],
        },
    )
    sums = totals(rows)
    uow.commit()
    return BatchApplied(batch.id, clean_name, tuple(stored), tuple(refused), sums)


__all__ = ["BatchApplied", "RefusedCase", "StoredProposal", "apply_terms", "default_name"]
