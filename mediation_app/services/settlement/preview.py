"""A settlement proposal previewed live, without writing anything.

The settlement screen recomputes a proposal on every keystroke while the mediator adjusts a
discount (for example the fee standard lowered by 0.40 yuan per m²). :func:`preview_base` loads
the case once and runs the calculator on its fee data up to the settlement date, exactly as
:func:`~.proposals.propose` will; :func:`preview` then reconciles that recomputation with the
discounts and bases being typed (pure, no calculator run). Nothing is stored and no write lock is
taken, so the figures shown are the ones :func:`~.proposals.propose` stores when the mediator
saves the proposal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from mediation_app.domain.actor import Actor
from mediation_app.errors import NotFoundError
from mediation_app.fees import Discount
from mediation_app.fees.reconciliation import ClaimedItem, Settlement, reconcile
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.settlement.fee_input import discount_dict
from mediation_app.services.settlement.proposals import DiscountFigure, discount_text
from mediation_app.services.settlement.settle import (
    LineChoices,
    claimed_items,
    late_fee_warning,
    recomputation,
    settlement_date,
)
from mediation_app.services.settlement.statements import Figures
from mediation_app.storage.models import Case
from mediation_app.storage.uow import current_actor


@dataclass(frozen=True)
class PreviewBase:
    """What every preview of one case starts from (built once per screen)."""

    case_id: int
    as_of: dt.date  # the settlement date
    claims: tuple[ClaimedItem, ...]
    recomputation: dict[str, Any]  # the calculator's result, input and whether bills are on file
    statement: Figures | None  # the recomputation's headline figures (None: no fee data)
    warning: str | None = None  # a late fee claimed without recorded terms

    @property
    def claimed_total(self) -> Decimal:
        return sum((claim.amount for claim in self.claims), Decimal("0.00"))


@dataclass(frozen=True)
class ProposalPreview:
    """A proposal's figures as :func:`~.proposals.propose` would store them."""

    figures: Figures | None  # the recomputation's, with the settlement's concession and payable
    discounts: tuple[DiscountFigure, ...]
    concession: Decimal  # claimed total − payable
    concession_share: Decimal | None  # of the claimed total, 0..1, exact (rounded once, when shown)
    settlement: Settlement


def preview_base(session: Session, case_id: int, viewer: Actor, today: dt.date) -> PreviewBase:
    """Load the case's fee data as a proposal would be computed on it now."""
    viewer = current_actor(session, viewer)  # a deactivated or changed account is refused
    authorize(viewer, Permission.VIEW_CASES)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    day = settlement_date(session, case, today)
    found = recomputation(case, day)
    figures = Figures.from_result(found["result"]) if found else None
    return PreviewBase(case.id, day, claimed_items(case), found, figures, late_fee_warning(case))


def preview(
    base: PreviewBase, discounts: Sequence[Discount], choices: LineChoices | None = None
) -> ProposalPreview:
    """The proposal with ``discounts`` (pure: no database, well under a millisecond); a proposal
    that does not reconcile raises the ValidationError :func:`~.proposals.propose` would."""
    chosen = choices or LineChoices()
    settlement = reconcile(
        base.claims,
        as_of=base.as_of,
        discounts=discounts,
        bases=chosen.bases,
        notes=chosen.notes,
        **base.recomputation,
    )
    lines = tuple(
        DiscountFigure(d.kind, discount_text(discount_dict(d)), term.amount)
        for d, term in zip(discounts, settlement.terms, strict=True)
    )
    figures = (
        dataclasses.replace(
            base.statement,
            discount_total=settlement.total.concession,
            payable=settlement.total.payable,
            payable_uppercase=settlement.payable_uppercase,
        )
        if base.statement is not None
        else None
    )
    claimed = settlement.total.claimed
    concession = claimed - settlement.total.payable
    share = concession / claimed if claimed > 0 else None
    return ProposalPreview(figures, lines, concession, share, settlement)
