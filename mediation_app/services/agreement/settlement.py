"""The settlement a case agreed on: the one its agreement was reached on (stored with it), else
the accepted proposal's.

Every document of the case prints these figures (the agreement, the application for judicial
confirmation, the statement), and ``case show --json`` gives exactly this object as
``"settlement"`` (:meth:`~mediation_app.fees.reconciliation.Settlement.to_dict`), so a program
reading the case sees what the judge reads on the page.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.errors import NotFoundError
from mediation_app.fees.reconciliation import Settlement
from mediation_app.i18n import _
from mediation_app.services.settlement.proposals import proposal_settlement
from mediation_app.services.settlement.settle import load_settlement, settle_on_total
from mediation_app.storage.models import Agreement, Case, Proposal


def agreement_settlement(session: Session, case: Case, record: Agreement) -> Settlement:
    """The settlement the agreement was reached on (kept with it); for one reached before
    settlements were kept, reconciled now from its proposal or its total."""
    if record.settlement_json:
        return load_settlement(record.settlement_json)
    if record.proposal_id is not None:
        proposal = session.get(Proposal, record.proposal_id)
        if proposal is not None:
            return proposal_settlement(proposal, case)
    return settle_on_total(session, case, record.reached_on, record.total)


def agreed_settlement(session: Session, case_id: int) -> Settlement | None:
    """The agreement's settlement, else the accepted proposal's; None when the case has neither."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    record = session.scalar(select(Agreement).where(Agreement.case_id == case.id))
    if record is not None:
        return agreement_settlement(session, case, record)
    accepted = session.scalar(
        select(Proposal)
        .where(Proposal.case_id == case.id, Proposal.accepted.is_(True))
        .order_by(Proposal.id.desc())
        .limit(1)
    )
    return proposal_settlement(accepted, case) if accepted is not None else None
