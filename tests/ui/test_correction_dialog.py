"""更正 through the real dialogs of the case view: the owner's phone from the parties page, the
area, a claim line from the fees page, a session from the mediation page; a missing reason and a
conflicting correction keep the dialog open with what was typed; greyed entries say why; after
signing, the supplementary record."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import CaseStatus, Role, label
from mediation_app.services import corrections as fix
from mediation_app.storage.models import Case, ClaimItem
from mediation_app.storage.uow import Database
from tests.support.case_view_driver import Dialogs, type_text
from tests.support.workflow_setup import Centre
from ui.case_view import feedback
from ui.case_view.case_view import CaseView
from ui.case_view.correction_dialog import CorrectionDialog, CorrectionMenu, SupplementDialog
from ui.viewmodels.case.case import CaseViewModel
from ui.viewmodels.workspace import Workspace


@pytest.fixture
def centre(sqlite_db: Database) -> Centre:
    return Centre.build(sqlite_db)


def open_view(qtbot: QtBot, db: Database, who: Actor, case_id: int) -> CaseView:
    view = CaseView(CaseViewModel(Workspace(db, who), case_id))
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    return view


def entry(button: CorrectionMenu, key: str) -> QAction:
    """The menu entry for ``key``, as the menu shows it when it opens."""
    button.menu_.aboutToShow.emit()
    found = [a for a in button.menu_.actions() if a.objectName() == f"correct:{key}"]
    assert found, [a.objectName() for a in button.menu_.actions()]
    return found[0]


def fill(value: str | None, reason: str) -> object:
    def answer(dialog: CorrectionDialog) -> None:
        if value is not None:
            assert dialog.line is not None
            dialog.line.clear()
            type_text(dialog.line, value)
        type_text(dialog.reason, reason)

    return answer


def owner_phone(db: Database, case_id: int) -> str:
    with db.read() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.owner.phone


def test_a_clerk_corrects_the_owners_phone_in_the_dialog_and_the_timeline_says_so(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.new_case()
    view = open_view(qtbot, centre.db, centre.actor("clerk.yang"), cid)
    parties = view.show_page("parties")
    assert "受理登记中更正" not in " ".join(
        w.text() for w in parties.findChildren(type(parties.fields["owner.name"]))
    )
    dialogs = Dialogs(monkeypatch).install()
    seen: list[CorrectionDialog] = []

    def answer(dialog: CorrectionDialog) -> None:
        seen.append(dialog)
        assert dialog.windowTitle() == "更正：业主电话"
        fill("13959400002", "录入错误")(dialog)

    dialogs.answer(CorrectionDialog, answer)
    entry(parties.correct_button, "owner.phone").trigger()
    assert seen and seen[0].submitted is not None and not dialogs.refused
    assert owner_phone(centre.db, cid) == "13959400002"
    assert parties.fields["owner.phone"].text() == "139****0002"  # reloaded, masked for a clerk
    mediation = view.show_page("mediation")
    lines = [e.description for e in mediation.timeline_model.rows()]
    assert any(line.startswith("杨某某更正了业主电话（原因：录入错误）") for line in lines), lines


def test_without_a_reason_the_dialog_stays_open_with_the_value_typed(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.new_case()
    view = open_view(qtbot, centre.db, centre.actor("clerk.yang"), cid)
    parties = view.show_page("parties")
    dialogs = Dialogs(monkeypatch).install()
    kept: list[CorrectionDialog] = []

    def answer(dialog: CorrectionDialog) -> None:
        fill("13959400002", "")(dialog)
        kept.append(dialog)

    dialogs.answer(CorrectionDialog, answer)
    entry(parties.correct_button, "owner.phone").trigger()
    (dialog,) = kept
    assert dialog.submitted is None and dialogs.refused
    error = dialog.errors.label_for("reason")
    assert error is not None and error.isVisibleTo(dialog) and "请说明更正原因" in error.text()
    assert dialog.line is not None and dialog.line.text() == "13959400002"
    assert owner_phone(centre.db, cid) == "13859010001"


def test_the_area_needs_a_mediator_the_clerk_sees_why_and_the_mediator_corrects_it(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.new_case()
    clerk_view = open_view(qtbot, centre.db, centre.actor("clerk.yang"), cid)
    greyed = entry(clerk_view.show_page("parties").correct_button, "unit.area")
    assert not greyed.isEnabled()
    assert label(Role.CLERK) in greyed.toolTip() and label(Role.MEDIATOR) in greyed.toolTip()

    view = open_view(qtbot, centre.db, centre.actor("mediator.chen"), cid)
    parties = view.show_page("parties")
    dialogs = Dialogs(monkeypatch).install()
    kept: list[CorrectionDialog] = []

    def exponent(dialog: CorrectionDialog) -> None:
        fill("1e5", "按房产证")(dialog)
        kept.append(dialog)

    dialogs.answer(CorrectionDialog, exponent)  # refused beside the field, as intake would
    entry(parties.correct_button, "unit.area").trigger()
    error = kept[0].errors.label_for("unit.area")
    assert dialogs.refused and error is not None and "1e5" in error.text()
    dialogs.answer(CorrectionDialog, fill("98.50", "按房产证"))
    entry(parties.correct_button, "unit.area").trigger()
    with centre.db.read() as s:
        case = s.get(Case, cid)
        assert case is not None and case.unit.area == Decimal("98.50")
    assert "98.5" in parties.fields["unit.area"].text()


def test_a_claim_line_is_corrected_from_the_fees_page(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.new_case()
    view = open_view(qtbot, centre.db, centre.actor("mediator.chen"), cid)
    fees = view.show_page("fees")
    empty = fees.correct_claim
    empty.menu_.aboutToShow.emit()
    assert [a.text() for a in empty.menu_.actions()] == ["请先选择一项请求。"]
    fees.claim_table.selectRow(0)
    dialogs = Dialogs(monkeypatch).install()
    dialogs.answer(CorrectionDialog, fill("6800.50", "物业公司更正清单"))
    entry(fees.correct_claim, "claim[1].amount").trigger()
    assert not dialogs.refused
    with centre.db.read() as s:
        amount = s.scalars(select(ClaimItem.amount).where(ClaimItem.case_id == cid)).one()
    assert amount == Decimal("6800.50")
    assert fees.claim_model.rows()[0].amount == Decimal("6800.50")
    assert view.ctx.detail is not None and view.ctx.detail.claimed_total == Decimal("6800.50")


def test_a_correction_after_someone_elses_is_told_to_reload_and_loses_nothing(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.new_case()
    view = open_view(qtbot, centre.db, centre.actor("clerk.yang"), cid)
    parties = view.show_page("parties")
    centre.run(
        fix.correct_owner, cid, "address", "荔景花园5幢001", "补全地址", actor=centre.actor("clerk.zhu")
    )
    asked: list[str] = []
    monkeypatch.setattr(
        feedback.ConflictPrompt, "ask", classmethod(lambda cls, parent, text: asked.append(text) or True)
    )

    def run(dialog: CorrectionDialog, submit: object) -> object:
        dialog._submit = submit  # type: ignore[assignment]
        assert dialog.line is not None
        dialog.line.clear()
        type_text(dialog.line, "13959400002")
        type_text(dialog.reason, "本人来电")
        dialog.accept()  # refused: the case changed since the view read it
        assert dialog.submitted is None and asked
        assert dialog.line.text() == "13959400002" and dialog.reason.toPlainText() == "本人来电"
        dialog.accept()  # sent again after the reload
        return dialog.submitted

    monkeypatch.setattr(CorrectionDialog, "run", run)
    entry(parties.correct_button, "owner.phone").trigger()
    assert owner_phone(centre.db, cid) == "13959400002"
    with centre.db.read() as s:
        case = s.get(Case, cid)
        assert case is not None and case.owner.address == "荔景花园5幢001"  # the other change stays


def test_a_session_is_corrected_from_the_mediation_page(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.to(CaseStatus.AGREEMENT_REACHED)
    view = open_view(qtbot, centre.db, centre.actor("mediator.chen"), cid)
    mediation = view.show_page("mediation")
    mediation.sessions.selectRow(0)
    dialogs = Dialogs(monkeypatch).install()

    def answer(dialog: CorrectionDialog) -> None:
        assert dialog.text is not None
        dialog.text.setPlainText("双方同意按清单结算，分两期付款")
        type_text(dialog.reason, "漏记")

    dialogs.answer(CorrectionDialog, answer)
    entry(mediation.correct_button, "session.outcome").trigger()
    assert not dialogs.refused
    assert mediation.session_model.rows()[0].outcome == "双方同意按清单结算，分两期付款"


def test_after_signing_the_agreement_is_greyed_and_a_judge_adds_a_supplementary_record(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.to(CaseStatus.SIGNED)
    mediator_view = open_view(qtbot, centre.db, centre.actor("mediator.chen"), cid)
    page = mediator_view.show_page("settlement")
    greyed = entry(page.correct_agreement, "agreement.pay_method")
    assert not greyed.isEnabled() and "补充记录" in greyed.toolTip()
    assert not page.supplement_button.isEnabled() and label(Role.MEDIATOR) in page.supplement_button.toolTip()

    view = open_view(qtbot, centre.db, centre.actor("judge.lin"), cid)
    page = view.show_page("settlement")
    assert page.supplement_button.isEnabled()
    dialogs = Dialogs(monkeypatch).install()

    def answer(dialog: SupplementDialog) -> None:
        dialog.subject.setCurrentIndex(dialog.subject.findData("owner.name"))
        type_text(dialog.text, "业主姓名应为林某某")
        type_text(dialog.reason, "笔误")

    dialogs.answer(SupplementDialog, answer)
    page.supplement_button.click()
    assert not dialogs.refused
    assert page.supplements.isVisibleTo(page)
    assert "业主姓名应为林某某" in page.supplements.text() and "笔误" in page.supplements.text()


def test_a_supervisor_sees_the_correction_button_greyed_naming_the_roles_that_may(
    qtbot: QtBot, centre: Centre
) -> None:
    cid = centre.new_case()
    view = open_view(qtbot, centre.db, centre.actor("supervisor.weng"), cid)
    button = view.show_page("parties").correct_button
    assert not button.isEnabled()
    assert label(Role.SUPERVISOR) in button.toolTip() and label(Role.CLERK) in button.toolTip()


def test_a_fee_standard_is_corrected_from_the_terms_tab(
    qtbot: QtBot, centre: Centre, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = centre.new_case()
    view = open_view(qtbot, centre.db, centre.actor("mediator.chen"), cid)
    fees = view.show_page("fees")
    fees.rate_table.selectRow(0)
    dialogs = Dialogs(monkeypatch).install()
    dialogs.answer(CorrectionDialog, fill("1.80", "按物业服务合同"))
    entry(fees.correct_rate, "rate[1].rate").trigger()
    assert not dialogs.refused
    assert fees.rate_model.rows()[0].rate == Decimal("1.80")
