"""Marking a case's figures out of date after a change that affects money.

A correction of the area, a claim line or a fee standard changes what the owner owes, so the
stored arrears statement and the open (not accepted) proposals no longer show the case as it
stands. :func:`mark_figures_stale` records that, inside the caller's unit of work, as one audit
event (``figures.stale``) naming the statement and the proposals it concerns and why; nothing is
recomputed here. Recomputing on request, and showing the difference, is built apart (issue 14,
item 2); this function is the one place a change calls.
"""

from __future__ import annotations

from sqlalchemy import select

from mediation_app.storage.models import Case, Proposal, Statement
from mediation_app.storage.uow import UnitOfWork


def mark_figures_stale(uow: UnitOfWork, case: Case, reason: str) -> None:
    """Record that ``case``'s stored statement and open proposals are out of date (``reason``:
    what changed, in the user's language). No-op when there is nothing stored to go stale."""
    s = uow.session
    statement_id = s.scalar(
        select(Statement.id)
        .where(Statement.case_id == case.id)
        .order_by(Statement.computed_at.desc(), Statement.id.desc())
        .limit(1)
    )
    proposals = list(
        s.scalars(
            select(Proposal.id)
            .where(Proposal.case_id == case.id, Proposal.accepted.is_(False))
            .order_by(Proposal.id)
        )
    )
    if statement_id is None and not proposals:
        return
    uow.audit(
        "figures.stale",
        "case",
        case.id,
        None,
        {"reason": reason, "statement_id": statement_id, "open_proposal_ids": proposals},
        case_id=case.id,
    )
