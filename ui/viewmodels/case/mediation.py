"""The mediation page's view model: the sessions, the case's timeline and the consents given;
sending a scheduled session's notice by SMS."""

from __future__ import annotations

from dataclasses import dataclass

from mediation_app.queries.case_header import case_timeline
from mediation_app.services.cases.consents import ConsentRow, consents
from mediation_app.services.cases.sessions import SessionRow, sessions
from mediation_app.services.sms import OutboxRow, queue_session_notice
from mediation_app.workflow.timeline import Timeline
from ui.viewmodels.case.open_case import OpenCase


@dataclass(frozen=True)
class MediationData:
    sessions: list[SessionRow]
    timeline: Timeline
    consents: list[ConsentRow]


class MediationViewModel:
    def __init__(self, case: OpenCase) -> None:
        self._case = case

    def load(self) -> MediationData:
        cid = self._case.case_id
        with self._case.db.read() as session:
            return MediationData(sessions(session, cid), case_timeline(session, cid), consents(session, cid))

    def send_session_notice(self, session_id: int) -> list[OutboxRow]:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return queue_session_notice(uow, session_id)
