"""The case's SMS page's view model: who would receive a notice, what could be announced (the
scheduled sessions, the instalments of a signed agreement), the case's messages; the notice as it
would be sent; queueing one, queueing a failed one again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mediation_app.queries.parties import CaseParties, case_parties
from mediation_app.services.agreement.terms import AgreementView, agreement_of
from mediation_app.services.cases.sessions import SessionRow, sessions
from mediation_app.services.sms import (
    OutboxRow,
    outbox,
    preview_text,
    queue_instalment_reminder,
    queue_pre_mediation_reminder,
    queue_session_notice,
    retry_failed,
)
from mediation_app.workflow.sms import SmsTemplate
from ui.viewmodels.case.open_case import OpenCase


@dataclass(frozen=True)
class CaseSmsData:
    parties: CaseParties
    scheduled_sessions: list[SessionRow]  # not held yet: their notice can be sent
    agreement: AgreementView | None
    messages: list[OutboxRow]


class CaseSmsViewModel:
    def __init__(self, case: OpenCase) -> None:
        self._case = case

    def load(self) -> CaseSmsData:
        case = self._case
        with case.db.read() as session:
            return CaseSmsData(
                case_parties(session, case.case_id, case.actor),
                [s for s in sessions(session, case.case_id) if not s.held],
                agreement_of(session, case.case_id),
                outbox(session, case_id=case.case_id),
            )

    def preview(self, template: SmsTemplate, subject_id: int | None) -> str:
        """The notice filled with the case's data, as it would be sent (nothing is queued)."""
        with self._case.db.read() as session:
            return preview_text(session, self._case.case_id, template, subject_id)

    def queue_pre_mediation_reminder(self, send_at: dt.datetime | None) -> list[OutboxRow]:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return queue_pre_mediation_reminder(uow, self._case.case_id, send_at=send_at)

    def queue_session_notice(self, session_id: int, send_at: dt.datetime | None) -> list[OutboxRow]:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return queue_session_notice(uow, session_id, send_at=send_at)

    def queue_instalment_reminder(self, seq: int, send_at: dt.datetime | None) -> list[OutboxRow]:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return queue_instalment_reminder(uow, self._case.case_id, seq, send_at=send_at)

    def queue_again(self, message_id: int) -> OutboxRow:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return retry_failed(uow, message_id)
