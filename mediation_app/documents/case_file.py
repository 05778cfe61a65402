"""卷宗: the whole case file as one bound document — a cover, the table of contents, the
documents in the customary order, and the closing sheet (备考表).

The customary order of a mediation case file (卷内文件排列): intake form, notices, evidence
(arrears statements), session records, the settlement agreement, the application for judicial
confirmation, follow-up records, the closing report. :attr:`CaseFile.sections` gives that order;
a document the case does not have is simply absent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mediation_app.documents.agreement import SettlementAgreement
from mediation_app.documents.closing import ClosingReport
from mediation_app.documents.confirmation import ConfirmationApplication
from mediation_app.documents.followup import FollowUpRecord
from mediation_app.documents.intake import IntakeRecord
from mediation_app.documents.notice import RightsNotice
from mediation_app.documents.parties import Organisation
from mediation_app.documents.session_record import SessionRecord
from mediation_app.documents.statement import ArrearsStatement
from mediation_app.domain.enums import CaseStatus

Document = (
    IntakeRecord
    | RightsNotice
    | ArrearsStatement
    | SessionRecord
    | SettlementAgreement
    | ConfirmationApplication
    | FollowUpRecord
    | ClosingReport
)


@dataclass(frozen=True)
class CaseFile:
    case_number: str
    organisation: Organisation
    cause: str  # 案由, e.g. "物业服务合同纠纷"
    parties: tuple[str, ...]
    intake_date: dt.date
    closing_date: dt.date | None
    outcome: CaseStatus
    mediators: tuple[str, ...]
    keeper: str  # 立卷人, who put the file together
    checker: str  # 检查人
    retention: str  # 保管期限, e.g. "长期"
    date: dt.date  # 立卷日期
    intake: IntakeRecord | None = None
    notices: tuple[RightsNotice, ...] = ()
    statements: tuple[ArrearsStatement, ...] = ()
    sessions: tuple[SessionRecord, ...] = ()
    agreement: SettlementAgreement | None = None
    confirmation: ConfirmationApplication | None = None
    followups: tuple[FollowUpRecord, ...] = ()
    closing: ClosingReport | None = None
    remarks: str = ""  # for the closing sheet (备考表)

    @property
    def sections(self) -> tuple[Document, ...]:
        """The documents in the customary order."""
        ordered: list[Document] = []
        if self.intake is not None:
            ordered.append(self.intake)
        ordered += self.notices
        ordered += self.statements
        ordered += self.sessions
        if self.agreement is not None:
            ordered.append(self.agreement)
        if self.confirmation is not None:
            ordered.append(self.confirmation)
        ordered += self.followups
        if self.closing is not None:
            ordered.append(self.closing)
        return tuple(ordered)
