"""The corrections of one case (更正), as the case view's pages make them: each call is one
correction through :mod:`mediation_app.services.corrections`, against the case's version as last
read (a conflict when someone else changed the case meanwhile); the supplementary records of a
signed agreement."""

from __future__ import annotations

from mediation_app.services import corrections as fix
from ui.viewmodels.case.open_case import OpenCase


class CorrectionsViewModel:
    def __init__(self, case: OpenCase) -> None:
        self._case = case

    def owner(self, field: str, value: str, reason: str, owner_id: int | None = None) -> fix.CorrectionResult:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return fix.correct_owner(
                uow,
                self._case.case_id,
                field,
                value,
                reason,
                owner_id=owner_id,
                expected_version=self._case.version,
            )

    def company(self, field: str, value: str, reason: str) -> fix.CorrectionResult:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return fix.correct_company(
                uow, self._case.case_id, field, value, reason, expected_version=self._case.version
            )

    def unit(self, field: str, value: str, reason: str) -> fix.CorrectionResult:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return fix.correct_unit(
                uow, self._case.case_id, field, value, reason, expected_version=self._case.version
            )

    def fee_rate(self, from_month: str, value: str, reason: str) -> fix.CorrectionResult:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return fix.correct_fee_rate(
                uow, self._case.case_id, from_month, value, reason, expected_version=self._case.version
            )

    def claim_line(self, item_id: int, field: str, value: str, reason: str) -> fix.CorrectionResult:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return fix.correct_claim_line(
                uow, self._case.case_id, item_id, field, value, reason, expected_version=self._case.version
            )

    def consent(self, consent_id: int, field: str, value: str, reason: str) -> fix.CorrectionResult:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return fix.correct_consent(
                uow, self._case.case_id, consent_id, field, value, reason, expected_version=self._case.version
            )

    def session(self, session_id: int, field: str, value: str, reason: str) -> fix.CorrectionResult:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return fix.correct_session(
                uow, self._case.case_id, session_id, field, value, reason, expected_version=self._case.version
            )

    def agreement(self, field: str, value: str, reason: str) -> fix.CorrectionResult:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return fix.correct_agreement(
                uow, self._case.case_id, field, value, reason, expected_version=self._case.version
            )

    def supplement(self, subject: str, text: str, reason: str) -> fix.SupplementRow:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return fix.add_supplementary_record(
                uow, self._case.case_id, subject, text, reason, expected_version=self._case.version
            )

    def supplements(self) -> list[fix.SupplementRow]:
        with self._case.db.read() as session:
            return fix.supplementary_records(session, self._case.case_id)
