"""The parties page's view model: owner, company, unit and how the case came in; revealing a
masked value (audited); whether a party takes notices by SMS."""

from __future__ import annotations

from mediation_app.domain.party import Party
from mediation_app.queries.parties import CaseParties, case_parties
from mediation_app.services.cases.disclosure import IdentityField, reveal_owner_identity
from mediation_app.services.sms import set_electronic_notice
from ui.viewmodels.case.open_case import OpenCase


class PartiesViewModel:
    def __init__(self, case: OpenCase) -> None:
        self._case = case

    def parties(self) -> CaseParties:
        """The parties as the person may see them (identity numbers and phones masked for some roles)."""
        with self._case.db.read() as session:
            return case_parties(session, self._case.case_id, self._case.actor)

    def reveal(self, owner_id: int, which: IdentityField) -> str:
        """The owner's full identity number or phone; the viewing is audited."""
        with self._case.db.unit_of_work(self._case.actor) as uow:
            return reveal_owner_identity(uow, owner_id, which, case_id=self._case.case_id)

    def set_electronic_notice(self, party: Party, accepted: bool) -> None:
        with self._case.db.unit_of_work(self._case.actor) as uow:
            set_electronic_notice(uow, self._case.case_id, party, accepted)
