"""The settlement page tells the reconciled story: each claimed item → recomputed → basis → taken
off → conceded → payable, with the total in 大写; the mediator chooses each line's basis; a late fee
claimed without terms is said, with what to do about it; a saved proposal is selected, announced
and the entry cleared."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from mediation_app.domain.enums import CaseStatus, ChargeKind
from mediation_app.fees.reconciliation import Base
from mediation_app.i18n import _
from mediation_app.services.settlement.late_fee_terms import LateFeeTermsForm
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import Centre
from ui.case_view.case_view import CaseView
from ui.case_view.late_fee_terms_dialog import LateFeeTermsDialog
from ui.case_view.reason_dialog import ReasonDialog, ReasonValues
from ui.case_view.settlement_page import SettlementPage
from ui.viewmodels.case.case import CaseViewModel
from ui.viewmodels.workspace import Workspace


@pytest.fixture
def centre(sqlite_db: Database) -> Centre:
    return Centre.build(sqlite_db)


def _page(qtbot: QtBot, centre: Centre, cid: int) -> SettlementPage:
    view = CaseView(CaseViewModel(Workspace(centre.db, centre.actor("mediator.chen")), cid))
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    page = view.show_page("settlement")
    assert isinstance(page, SettlementPage)
    page.load()
    return page


def _row(page: SettlementPage, item: ChargeKind) -> list[str]:
    settlement = page.reconciliation.settlement
    assert settlement is not None
    row = next(i for i, line in enumerate(settlement.lines) if line.item is item)
    table = page.reconciliation.table
    return [
        table.item(row, column).text() if table.item(row, column) else ""
        for column in range(table.columnCount())
    ]


def test_typing_a_discount_shows_each_line_reconciled_and_the_total_in_words(
    qtbot: QtBot, centre: Centre
) -> None:
    cid = centre.to(CaseStatus.IN_MEDIATION, case_id=centre.centre_case)
    page = _page(qtbot, centre, cid)
    page.terms.per_m2.setText("0.40")
    service = _row(page, ChargeKind.SERVICE_FEE)
    # 14,474.72 claimed (lower than 14,475.42 recomputed), 2,067.98 conceded, 12,406.74 payable
    assert service[2:4] == ["¥14,474.72", "¥14,475.42"]
    assert service[6:] == ["¥2,067.98", "¥12,406.74"]
    settlement = page.reconciliation.settlement
    assert settlement is not None
    assert page.reconciliation.uppercase.text().count(settlement.payable_uppercase) == 1
    assert page.findChild(object, "recalcTiming") is None  # no timings on the mediator's screen
    # Settling the late fee on the claim instead of the recomputation raises what is payable.
    late = next(line for line in settlement.lines if line.item is ChargeKind.LATE_FEE)
    page.reconciliation.choose(late.key, Base.CLAIMED)
    after = page.reconciliation.settlement
    assert after is not None and after.total.payable == settlement.total.payable + late.adjustment


def test_saving_a_proposal_selects_it_says_so_and_clears_the_entry(qtbot: QtBot, centre: Centre) -> None:
    cid = centre.to(CaseStatus.IN_MEDIATION, case_id=centre.centre_case)
    page = _page(qtbot, centre, cid)
    page.terms.per_m2.setText("0.40")
    page.proposal_name.setText("下调0.40元")
    page.save_proposal()
    saved = page.proposals()[-1]
    assert page.selected_proposal_id() == saved.id
    assert "下调0.40元" in page.saved_notice.text() and "12,406.74" not in page.saved_notice.text()
    assert (page.terms.per_m2.text(), page.proposal_name.text()) == ("", "")
    shown = page.reconciliation.settlement
    assert shown is not None and shown == saved.settlement  # the saved proposal's lines are shown


def test_a_late_fee_claimed_without_terms_is_said_and_can_be_left_out_with_a_reason(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.to(CaseStatus.IN_MEDIATION, case_id=centre.centre_case)
    with centre.db.unit_of_work(centre.actor("clerk.yang")) as uow:
        case = uow.session.get(Case, cid)
        assert case is not None
        case.late_fee_daily_rate = None  # entered at intake with the rate left blank
        uow.commit()
    page = _page(qtbot, centre, cid)
    assert page.warning_box.isVisibleTo(page) and "6,917.68" in page.warning.text()
    late = _row(page, ChargeKind.LATE_FEE)
    # nothing recomputed (never a zero): the claimed figure it counts at, marked as such
    assert late[3] == f"¥6,917.68 {_('(as claimed)')}"

    def give_reason(
        cls: type, ctx: object, parent: object, submit: Callable[[ReasonValues], object], **kwargs: object
    ) -> ReasonValues:
        values = ReasonValues("合同未约定违约金，双方同意不计")
        submit(values)
        return values

    monkeypatch.setattr(ReasonDialog, "ask", classmethod(give_reason))
    assert page.leave_out_late_fee()
    settlement = page.reconciliation.settlement
    assert settlement is not None
    line = next(line for line in settlement.lines if line.item is ChargeKind.LATE_FEE)
    assert line.payable == Decimal("0.00") and line.concession == Decimal("6917.68")
    assert any("合同未约定违约金" in reason for reason in line.reasons)


def test_entering_the_late_fee_terms_makes_the_late_fee_recomputable(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.to(CaseStatus.IN_MEDIATION, case_id=centre.centre_case)
    with centre.db.unit_of_work(centre.actor("clerk.yang")) as uow:
        case = uow.session.get(Case, cid)
        assert case is not None
        case.late_fee_daily_rate = None
        uow.commit()
    page = _page(qtbot, centre, cid)

    def enter(
        cls: type, ctx: object, parent: object, submit: Callable[[LateFeeTermsForm], object]
    ) -> LateFeeTermsForm:
        form = LateFeeTermsForm("0.0005", "0", "", False, "物业服务合同第八条")
        submit(form)
        return form

    monkeypatch.setattr(LateFeeTermsDialog, "ask", classmethod(enter))
    assert page.enter_late_fee_terms()
    page.load()
    assert not page.warning_box.isVisibleTo(page)
    assert _row(page, ChargeKind.LATE_FEE)[3] not in ("—", "")
