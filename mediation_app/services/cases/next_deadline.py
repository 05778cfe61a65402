"""``Case.next_deadline``: the one date the case list, the dashboard and the due query sort by.

What the date is depends on where the case stands:

- *in mediation* and *agreement reached*: the last day of the mediation period (30 days from the
  assignment, plus the extensions);
- *signed*: the earlier of the last day to apply for judicial confirmation (民事诉讼法 205) and the
  first instalment still owing;
- *confirmation applied*, *confirmed*, *being performed*, *not performed*: the due date of the
  first instalment still owing (a date in the past makes the case overdue);
- every other status (before assignment, after a rejected confirmation, closed): none.

Services call :func:`refresh_next_deadline` at the end of every step, so the column never lags.
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from decimal import Decimal
from functools import cache

from sqlalchemy import BindParameter, Select, bindparam, func, select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus
from mediation_app.domain.labelled import LabelledEnum
from mediation_app.i18n import N_
from mediation_app.storage.models import Agreement, Case, Instalment, JudicialConfirmation, PerformancePayment
from mediation_app.storage.unwritten import has_unwritten
from mediation_app.workflow.confirmation import ConfirmationOutcome, confirmation_window

S = CaseStatus
_MEDIATING = frozenset({S.IN_MEDIATION, S.AGREEMENT_REACHED})
_PAYING = frozenset({S.CONFIRMATION_APPLIED, S.CONFIRMED, S.PERFORMING, S.NOT_PERFORMED})


def next_deadline(session: Session, case: Case) -> dt.date | None:
    status = case.status
    if status in _MEDIATING:
        return case.mediation_deadline
    if status is S.SIGNED:
        candidates = [next_instalment_due(session, case.id)]
        row = session.execute(_signed_query(), {"case_id": case.id}).first()
        if row is not None and row.signed_on is not None and not row.applied:
            candidates.append(confirmation_window(row.signed_on).deadline)
        dates = [d for d in candidates if d is not None]
        return min(dates) if dates else None
    if status in _PAYING:
        return next_instalment_due(session, case.id)
    return None


def next_instalment_due(session: Session, case_id: int) -> dt.date | None:
    """The due date of the earliest instalment not yet fully paid (payments fill them in order)."""
    instalments = session.execute(_instalments_query(), {"case_id": case_id}).all()
    # Every row carries the same sum of the payments (None when there are none).
    left = (instalments[0].paid if instalments else None) or Decimal("0.00")
    for due_on, amount, _ in instalments:
        if left >= amount:
            left -= amount
            continue
        return due_on
    return None


# Built once (README, Development): every step of a signed or paying case asks them.


@cache
def _signed_query() -> Select[dt.date | None, bool]:
    """The agreement's signing day, and whether a confirmation is pending."""
    case_id: BindParameter[int] = bindparam("case_id")
    applied = (
        select(JudicialConfirmation.id)
        .where(
            JudicialConfirmation.case_id == case_id,
            JudicialConfirmation.outcome == ConfirmationOutcome.PENDING,
        )
        .exists()
    )
    return select(Agreement.signed_on, applied.label("applied")).where(Agreement.case_id == case_id)


@cache
def _instalments_query() -> Select[dt.date, Decimal, Decimal | None]:
    """The case's instalments in order, each with the sum of the case's payments."""
    case_id: BindParameter[int] = bindparam("case_id")
    paid = (
        select(func.sum(PerformancePayment.amount))
        .where(PerformancePayment.case_id == case_id)
        .scalar_subquery()
    )
    return (
        select(Instalment.due_on, Instalment.amount, paid.label("paid"))
        .join(Agreement, Agreement.id == Instalment.agreement_id)
        .where(Agreement.case_id == case_id)
        .order_by(Instalment.seq)
    )


def refresh_next_deadline(session: Session, case: Case) -> None:
    """Set ``case.next_deadline`` from the case's current records.
    An unchanged date is not set again: that would leave the case to flush once more for nothing.

    The queries flush first only when a record they read has a change not yet written; otherwise
    the database already answers as the session would, and the case's row is written once, with
    its new deadline, instead of once before the queries and again after them."""
    # What next_deadline reads besides the case itself.
    pending = has_unwritten(session, Agreement, Instalment, JudicialConfirmation, PerformancePayment)
    with nullcontext() if pending else session.no_autoflush:
        deadline = next_deadline(session, case)
    if deadline != case.next_deadline:
        case.next_deadline = deadline


class DeadlineKind(LabelledEnum):
    """What a case's next deadline is the last day for."""

    MEDIATION_PERIOD = "mediation_period", N_("End of the mediation period")
    CONFIRMATION_WINDOW = "confirmation_window", N_("Last day to apply for judicial confirmation")
    INSTALMENT = "instalment", N_("Instalment due")
    PAYMENT = "payment", N_("Payment due")  # an agreement paid in one sum has no instalments


def deadline_kind(
    current: CaseStatus, deadline: dt.date | None, signed_on: dt.date | None, *, lump_sum: bool = False
) -> DeadlineKind | None:
    """Which deadline ``deadline`` is, for a case in ``current`` whose agreement was signed ``signed_on``
    (``lump_sum``: the agreement is paid in one sum, so its due date is the payment's, not an
    instalment's)."""
    if deadline is None:
        return None
    if current in _MEDIATING:
        return DeadlineKind.MEDIATION_PERIOD
    if current is S.SIGNED and signed_on is not None and deadline == confirmation_window(signed_on).deadline:
        return DeadlineKind.CONFIRMATION_WINDOW
    if current is S.SIGNED or current in _PAYING:
        return DeadlineKind.PAYMENT if lump_sum else DeadlineKind.INSTALMENT
    return None
