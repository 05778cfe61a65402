"""A settlement proposal previewed live, without writing anything.

The settlement screen recomputes a proposal on every keystroke while the mediator adjusts a
discount (for example the fee standard lowered by 0.40 yuan per m²). :func:`preview_base` loads
the case once and builds the calculator's input exactly as :func:`~.settlement.propose` will (same
calculation date: the latest statement's, else today); :func:`preview` then runs the pure
calculator on that input with the discounts being typed. Nothing is stored and no write lock is
taken, so the figures shown are the ones :func:`~.settlement.propose` stores when the mediator
saves the proposal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from mediation_app.domain.actor import Actor
from mediation_app.errors import NotFoundError
from mediation_app.fees import CalcInput, Discount, calculate
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.settlement.fee_input import calc_input, discount_dict
from mediation_app.services.settlement.proposals import DiscountFigure, claimed_total, discount_text
from mediation_app.services.settlement.statements import Figures, latest_statement
from mediation_app.storage.models import Case


@dataclass(frozen=True)
class PreviewBase:
    """What every preview of one case starts from (built once per screen)."""

    case_id: int
    as_of: dt.date
    claimed_total: Decimal
    calc_input: CalcInput


@dataclass(frozen=True)
class ProposalPreview:
    """A proposal's figures as :func:`~.settlement.propose` would store them."""

    figures: Figures
    discounts: tuple[DiscountFigure, ...]
    concession: Decimal  # claimed total − payable
    concession_share: (
        Decimal | None
    )  # of the claimed total, 0..1, exact: the formatter rounds it once, half-up, when shown; None: no claim


def preview_base(session: Session, case_id: int, viewer: Actor, today: dt.date) -> PreviewBase:
    """Load the case's fee data as a proposal would be computed on it now."""
    authorize(viewer, Permission.VIEW_CASES)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    statement = latest_statement(session, case.id)
    day = statement.as_of if statement is not None else today
    _data, inp = calc_input(case, day)
    return PreviewBase(case.id, day, claimed_total(case), inp)


def preview(base: PreviewBase, discounts: Sequence[Discount]) -> ProposalPreview:
    """The proposal with ``discounts`` (pure: no database, about a millisecond)."""
    result = calculate(dataclasses.replace(base.calc_input, discounts=tuple(discounts)))
    figures = Figures.from_result(result)
    lines = tuple(
        DiscountFigure(d.kind, discount_text(discount_dict(d)), line.amount)
        for d, line in zip(discounts, result.discounts, strict=True)
    )
    concession = base.claimed_total - figures.payable
    share = concession / base.claimed_total if base.claimed_total > 0 else None
    return ProposalPreview(figures, lines, concession, share)
