"""The fees page's view model: the fee ledger (sources and the recomputed statement) and keeping
a statement computed as of today; entering the late-fee terms left out at intake; entering and
voiding payments made before mediation and utility bills (one by one or pasted); and the figures
out of date since such a change, recomputed on request with the difference."""

from __future__ import annotations

from mediation_app.errors import FormErrors
from mediation_app.queries.fee_ledger import FeeLedger, fee_ledger
from mediation_app.services.cases import fee_records
from mediation_app.services.cases.fee_records import BillForm, PaymentForm, Saved
from mediation_app.services.settlement import staleness
from mediation_app.services.settlement.late_fee_terms import LateFeeTermsForm, record_late_fee_terms
from mediation_app.services.settlement.staleness import Recomputation, Staleness
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

    # --- payments before mediation, utility bills --------------------------------------------

    def record_payment(self, form: PaymentForm) -> Saved:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return fee_records.record_prior_payment(uow, case.case_id, form, expected_version=case.version)

    def void_payment(self, payment_id: int, reason: str) -> Saved:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return fee_records.void_prior_payment(
                uow, case.case_id, payment_id, reason, expected_version=case.version
            )

    def record_bill(self, form: BillForm) -> Saved:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return fee_records.record_utility_bill(uow, case.case_id, form, expected_version=case.version)

    def paste_bills(self, text: str) -> Saved:
        """Rows pasted from a spreadsheet: all saved, or none (each bad row named)."""
        forms, errors = fee_records.parse_bill_rows(text)
        if errors:
            raise FormErrors(errors)
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return fee_records.record_utility_bills(uow, case.case_id, forms, expected_version=case.version)

    def void_bill(self, bill_id: int, reason: str) -> Saved:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return fee_records.void_utility_bill(
                uow, case.case_id, bill_id, reason, expected_version=case.version
            )

    # --- figures out of date ----------------------------------------------------------------------

    def staleness(self) -> Staleness | None:
        with self._case.db.read() as session:
            return staleness.figures_staleness(session, self._case.case_id)

    def recompute(self) -> Recomputation:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return staleness.recompute_figures(uow, case.case_id, expected_version=case.version)
