"""Sample entries for the screenshots of the completed record (:mod:`ui.screenshots_record`):
an open case of the demo centre given payments before mediation (one voided) and utility bills
through the services, and the number an agreement not yet final would take."""

from __future__ import annotations

import datetime as dt

from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import MediationError
from mediation_app.queries.case_list import CaseFilter, case_ids
from mediation_app.services.cases import fee_records
from mediation_app.services.cases.fee_records import BillForm, PaymentForm, Receipt
from mediation_app.services.documents import finalise as documents
from mediation_app.services.settlement import statements
from mediation_app.storage.models import Case
from ui.viewmodels.workspace import Workspace


def case_with_entries(workspace: Workspace) -> int | None:
    """An open case with a stored statement, two payments before mediation (one voided),
    and two bills: entered once (the second language finds them there)."""
    db = workspace.db
    with db.read() as session:
        ids = [
            case_id
            for status in (CaseStatus.IN_MEDIATION, CaseStatus.AWAITING_CONSENT, CaseStatus.AGREEMENT_REACHED)
            for case_id in workspace_case_ids(workspace, status)
        ]
        for case_id in ids:
            case = session.get(Case, case_id)
            if case is not None and case.unit.payments:
                return case_id
        if not ids:
            return None
        case_id = ids[0]
        case = session.get(Case, case_id)
        start = (case.service_start or case.unit.handover_date) if case is not None else None
    actor, today = workspace.actor, db.clock.today()
    with db.unit_of_work(actor) as uow:
        statements.compute_statement(uow, case_id)
    # within the claim period, so the payments count in the recomputation
    first = min(max(dt.date(today.year - 2, 6, 30), (start or today) + dt.timedelta(days=45)), today)
    second = min(first + dt.timedelta(days=120), today)
    with db.unit_of_work(actor) as uow:
        fee_records.record_prior_payment(
            uow,
            case_id,
            PaymentForm(
                first, "1200.00", "微信转账", "业主提供转账截图", Receipt("转账截图.png", b"\x89PNG shot")
            ),
        )
    with db.unit_of_work(actor) as uow:
        saved = fee_records.record_prior_payment(
            uow, case_id, PaymentForm(first, "1200.00", "现金", "重复录入")
        )
    with db.unit_of_work(actor) as uow:
        fee_records.void_prior_payment(uow, case_id, saved.ids[0], "与同日微信转账为同一笔，重复录入")
    with db.unit_of_work(actor) as uow:
        fee_records.record_prior_payment(uow, case_id, PaymentForm(second, "860.50", "银行转账"))
    with db.unit_of_work(actor) as uow:
        fee_records.record_utility_bills(
            uow,
            case_id,
            [
                BillForm(f"{today.year - 1}-Q1", "156.30"),
                BillForm(f"{today.year - 1}-04", "51.20"),
            ],
        )
    return case_id


def workspace_case_ids(workspace: Workspace, status: CaseStatus) -> list[int]:
    with workspace.db.read() as session:
        return case_ids(session, CaseFilter(statuses=frozenset({status})))


def agreement_preview(workspace: Workspace) -> documents.NumberPreview | None:
    with workspace.db.read() as session:
        for status in (CaseStatus.AGREEMENT_REACHED, CaseStatus.SIGNED):
            for case_id in workspace_case_ids(workspace, status):
                try:
                    preview = documents.preview_number(
                        session, case_id, "agreement", today=workspace.db.clock.today()
                    )
                except MediationError:  # a case whose agreement cannot be built yet: try the next
                    continue
                if preview.new_number:
                    return preview
    return None
