"""One case's view model: the case as last read, its steps, and a view model for each page.

``CaseViewModel(workspace, case_id)`` is what the case view (:mod:`ui.case_view.case_view`) is
made from; its header reads :meth:`~ui.viewmodels.case.open_case.OpenCase.load_detail`, each page
its own view model below.
"""

from __future__ import annotations

from ui.viewmodels.case.corrections import CorrectionsViewModel
from ui.viewmodels.case.evidence import EvidenceViewModel
from ui.viewmodels.case.fees import FeesViewModel
from ui.viewmodels.case.mediation import MediationViewModel
from ui.viewmodels.case.open_case import OpenCase
from ui.viewmodels.case.parties import PartiesViewModel
from ui.viewmodels.case.performance import PerformanceViewModel
from ui.viewmodels.case.settlement import SettlementViewModel
from ui.viewmodels.case.sms import CaseSmsViewModel
from ui.viewmodels.case.steps import CaseSteps
from ui.viewmodels.workspace import Workspace


class CaseViewModel(OpenCase):
    def __init__(self, workspace: Workspace, case_id: int) -> None:
        super().__init__(workspace, case_id)
        self.steps = CaseSteps(self)
        self.parties = PartiesViewModel(self)
        self.fees = FeesViewModel(self)
        self.settlement = SettlementViewModel(self)
        self.mediation = MediationViewModel(self)
        self.evidence = EvidenceViewModel(self)
        self.performance = PerformanceViewModel(self)
        self.sms = CaseSmsViewModel(self)
        self.corrections = CorrectionsViewModel(self)
