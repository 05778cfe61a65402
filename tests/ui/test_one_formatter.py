"""One formatter, shown on the centre's own case (车某): the settlement screen and the agreement PDF
present the same accepted proposal, and every figure, percentage and date the agreement states is
written on the screen exactly as on paper, in Chinese and in English."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mediation_app import formatting
from mediation_app.i18n import set_language
from mediation_app.services.documents import finalise as documents
from mediation_app.storage.uow import Database
from reports import registry
from tests.support import pdfcheck
from tests.support.document_setup import centre_case
from ui.case_view.case_view import CaseView
from ui.case_view.scenarios_model import ROW_KEYS, Scenario, ScenariosModel
from ui.case_view.settlement_page import SettlementPage
from ui.viewmodels.case.case import CaseViewModel
from ui.viewmodels.workspace import Workspace

AGREED_ON = dt.date(2021, 3, 14)
WAIVER = Decimal("0.125")  # part of the late fee waived: the agreement then states a percentage

AMOUNT = re.compile(r"-?¥[0-9,]+\.[0-9]{2}")
PERCENT = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?%")
FEE_RATE = re.compile(r"[0-9]+\.[0-9]{2,}(?=\s*(?:元|yuan))")
DATE = {
    "zh_CN": re.compile(r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日"),
    "en": re.compile(
        r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December) [0-9]{1,2}, [0-9]{4}"
    ),
}

# The rows of each column that an agreement states. The proposal's other rows are the mediator's
# working figures, which no agreement states: the service fee before the lowered standard, what is
# still owed, the late fee before the waiver, the discounts added up, what the owner is spared
# against the claim and its share.
CLAIMED_ROWS = ("service_fee", "utilities", "late_fee", "payable")
PROPOSAL_ROWS = ("utilities", "payable")


def _cell(model: ScenariosModel, column: int, key: str) -> str:
    text = model.data(model.index(ROW_KEYS.index(key), column))
    assert isinstance(text, str) and text != "—", (column, key)
    return text


def _screen_texts(page: SettlementPage) -> list[str]:
    """What the settlement page shows of the claim and the accepted proposal: the figures, the
    discounts (the column's tooltip: each discount in words and what it gives up) and the line
    naming the agreement."""
    model = page.model
    accepted = [c for c in range(model.columnCount()) if (s := model.scenario(c)) is not None and s.accepted]
    assert len(accepted) == 1
    proposal = accepted[0]
    texts = [_cell(model, 0, key) for key in CLAIMED_ROWS]
    texts += [_cell(model, proposal, key) for key in PROPOSAL_ROWS]
    texts.append(str(model.headerData(proposal, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)))
    texts.append(page.agreement_state.text())
    return texts


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_settlement_screen_writes_every_figure_percentage_and_date_as_the_agreement_does(
    qtbot: QtBot, sqlite_db: Database, language: str
) -> None:
    set_language(language)
    centre, cid = centre_case(sqlite_db, until="signed", waiver=WAIVER)
    view = CaseView(CaseViewModel(Workspace(sqlite_db, centre.actor("mediator.chen")), cid))
    qtbot.addWidget(view)
    page = view.show_page("settlement")
    assert isinstance(page, SettlementPage)
    page.load()
    texts = _screen_texts(page)
    amounts = [found for text in texts for found in AMOUNT.findall(text)]
    percents = [found for text in texts for found in PERCENT.findall(text)]
    rates = [found for text in texts for found in FEE_RATE.findall(text)]
    dates = [found for text in texts for found in DATE[language].findall(text)]
    # 4 claimed, 2 of the proposal, the 2 discounts' amounts, the agreement's total
    assert len(amounts) == 9, texts
    assert percents == [formatting.exact_percent(WAIVER)] == ["12.5%"]
    assert rates == [formatting.rate_figure(Decimal("0.40"))] == ["0.40"]
    assert dates == [formatting.date(AGREED_ON)]

    pdf = registry.render("agreement", documents.build_document(sqlite_db, cid, "agreement"))
    # The agreement's table prints figures under a yuan heading, without the sign.
    pdfcheck.assert_shows(pdf, *(amount.lstrip("¥") for amount in amounts), *percents, *rates, *dates)


def test_the_screen_rounds_a_share_half_up_as_the_documents_do(qtbot: QtBot) -> None:
    """The share of the claim given up, at a half: 12.3% (the screen once said 12.2%)."""
    model = ScenariosModel()
    model.set_scenarios([Scenario("P", {"share": Decimal("0.1225"), "payable": Decimal("2.345")})])
    assert model.data(model.index(ROW_KEYS.index("share"), 0)) == "12.3%"
    assert model.data(model.index(ROW_KEYS.index("payable"), 0)) == "¥2.35"
