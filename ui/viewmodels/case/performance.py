"""The agreement-and-performance page's view model: the follow-up visits (the agreement, the
instalments and the confirmation come with the case's header)."""

from __future__ import annotations

from mediation_app.services.agreement.performance import FollowUpRow, follow_ups
from ui.viewmodels.case.open_case import OpenCase


class PerformanceViewModel:
    def __init__(self, case: OpenCase) -> None:
        self._case = case

    def follow_ups(self) -> list[FollowUpRow]:
        with self._case.db.read() as session:
            return follow_ups(session, self._case.case_id)
