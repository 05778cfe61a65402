"""The workflow steps of one case, as the case view's header, pages and dialogs take them.

Each step is one service call in its own unit of work, checked against the version of the case
as last read (:class:`~ui.viewmodels.case.open_case.OpenCase`); the lists the steps' dialogs
offer (organisations, mediators, the competent court) are read here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from mediation_app.domain.enums import Track
from mediation_app.domain.party import Party
from mediation_app.queries.lookups import OrganizationChoice, organizations
from mediation_app.queries.mediators import MediatorChoice, mediators
from mediation_app.services.agreement import confirmation, performance
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.agreement.confirmation import ConfirmationResult
from mediation_app.services.agreement.performance import FollowUpRow, PaymentResult
from mediation_app.services.cases import (
    assignment,
    consents,
    extension,
    handover,
    reversal,
    routing,
    sessions,
)
from mediation_app.services.cases import status as case_status
from mediation_app.services.cases.extension import ConsentGiven
from mediation_app.services.cases.handover import HandoverSummary
from mediation_app.services.cases.reversal import LastStep
from mediation_app.services.cases.sessions import SessionInput, SessionResult
from mediation_app.services.cases.step import StepResult
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.confirmation import CourtProposal, NextStep
from mediation_app.workflow.consent import ConsentMethod
from ui.viewmodels.case.open_case import OpenCase

T = TypeVar("T")


class CaseSteps:
    def __init__(self, case: OpenCase) -> None:
        self._case = case

    def _step(self, work: Callable[[UnitOfWork, int, int | None], T]) -> T:
        """Run ``work(uow, case_id, expected_version)`` in one unit of work."""
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return work(uow, case.case_id, case.version)

    # --- what the steps' dialogs offer ------------------------------------------------------------

    def organizations(self) -> list[OrganizationChoice]:
        with self._case.db.read() as session:
            return organizations(session)

    def mediators(self, organization_id: int | None = None) -> list[MediatorChoice]:
        """Active mediators and judges (those of ``organization_id`` first)."""
        with self._case.db.read() as session:
            return mediators(session, organization_id=organization_id)

    def proposed_court(self, on: dt.date | None = None) -> CourtProposal:
        """The competent court for a judicial confirmation applied for on ``on`` (today), with the reason."""
        with self._case.db.read() as session:
            return confirmation.proposed_court(session, self._case.case_id, on or self._case.today())

    # --- from intake to mediation ---------------------------------------------------------------

    def accept(self) -> StepResult:
        return self._step(lambda uow, cid, version: case_status.accept(uow, cid, expected_version=version))

    def refuse(self, reason: str, on: dt.date | None) -> StepResult:
        return self._step(
            lambda uow, cid, version: case_status.refuse(uow, cid, reason, on=on, expected_version=version)
        )

    def withdraw(self, reason: str, on: dt.date | None) -> StepResult:
        return self._step(
            lambda uow, cid, version: case_status.withdraw(uow, cid, reason, on=on, expected_version=version)
        )

    def record_consent(self, party: Party, method: ConsentMethod, given_on: dt.date, note: str) -> StepResult:
        return self._step(
            lambda uow, cid, version: consents.record_consent(
                uow, cid, party, method, given_on, note=note, expected_version=version
            )
        )

    def start_mediation(self, organization_id: int, mediator_id: int, on: dt.date) -> StepResult:
        return self._step(
            lambda uow, cid, version: assignment.start_mediation(
                uow, cid, organization_id, mediator_id, on=on, expected_version=version
            )
        )

    def assign_mediator(self, mediator_id: int, reason: str) -> StepResult:
        return self._step(
            lambda uow, cid, version: assignment.assign_mediator(
                uow, cid, mediator_id, reason=reason, expected_version=version
            )
        )

    def extend_period(
        self, days: int, reason: str, owner: ConsentGiven | None, company: ConsentGiven | None
    ) -> StepResult:
        return self._step(
            lambda uow, cid, version: extension.extend_period(
                uow, cid, days, reason, owner, company, expected_version=version
            )
        )

    def schedule_session(self, planned: SessionInput) -> SessionResult:
        return self._step(
            lambda uow, cid, version: sessions.schedule_session(uow, cid, planned, expected_version=version)
        )

    def record_session(self, held: SessionInput, session_id: int | None) -> SessionResult:
        return self._step(
            lambda uow, cid, version: sessions.record_session(
                uow, cid, held, session_id=session_id, expected_version=version
            )
        )

    def transfer_track(
        self,
        to_track: Track,
        organization_id: int,
        reason: str,
        *,
        decided_by: str,
        mediator_id: int | None,
    ) -> StepResult:
        return self._step(
            lambda uow, cid, version: routing.transfer_track(
                uow,
                cid,
                to_track,
                organization_id,
                reason,
                decided_by=decided_by,
                mediator_id=mediator_id,
                expected_version=version,
            )
        )

    def refer_level(
        self, organization_id: int, reason: str, *, decided_by: str, mediator_id: int | None
    ) -> StepResult:
        return self._step(
            lambda uow, cid, version: routing.refer_level(
                uow,
                cid,
                organization_id,
                reason,
                decided_by=decided_by,
                mediator_id=mediator_id,
                expected_version=version,
            )
        )

    def resume_mediation(self, reason: str) -> StepResult:
        return self._step(
            lambda uow, cid, version: case_status.resume_mediation(uow, cid, reason, expected_version=version)
        )

    # --- the agreement and judicial confirmation ------------------------------------------------

    def sign(self, signed_on: dt.date) -> StepResult:
        return self._step(
            lambda uow, cid, version: agreement.sign(uow, cid, signed_on=signed_on, expected_version=version)
        )

    def apply_confirmation(self, applied_on: dt.date, court_name: str) -> ConfirmationResult:
        return self._step(
            lambda uow, cid, version: confirmation.apply_confirmation(
                uow, cid, applied_on=applied_on, court_name=court_name, expected_version=version
            )
        )

    def withdraw_confirmation(self, reason: str) -> StepResult:
        return self._step(
            lambda uow, cid, version: confirmation.withdraw_confirmation(
                uow, cid, reason, expected_version=version
            )
        )

    def record_confirmation(self, ruling_number: str, decided_on: dt.date) -> ConfirmationResult:
        return self._step(
            lambda uow, cid, version: confirmation.record_confirmation(
                uow, cid, ruling_number, decided_on=decided_on, expected_version=version
            )
        )

    def record_rejection(
        self, reason: str, decided_on: dt.date, next_step: NextStep | None, next_reason: str | None
    ) -> ConfirmationResult:
        return self._step(
            lambda uow, cid, version: confirmation.record_rejection(
                uow,
                cid,
                reason,
                decided_on=decided_on,
                next_step=next_step,
                next_reason=next_reason,
                expected_version=version,
            )
        )

    # --- performance and closing ----------------------------------------------------------------

    def start_performance(self) -> StepResult:
        return self._step(
            lambda uow, cid, version: performance.start_performance(uow, cid, expected_version=version)
        )

    def payment_would_complete(self, amount: Decimal) -> bool:
        """Whether a payment of ``amount`` settles everything agreed (the view asks before closing)."""
        with self._case.db.read() as session:
            return performance.would_complete(session, self._case.case_id, amount, self._case.today())

    def record_payment(
        self, paid_on: dt.date, amount: Decimal, method: str, note: str, *, close_as_performed: bool
    ) -> PaymentResult:
        return self._step(
            lambda uow, cid, version: performance.record_payment(
                uow,
                cid,
                paid_on,
                amount,
                method=method,
                note=note,
                close_as_performed=close_as_performed,
                expected_version=version,
            )
        )

    # --- reversing a status change recorded in error ----------------------------------------------

    def last_status_step(self) -> LastStep | None:
        with self._case.db.read() as session:
            return reversal.last_status_step(session, self._case.case_id)

    def reverse_last_step(self, reason: str, event_id: int | None) -> StepResult:
        return self._step(
            lambda uow, cid, version: reversal.reverse_last_step(
                uow, cid, reason, event_id=event_id, expected_version=version
            )
        )

    def record_follow_up(
        self, visited_on: dt.date, method: str, party: Party, notes: str, satisfied: bool | None
    ) -> FollowUpRow:
        return self._step(
            lambda uow, cid, version: performance.record_follow_up(
                uow,
                cid,
                visited_on,
                method,
                party=party,
                notes=notes,
                satisfied=satisfied,
                expected_version=version,
            )
        )

    def complete_performance(self, on: dt.date) -> StepResult:
        return self._step(
            lambda uow, cid, version: performance.complete_performance(
                uow, cid, on=on, expected_version=version
            )
        )

    def record_non_performance(self, reason: str) -> StepResult:
        return self._step(
            lambda uow, cid, version: case_status.record_non_performance(
                uow, cid, reason, expected_version=version
            )
        )

    def fail_to_litigation(self, reason: str, on: dt.date | None) -> StepResult:
        return self._step(
            lambda uow, cid, version: case_status.fail_to_litigation(
                uow, cid, reason, on=on, expected_version=version
            )
        )

    def litigation_handover(self) -> HandoverSummary:
        """The hand-over summary for the court (an export of the case: audited)."""
        return self._step(lambda uow, cid, _version: handover.litigation_handover(uow, cid))
