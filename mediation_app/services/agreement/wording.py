"""Suggested wording for what 人民调解法 art. 29 asks an agreement to state and the mediator words:
the matters in dispute and each party's responsibility.

The matters come from the claim lines the owner actually disputed, with the owner's reasons (the
answers recorded on the evidence page), so they cannot contradict the facts: a claim nobody
disputed is not called disputed. The responsibility is a starting point made from the same facts —
the owner's arrears, what checking the claim took off, what the owner raised — for the mediator to
edit in the agreement's dialog; the agreement prints what the mediator keeps.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.domain.enums import OwnerPosition
from mediation_app.errors import NotFoundError
from mediation_app.fees.reconciliation import Settlement
from mediation_app.i18n import _
from mediation_app.storage.models import Case, ClaimItem


def _name(item: ClaimItem) -> str:
    return item.description or item.kind.label


def suggested_matters(case: Case) -> tuple[str, ...]:
    """One matter per disputed claim line, with the owner's reason; a general one when the owner
    disputed no line (the parties then differed over paying, not over the figures)."""
    matters: list[str] = []
    for item in sorted(case.claim_items, key=lambda claim: claim.id):
        if item.owner_position is not OwnerPosition.DISPUTED:
            continue
        reason = item.position_reason.strip()
        matters.append(
            _("whether Party A owes the {label} claimed (Party A disputes it: {reason})").format(
                label=_name(item), reason=reason
            )
            if reason
            else _("whether Party A owes the {label} claimed").format(label=_name(item))
        )
    if not matters:
        matters.append(_("how much Party A pays of the fees Party B claims, and by when"))
    return tuple(matters)


def suggested_responsibility(case: Case, settlement: Settlement | None) -> str:
    """A first wording of each party's responsibility, made from the case's facts."""
    starts = [item.period_from for item in case.claim_items if item.period_from is not None]
    sentences = [
        (
            _(
                "Party A, as owner of the flat, has not paid the property fees since {date} as the property "
                "service contract requires, and is responsible for paying what is owed."
            ).format(date=formatting.date(min(starts)))
            if starts
            else _(
                "Party A, as owner of the flat, has not paid the property fees as the property service "
                "contract requires, and is responsible for paying what is owed."
            )
        )
    ]
    taken_off = settlement.total.adjustment if settlement is not None else Decimal(0)
    if taken_off > 0:
        sentences.append(
            _(
                "Part of Party B's claim ({amount}) was not borne out when checked against the fee records "
                "and recomputed under the contract's terms; Party B is responsible for claiming only what "
                "the records and the contract support."
            ).format(amount=formatting.money(taken_off))
        )
    disputed = [_name(item) for item in case.claim_items if item.owner_position is OwnerPosition.DISPUTED]
    if disputed:
        sentences.append(
            _(
                "Party B shall explain to Party A how the {items} were charged and remedy the shortcomings "
                "in its service that Party A raised."
            ).format(items=formatting.all_of(disputed))
        )
    text = sentences[0]
    for sentence in sentences[1:]:
        text = _("{sentence} {next}").format(sentence=text, next=sentence)
    return text


def suggested_wording(session: Session, case_id: int, settlement: Settlement | None) -> tuple[str, str]:
    """The matters (one per line) and the responsibility, as the agreement's dialog offers them."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    return "\n".join(suggested_matters(case)), suggested_responsibility(case, settlement)


__all__ = ["suggested_matters", "suggested_responsibility", "suggested_wording"]
