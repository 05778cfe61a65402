"""卷宗 from the case: every document the case has, in the customary order, with its cover.

A document that has been finalised goes into the file as it was issued (its stored data); one
that has not is built from the case as it stands; one the case does not have (no agreement, not
closed) is simply absent. The application for judicial confirmation is included once it has been
recorded or finalised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.documents.agreement import SettlementAgreement
from mediation_app.documents.case_file import CaseFile
from mediation_app.documents.closing import ClosingReport
from mediation_app.documents.confirmation import ConfirmationApplication
from mediation_app.documents.followup import FollowUpRecord
from mediation_app.documents.intake import IntakeRecord
from mediation_app.documents.notice import RightsNotice
from mediation_app.documents.session_record import SessionRecord
from mediation_app.documents.statement import ArrearsStatement
from mediation_app.errors import WorkflowError
from mediation_app.i18n import _
from mediation_app.services.documents.builders import common
from mediation_app.services.documents.builders.agreement import (
    agreement_data,
    confirmation_data,
    held_sessions,
)
from mediation_app.services.documents.builders.followup import closing_data, follow_ups, followup_data
from mediation_app.services.documents.builders.intake import intake_data, notice_data
from mediation_app.services.documents.builders.session import session_data
from mediation_app.services.documents.builders.statement import statement_data
from mediation_app.storage.models import Case, JudicialConfirmation

T = TypeVar("T")


def case_file_data(session: Session, case: Case, today: dt.date) -> CaseFile:
    def part(kind: str, cls: type[T], build: Callable[[], T]) -> T | None:
        issued = common.final_data(session, case.id, kind)
        if isinstance(issued, cls):
            return issued
        try:
            return build()
        except WorkflowError:  # the case does not have this document (yet)
            return None

    notice = part("notice", RightsNotice, lambda: notice_data(session, case))
    statement = part("statement", ArrearsStatement, lambda: statement_data(session, case))
    records = [
        part(f"record.{n}", SessionRecord, lambda n=n: session_data(session, case, n))  # type: ignore[misc]
        for n in range(1, len(held_sessions(session, case.id)) + 1)
    ]
    visits = [
        part(f"followup.{n}", FollowUpRecord, lambda n=n: followup_data(session, case, n))  # type: ignore[misc]
        for n in range(1, len(follow_ups(session, case.id)) + 1)
    ]
    applied = session.scalar(select(JudicialConfirmation.id).where(JudicialConfirmation.case_id == case.id))
    confirmation = (
        part("confirmation", ConfirmationApplication, lambda: confirmation_data(session, case, today))
        if applied is not None or common.final_number(session, case.id, "confirmation")
        else None
    )
    closing = part("closing", ClosingReport, lambda: closing_data(session, case))
    return CaseFile(
        case_number=case.number,
        organisation=common.organisation(case.organization),
        cause=_("Property service contract dispute"),
        parties=(*common.owner_names(case), case.company.name),
        intake_date=case.intake_date,
        closing_date=case.closed_on,
        outcome=case.status,
        mediators=(case.mediator.name,) if case.mediator is not None else (),
        keeper=common.received_by(session, case),
        checker=closing.reviewer if closing is not None else "",
        retention=_("Long-term"),
        date=case.closed_on or today,
        intake=part("intake", IntakeRecord, lambda: intake_data(session, case)),
        notices=(notice,) if notice is not None else (),
        statements=(statement,) if statement is not None else (),
        sessions=tuple(record for record in records if record is not None),
        agreement=part("agreement", SettlementAgreement, lambda: agreement_data(session, case)),
        confirmation=confirmation,
        followups=tuple(visit for visit in visits if visit is not None),
        closing=closing,
        remarks=case.status_reason,
    )
