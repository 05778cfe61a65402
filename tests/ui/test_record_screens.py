"""The record completed and corrected through the real dialogs: payments before mediation and
utility bills entered, pasted and voided on the Fees page; the out-of-date notice and 重新计算 on
the Fees and Settlement pages; 撤销此步 in the header; the completing payment and 定稿 asking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from mediation_app.domain.enums import CaseStatus
from mediation_app.services.cases import status as case_status
from mediation_app.services.documents import finalise as documents
from mediation_app.services.settlement import statements
from mediation_app.storage.models import CaseNumberCounter, Document
from mediation_app.storage.uow import Database
from mediation_app.workflow.actions import Action
from tests.support.case_view_driver import Dialogs, type_text
from tests.support.workflow_setup import TOTAL, Centre
from ui.case_view.case_view import CaseView
from ui.case_view.documents_page import DocumentsPage
from ui.case_view.fee_record_dialogs import BillDialog, PasteBillsDialog, PriorPaymentDialog
from ui.case_view.fees_page import FeesPage
from ui.case_view.finalise_dialog import FinaliseConfirmation
from ui.case_view.performance_dialogs import PaymentDialog
from ui.case_view.reason_dialog import ReasonDialog
from ui.case_view.settlement_page import SettlementPage
from ui.viewmodels.case.case import CaseViewModel
from ui.viewmodels.workspace import Workspace


@pytest.fixture
def centre(sqlite_db: Database) -> Centre:
    return Centre.build(sqlite_db)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch).install()


def _view(qtbot: QtBot, centre: Centre, who: str, cid: int) -> CaseView:
    view = CaseView(CaseViewModel(Workspace(centre.db, centre.actor(who)), cid))
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    return view


def _fees(view: CaseView) -> FeesPage:
    page = view.show_page("fees")
    assert isinstance(page, FeesPage)
    page.load()
    return page


def _cells(page: FeesPage, model_name: str) -> list[list[str]]:
    model = getattr(page, model_name)
    return [
        [model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


def test_a_payment_is_added_refused_beside_its_field_and_voided_on_the_payments_tab(
    qtbot: QtBot, centre: Centre, dialogs: Dialogs
) -> None:
    cid = centre.new_case()
    page = _fees(_view(qtbot, centre, "clerk.yang", cid))

    def too_early(d: PriorPaymentDialog) -> None:
        d.paid_on.set_value(centre.clock.today().replace(year=2017))  # before the 2018 handover
        type_text(d.amount, "1200.00")

    dialogs.answer(PriorPaymentDialog, too_early)
    assert not page.add_payment()
    assert dialogs.refused and "交付" in dialogs.refused[-1][1]
    assert page.payment_model.rowCount() == 0

    def good(d: PriorPaymentDialog) -> None:
        d.paid_on.set_value(centre.clock.today().replace(year=2024, month=6, day=30))
        type_text(d.amount, "1200.00")
        d.method.setCurrentText("微信转账")

    dialogs.answer(PriorPaymentDialog, good)
    assert page.add_payment()
    assert _cells(page, "payment_model")[0][:3] == ["2024-06-30", "¥1,200.00", "微信转账"]
    assert page.ledger is not None and page.ledger.result.paid > 0

    page.payment_table.selectRow(0)
    dialogs.answer(ReasonDialog, lambda d: type_text(d.reason, "重复录入"))
    assert page.void_payment()
    row = _cells(page, "payment_model")[0]
    assert row[-1] == "已作废：重复录入"
    assert page.ledger is not None and page.ledger.result.paid == 0


def test_bills_are_added_and_pasted_and_a_bad_pasted_row_is_named(
    qtbot: QtBot, centre: Centre, dialogs: Dialogs
) -> None:
    cid = centre.new_case()
    page = _fees(_view(qtbot, centre, "clerk.yang", cid))

    def quarter(d: BillDialog) -> None:
        type_text(d.period, "2024-Q1")
        type_text(d.amount, "150.00")

    dialogs.answer(BillDialog, quarter)
    assert page.add_bill()
    assert _cells(page, "bill_model")[0][:2] == ["2024-01-01..2024-03-31", "¥150.00"]

    def pasted(rows: str) -> object:
        def fill(d: PasteBillsDialog) -> None:
            d.rows.setPlainText(rows)

        return fill

    dialogs.answer(PasteBillsDialog, pasted("2024-04\t50.00\n2024-02\t40.00\n"))  # row 2 overlaps Q1
    assert not page.paste_bills()
    assert "第2行" in dialogs.refused[-1][1]
    assert page.bill_model.rowCount() == 1  # nothing of the block was saved
    dialogs.answer(PasteBillsDialog, pasted("期间\t金额\n2024-04\t50.00\n2024年5月\t52.10\n"))
    assert page.paste_bills()
    assert [r[0] for r in _cells(page, "bill_model")] == ["2024-01-01..2024-03-31", "2024-04", "2024-05"]


def test_the_notice_says_the_figures_changed_and_recomputing_shows_the_difference(
    qtbot: QtBot, centre: Centre, dialogs: Dialogs
) -> None:
    cid = centre.to(CaseStatus.IN_MEDIATION)
    centre.run(statements.compute_statement, cid, actor=centre.actor("mediator.chen"))
    view = _view(qtbot, centre, "mediator.chen", cid)
    page = _fees(view)
    assert not page.stale_notice.isVisible()

    def payment(d: PriorPaymentDialog) -> None:
        d.paid_on.set_value(centre.clock.today().replace(year=2024, month=12, day=31))
        type_text(d.amount, "2000.00")

    dialogs.answer(PriorPaymentDialog, payment)
    assert page.add_payment()
    assert page.stale_notice.isVisible() and "2,000.00" in page.stale_notice.text.text()
    settlement = view.show_page("settlement")
    assert isinstance(settlement, SettlementPage)
    settlement.load()
    assert settlement.stale_notice.isVisible()

    page = _fees(view)
    done = page.stale_notice.recompute()
    assert done is not None and done.statement is not None and done.statement.delta < 0
    text = page.stale_notice.text.text()
    assert "→" in text and "差额" in text and not page.stale_notice.recompute_button.isVisible()
    assert not dialogs.notices


def test_a_judge_reverses_the_last_step_from_the_header_and_a_mediator_is_not_offered_it(
    qtbot: QtBot, centre: Centre, dialogs: Dialogs
) -> None:
    cid = centre.new_case()
    centre.run(case_status.accept, cid)
    mediator_view = _view(qtbot, centre, "mediator.chen", cid)
    assert not mediator_view.header.reverse_button.isVisible()

    view = _view(qtbot, centre, "judge.lin", cid)
    button = view.header.reverse_button
    assert button.isVisible() and button.isEnabled() and "受理" in button.toolTip()
    dialogs.answer(ReasonDialog)  # no reason: refused beside the field, nothing changes
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialogs.refused and view.ctx.detail is not None
    assert view.ctx.detail.status is CaseStatus.AWAITING_CONSENT
    dialogs.answer(ReasonDialog, lambda d: type_text(d.reason, "误点受理"))
    assert view.runner.reverse_step()
    assert view.ctx.detail.status is CaseStatus.INTAKE
    assert not view.header.reverse_button.isEnabled()  # the last change is the reversal itself


@pytest.mark.parametrize("close", [False, True])
def test_the_payment_that_completes_the_agreement_asks_before_closing(
    qtbot: QtBot, centre: Centre, dialogs: Dialogs, close: bool
) -> None:
    cid = centre.to(CaseStatus.PERFORMING)
    view = _view(qtbot, centre, "clerk.yang", cid)
    dialogs.close_answer = close

    def part(d: PaymentDialog) -> None:
        type_text(d.amount, "100.00")

    dialogs.answer(PaymentDialog, part)
    assert view.runner.run(Action.RECORD_PAYMENT)
    assert dialogs.close_prompts == 0  # a part payment closes nothing: nothing to ask

    def rest(d: PaymentDialog) -> None:
        type_text(d.amount, str(TOTAL - 100))

    dialogs.answer(PaymentDialog, rest)
    assert view.runner.run(Action.RECORD_PAYMENT)
    assert dialogs.close_prompts == 1
    assert view.ctx.detail is not None
    assert view.ctx.detail.status is (CaseStatus.PERFORMED if close else CaseStatus.PERFORMING)


def test_finalising_asks_with_the_number_and_cancelling_writes_nothing(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.to(CaseStatus.SIGNED)
    view = _view(qtbot, centre, "mediator.chen", cid)
    page = view.show_page("documents")
    assert isinstance(page, DocumentsPage)
    page.select_kind("agreement")
    with centre.db.read() as session:
        expected = documents.preview_number(session, cid, "agreement", today=centre.clock.today()).number
    shown: list[FinaliseConfirmation] = []

    def answer(confirm: bool) -> object:
        def ask(cls: type, parent: object, preview: documents.NumberPreview) -> bool:
            dialog = FinaliseConfirmation(preview)  # the real dialog, looked at, then answered
            qtbot.addWidget(dialog)
            dialog.show()
            shown.append(dialog)
            qtbot.mouseClick(
                dialog.confirm_button if confirm else dialog.cancel_button,
                Qt.MouseButton.LeftButton,
            )
            return dialog.result() == FinaliseConfirmation.DialogCode.Accepted

        return classmethod(ask)

    monkeypatch.setattr(FinaliseConfirmation, "ask", answer(False))
    assert not page.finalise()
    assert (
        shown[-1].number.text() == expected
        and "不可更改" in shown[-1].findChild(QLabel, "finaliseWarning").text()
    )
    with centre.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0
        assert all(c.prefix != "荔物调协" for c in session.scalars(select(CaseNumberCounter)))
    monkeypatch.setattr(FinaliseConfirmation, "ask", answer(True))
    assert page.finalise()
    with centre.db.read() as session:
        assert session.scalar(select(Document.number).where(Document.case_id == cid)) == expected
