"""The fees page's view model: the fee ledger (sources and the recomputed statement) and keeping
a statement computed as of today; entering the late-fee terms left out at intake."""

from __future__ import annotations

from mediation_app.queries.fee_ledger import FeeLedger, fee_ledger
from mediation_app.services.settlement.late_fee_terms import LateFeeTermsForm, record_late_fee_terms
from mediation_app.services.settlement.statements import StatementRow, compute_statement
from ui.viewmodels.case.open_case import OpenCase


class FeesViewModel:
    def __init__(self, case: OpenCase) -> None:
        self._case = case

    def ledger(self) -> FeeLedger:
        case = self._case
        with case.db.read() as session:
            return fee_ledger(session, case.case_id, case.actor, case.today())

    def compute_statement(self) -> StatementRow:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return compute_statement(uow, self._case.case_id)

    def record_late_fee_terms(self, form: LateFeeTermsForm) -> None:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            record_late_fee_terms(uow, case.case_id, form, expected_version=case.version)
