"""Every document of the centre's own case, read back from its PDF: what each must show, and
what all must do (embedded fonts, page numbers, nothing outside the margins, same bytes)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from mediation_app import formatting
from mediation_app.documents.monthly import COLUMNS, DEFINITIONS
from mediation_app.errors import ValidationError
from mediation_app.fees import Month
from mediation_app.i18n import _
from mediation_app.money import uppercase_rmb
from mediation_app.workflow.outcomes import Outcome
from reports import (
    agreement,
    closing,
    confirmation,
    followup,
    intake,
    monthly,
    notice,
    registry,
    session_record,
    statement,
)
from tests.support import pdfcheck
from tests.support import sample_case as case

DOCUMENTS: dict[str, tuple[Callable[[], Any], Callable[[Any], bytes]]] = {
    "agreement": (case.agreement, agreement.render),
    "agreement with instalments": (lambda: case.agreement(instalments=True), agreement.render),
    "intake": (case.intake, intake.render),
    "notice": (case.notice, notice.render),
    "statement": (case.statement, statement.render),
    "session record": (case.session_record, session_record.render),
    "confirmation": (case.confirmation, confirmation.render),
    "follow-up": (case.followup, followup.render),
    "closing": (case.closing, closing.render),
}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_document_is_self_contained_numbered_inside_its_margins_and_reproducible(name: str) -> None:
    build, render = DOCUMENTS[name]
    pdf = render(build())
    pdfcheck.assert_fonts_embedded(pdf)
    pdfcheck.assert_page_numbers(pdf)
    pdfcheck.assert_inside_margins(pdf)
    assert case.CASE_NUMBER in "".join(pdfcheck.page_texts(pdf))  # in the header of every page
    assert render(build()) == pdf
    info = pdfcheck.reader(pdf).metadata
    assert info is not None and info.subject == case.CASE_NUMBER and info.creation_date is not None


def test_intake_form_lists_the_parties_the_flat_and_the_claim_with_its_total() -> None:
    pdf = intake.render(case.intake())
    pdfcheck.assert_shows(
        pdf,
        _("Intake Form for Property Disputes"),
        case.OWNER.name,
        case.OWNER.id_number,
        case.COMPANY.name,
        case.COMPANY.credit_code,
        case.UNIT.address,
        formatting.area(case.AREA),
        formatting.date(case.UNIT.handover_date),
        formatting.amount(case.CLAIM_UTILITIES),
        formatting.amount(case.CLAIM_SERVICE),
        formatting.amount(case.CLAIM_LATE),
        "23,543.60",
        _("{who}: agreed on {date}").format(who=_("Owner"), date=formatting.date(case.INTAKE)),
    )
    assert pdfcheck.assert_page_numbers(pdf) <= 2  # one page in Chinese; English labels are longer


def test_notice_quotes_articles_937_to_950_word_for_word_and_the_rights_and_duties() -> None:
    data = case.notice()
    pdf = notice.render(data)
    assert data.articles[0].heading == "第九百三十七条"
    assert data.articles[-1].heading == "第九百五十条"
    for article in data.articles:
        pdfcheck.assert_shows(pdf, article.heading, *article.paragraphs)
    pdfcheck.assert_shows(
        pdf,
        "物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。",
        _("to choose or accept a people's mediator;"),
        _("to state the facts of the dispute truthfully;"),
        data.court,
        case.OWNER.name,
        case.COMPANY.name,
    )


def test_statement_shows_every_line_the_claim_beside_the_recomputation_and_the_warnings() -> None:
    data = case.statement()
    pdf = statement.render(data)
    text = pdfcheck.flat_text(pdf)
    for line in data.service_fees:
        assert pdfcheck.squeeze(formatting.month(Month.parse(line.month))) in text
    assert len(data.service_fees) == 44 and len(data.utilities) == 43
    pdfcheck.assert_shows(
        pdf,
        formatting.amount(data.service_fee_total),  # 14,475.42 recomputed
        formatting.amount(case.CLAIM_SERVICE),  # 14,474.72 claimed
        formatting.amount(data.utilities_total),
        formatting.amount(data.late_fee_total),
        formatting.amount(case.CLAIM_LATE),
        formatting.rmb(data.settlement.total.payable),
        "9/31",  # the part month of March 2021
    )
    for warning in statement.warnings(data):
        assert pdfcheck.squeeze(warning) in text
    assert data.time_barred_count == 14 and data.yardstick_exceeded
    # a long table runs over pages with its header repeated
    pages = pdfcheck.page_texts(pdf)
    assert sum(1 for page in pages if pdfcheck.squeeze(_("Outstanding")) in pdfcheck.squeeze(page)) >= 3


def test_a_statement_that_does_not_add_up_is_refused() -> None:
    data = case.statement()
    settlement = data.settlement
    broken = dataclasses.replace(
        settlement,
        total=dataclasses.replace(settlement.total, payable=settlement.total.payable + Decimal("0.01")),
    )
    with pytest.raises(ValidationError) as error:
        dataclasses.replace(data, settlement=broken)
    assert error.value.field == "settlement"
    first = dataclasses.replace(data.service_fees[0], outstanding=Decimal("0.00"))
    with pytest.raises(ValidationError) as error:
        dataclasses.replace(data, service_fees=(first, *data.service_fees[1:]))
    assert error.value.field == "principal_outstanding"


def test_session_record_has_every_speaker_the_outcome_and_a_line_for_each_person_present() -> None:
    data = case.session_record()
    pdf = session_record.render(data)
    pdfcheck.assert_shows(pdf, *(entry.text for entry in data.entries), data.outcome, data.place)
    for person in data.attendees:
        pdfcheck.assert_shows(pdf, _("{name} (signature)").format(name=person.name))


def test_confirmation_application_requests_confirmation_with_the_undertakings_the_court_requires() -> None:
    data = case.confirmation()
    pdf = confirmation.render(data)
    pdfcheck.assert_shows(
        pdf,
        _("Application for Judicial Confirmation"),
        data.court,
        case.AGREEMENT_NUMBER,
        case.OWNER.id_number,
        case.COMPANY.credit_code,
        _(
            "we reached the agreement in order to resolve the dispute, of our own free will, without "
            "malicious collusion and without evading the law;"
        ),
        *(clause.text for clause in data.terms),
        *data.attachments,
    )


def test_follow_up_states_each_instalment_as_of_the_visit() -> None:
    data = case.followup()
    pdf = followup.render(data)
    assert [followup.status(item, data.visit_date) for item in data.schedule] == [
        _("paid"),
        _("paid late"),
        _("not yet due"),
    ]
    pdfcheck.assert_shows(
        pdf,
        _("paid late"),
        _("not yet due"),
        formatting.amount(data.total_paid),
        uppercase_rmb(data.total_paid),
    )


def test_closing_report_gives_days_taken_and_the_money_in_words_and_figures() -> None:
    data = case.closing()
    pdf = closing.render(data)
    assert data.days == 21
    pdfcheck.assert_shows(
        pdf, formatting.rmb(data.claimed), formatting.rmb(case.AGREED_TOTAL), case.AGREEMENT_NUMBER, "林振华"
    )


def test_two_owners_and_a_very_long_company_name_and_address_wrap_inside_the_page() -> None:
    long_company = dataclasses.replace(
        case.COMPANY,
        name="福建省莆田市荔城区拱辰街道荔景花园片区综合物业管理服务有限责任公司荔景花园第二项目管理处",
        domicile="福建省莆田市荔城区拱辰街道荔园东路与文献西路交叉口东北侧荔景花园商业综合楼第三层301至305室",
    )
    spouse = dataclasses.replace(case.OWNER, name="欧阳某某", sex=None, id_number=case.OWNER.id_number)
    data = dataclasses.replace(case.agreement(), owners=(case.OWNER, spouse), company=long_company, copies=4)
    pdf = agreement.render(data)
    pdfcheck.assert_inside_margins(pdf)
    pdfcheck.assert_shows(pdf, long_company.name, long_company.domicile, "欧阳某某")
    text = pdfcheck.flat_text(pdf)
    assert text.count(pdfcheck.squeeze(_("Party A (owner)"))) == 2


def test_case_file_has_cover_contents_bookmarks_and_page_numbers_that_match() -> None:
    data = case.case_file()
    pdf = registry.render("file", data)
    assert registry.render("file", data) == pdf
    pdfcheck.assert_fonts_embedded(pdf)
    reader = pdfcheck.reader(pdf)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    expected = [section.title for section in data.sections]
    assert expected[3] == "调解记录（第1次）" and len(expected) == 8
    assert titles == [_("Cover"), _("Contents"), *expected, _("Closing sheet")]
    texts = pdfcheck.page_texts(pdf)
    numbered = len(texts) - 3  # cover, contents and closing sheet carry no number
    contents = pdfcheck.squeeze(texts[1])
    for item in reader.outline[2:-1]:
        physical = reader.get_destination_page_number(item)
        shown = physical - 1  # documents start after the cover and the contents
        footer = _("Page {page} of {pages}").format(page=shown, pages=numbered)
        assert pdfcheck.squeeze(footer) in pdfcheck.squeeze(texts[physical]), item.title
        assert pdfcheck.squeeze(item.title) in contents
    assert pdfcheck.squeeze(_("{n} pages").format(n=numbered)) in pdfcheck.squeeze(texts[0])
    for unnumbered in (texts[0], texts[1], texts[-1]):
        assert pdfcheck.squeeze(
            _("Page {page} of {pages}").format(page=1, pages=numbered)
        ) not in pdfcheck.squeeze(unnumbered)
    pdfcheck.assert_shows(pdf, case.OWNER.id_number, formatting.rmb(case.AGREED_TOTAL), "第九百四十四条")


def test_monthly_report_shows_the_totals_the_breakdowns_the_charts_and_its_definitions() -> None:
    data = case.monthly()
    pdf = monthly.render(data)
    assert monthly.render(data) == pdf
    pdfcheck.assert_fonts_embedded(pdf)
    pdfcheck.assert_page_numbers(pdf)
    pdfcheck.assert_inside_margins(pdf)
    total = data.total.figures
    pdfcheck.assert_shows(
        pdf,
        monthly.summary(data),
        *(monthly.shown(column, total) for column in COLUMNS),
        *(_(definition) for definition in DEFINITIONS),
        _("Cases received each day"),
        _("Cases received and closed by organisation"),
        *(row.name for row in data.by_organisation),
        *(row.name for row in data.by_company),
        *(row.name for row in data.by_track),
    )
    # One population per group of columns: the closed cases are split by outcome, the success
    # rate and the average are over them, exact until the page rounds them.
    assert total.closed == sum(total.count(outcome) for outcome in Outcome)
    assert total.settled == total.performed + total.not_performed
    assert total.success_rate == Decimal(total.settled) / Decimal(total.closed - total.not_accepted)
    assert total.average_days == Decimal(total.days_to_close) / Decimal(total.closed)
    assert total.unpaid == total.agreed - total.paid


def test_monthly_breakdowns_that_do_not_add_up_are_refused() -> None:
    data = case.monthly()
    with pytest.raises(ValidationError) as error:
        dataclasses.replace(data, by_track=data.by_track[1:])
    assert error.value.field == "by_track"
    with pytest.raises(ValidationError):
        dataclasses.replace(data, daily_received=data.daily_received[:-1])
