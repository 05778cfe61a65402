"""How concluded cases ended, read from the database: the facts
:func:`mediation_app.workflow.outcomes.ending` needs (the concluded status, the status a hand-over
to litigation left, whether a court confirmed the agreement), for one case or, as SQL columns,
for the statistics of many.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ScalarSelect, select
from sqlalchemy.orm import Session

from mediation_app.storage.models import Case, CaseEvent, JudicialConfirmation
from mediation_app.workflow.actions import Action
from mediation_app.workflow.confirmation import ConfirmationOutcome
from mediation_app.workflow.outcomes import Ending, ending
from mediation_app.workflow.transitions import is_concluded


def handed_over_from() -> ScalarSelect[Any]:
    """A column: the status the case's hand-over to litigation left (NULL when there was none).
    A case handed over is closed for good, so it has one such step."""
    return (
        select(CaseEvent.from_value)
        .where(CaseEvent.case_id == Case.id, CaseEvent.kind == Action.FAIL_TO_LITIGATION.value)
        .order_by(CaseEvent.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def case_ending(session: Session, case: Case) -> Ending | None:
    """How ``case`` ended; None while it has not concluded."""
    if not is_concluded(case.status):
        return None
    left = session.scalar(
        select(CaseEvent.from_value)
        .where(CaseEvent.case_id == case.id, CaseEvent.kind == Action.FAIL_TO_LITIGATION.value)
        .order_by(CaseEvent.id.desc())
        .limit(1)
    )
    ruling = session.scalar(
        select(JudicialConfirmation.outcome).where(JudicialConfirmation.case_id == case.id)
    )
    return ending(case.status, left, confirmed=ruling is ConfirmationOutcome.CONFIRMED)
