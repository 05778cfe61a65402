"""The settlement page's view model: the scenarios side by side, what a live preview starts from,
how similar cases settled, the agreement if there is one; saving a proposal, recording the
agreement's terms.

The live preview itself (:func:`mediation_app.services.settlement.preview.preview`) is pure and
runs on each keystroke from the :class:`~mediation_app.services.settlement.preview.PreviewBase`
read here once per load.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mediation_app.fees import Discount
from mediation_app.fees.reconciliation import Settlement
from mediation_app.queries.similar_cases import SimilarSettlements, similar_settlements
from mediation_app.services.agreement.terms import (
    AgreementResult,
    AgreementTerms,
    AgreementView,
    agreement_of,
)
from mediation_app.services.agreement.terms import reach_agreement as record_terms
from mediation_app.services.agreement.wording import suggested_wording
from mediation_app.services.settlement.preview import PreviewBase, preview_base
from mediation_app.services.settlement.proposals import ProposalColumn, Scenarios, compare_scenarios, propose
from mediation_app.services.settlement.settle import LineChoices
from ui.viewmodels.case.open_case import OpenCase


@dataclass(frozen=True)
class SettlementData:
    scenarios: Scenarios
    base: PreviewBase
    similar: SimilarSettlements
    agreement: AgreementView | None


class SettlementViewModel:
    def __init__(self, case: OpenCase) -> None:
        self._case = case

    def load(self) -> SettlementData:
        case = self._case
        with case.db.read() as session:
            return SettlementData(
                compare_scenarios(session, case.case_id),
                preview_base(session, case.case_id, case.actor, case.today()),
                similar_settlements(session, case.case_id),
                agreement_of(session, case.case_id),
            )

    def preview_base(self) -> PreviewBase:
        """What a live preview of this case starts from (its fee data as of the kept statement)."""
        case = self._case
        with case.db.read() as session:
            return preview_base(session, case.case_id, case.actor, case.today())

    def propose(self, name: str, discounts: Sequence[Discount], choices: LineChoices) -> ProposalColumn:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return propose(uow, case.case_id, name, discounts, choices=choices, expected_version=case.version)

    def suggested_wording(self, settlement: Settlement | None) -> tuple[str, str]:
        """The matters in dispute and the parties' responsibility, worded from the case's facts."""
        case = self._case
        with case.db.read() as session:
            return suggested_wording(session, case.case_id, settlement)

    def reach_agreement(self, terms: AgreementTerms) -> AgreementResult:
        case = self._case
        with case.db.unit_of_work(case.actor) as uow:
            return record_terms(uow, case.case_id, terms, expected_version=case.version)
