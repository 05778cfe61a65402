"""SMS notices: templates filled with case data, the Civil Code quoted word for word, length in parts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from mediation_app.errors import NotFoundError, ValidationError, WorkflowError
from mediation_app.i18n import set_language
from mediation_app.workflow.legal_quotes import chinese_number, civil_code_articles, civil_code_paragraph
from mediation_app.workflow.sms import (
    NoticeData,
    SmsTemplate,
    render,
    require_electronic_consent,
    template_fields,
)
from mediation_app.workflow.sms_length import sms_length

# Article 944 as published (checked against the official text when this test was written); the
# SMS must quote the shipped file, and the shipped file must say exactly this.
ARTICLE_944 = (
    "业主应当按照约定向物业服务人支付物业费。物业服务人已经按照约定和有关规定提供服务的，"
    "业主不得以未接受或者无需接受相关物业服务为由拒绝支付物业费。",
    "业主违反约定逾期不支付物业费的，物业服务人可以催告其在合理期限内支付；"
    "合理期限届满仍不支付的，物业服务人可以提起诉讼或者申请仲裁。",
    "物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。",
)

CASE = NoticeData(
    recipient_name="车某",
    owner_name="车某",
    company="莆田市某物业服务有限公司",
    case_number="荔物调〔2026〕0001号",
    amount=Decimal("23543.6"),
    due_on=dt.date(2026, 4, 30),
    session_at=dt.datetime(2026, 3, 12, 9, 30),
    place="拱辰街道分中心",
    mediator="林某",
    instalment_number=2,
    instalment_count=3,
    centre_name="荔城区物业纠纷调处中心",
    centre_phone="0594-2345678",
)


def test_the_shipped_civil_code_has_articles_937_to_950_and_944_word_for_word() -> None:
    articles = civil_code_articles()
    assert sorted(articles) == list(range(937, 951))
    assert articles[944] == ARTICLE_944
    assert civil_code_paragraph(944, 3) == ARTICLE_944[2]


def test_a_missing_paragraph_or_file_is_named() -> None:
    with pytest.raises(NotFoundError):
        civil_code_paragraph(944, 4)
    with pytest.raises(NotFoundError):
        civil_code_paragraph(951, 1)
    with pytest.raises(NotFoundError):
        civil_code_articles(Path("/nonexistent/civil_code.txt"))


@pytest.mark.parametrize(
    ("text", "number"), [("九百四十四", 944), ("九百五十", 950), ("十", 10), ("九百零五", 905)]
)
def test_article_numbers_are_read_from_chinese_numerals(text: str, number: int) -> None:
    assert chinese_number(text) == number


def test_the_pre_mediation_reminder_quotes_article_944_from_the_shipped_text() -> None:
    sms = render(SmsTemplate.PRE_MEDIATION_REMINDER, CASE)
    assert sms.text.startswith("温馨提醒：车某业主您好！")
    assert "《中华人民共和国民法典》第九百四十四条" in sms.text
    assert f"“{ARTICLE_944[0]}……{ARTICLE_944[2]}”" in sms.text
    assert "23,543.60元" in sms.text
    assert "荔物调〔2026〕0001号" in sms.text
    assert "{" not in sms.text
    assert "【" not in sms.text  # reserved for the platform's signature


def test_the_session_notice_and_the_instalment_reminder_in_chinese() -> None:
    session = render(SmsTemplate.SESSION_NOTICE, CASE)
    assert "2026年3月12日 09:30" in session.text
    assert "拱辰街道分中心" in session.text
    assert "林某" in session.text
    due = render(SmsTemplate.INSTALMENT_DUE, CASE)
    assert "第2期（共3期）" in due.text
    assert "23,543.60元" in due.text
    assert "2026年4月30日前" in due.text


def test_sms_are_chinese_whatever_the_screen_language_unless_english_is_asked_for() -> None:
    set_language("en")
    assert "2026年4月30日" in render(SmsTemplate.INSTALMENT_DUE, CASE).text
    english = render(SmsTemplate.INSTALMENT_DUE, CASE, language="en").text
    assert "CNY 23,543.60" in english
    assert "April 30, 2026" in english
    assert "instalment 2 of 3" in english


@pytest.mark.parametrize("template", list(SmsTemplate))
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_template_fills_every_field(template: SmsTemplate, language: str) -> None:
    sms = render(template, CASE, language=language)
    assert "{" not in sms.text and "}" not in sms.text
    assert sms.length.segments >= 1
    assert not sms.length.too_long
    assert template.label


def test_a_missing_field_is_named() -> None:
    set_language("en")
    with pytest.raises(ValidationError) as refused:
        render(SmsTemplate.SESSION_NOTICE, {**CASE.__dict__, "place": "  "})
    assert refused.value.field == "sms.place"
    assert refused.value.label == "Place"


def test_a_plain_mapping_works_like_the_dataclass() -> None:
    fields = template_fields(SmsTemplate.SESSION_NOTICE)
    assert fields[:2] == ("recipient_name", "case_number")
    data = {name: getattr(CASE, name) for name in fields}
    assert render(SmsTemplate.SESSION_NOTICE, data).text == render(SmsTemplate.SESSION_NOTICE, CASE).text


def test_a_float_amount_is_refused() -> None:
    with pytest.raises(ValidationError):
        render(SmsTemplate.INSTALMENT_DUE, {**CASE.__dict__, "amount": 23543.6})


def test_amounts_are_rounded_half_up_to_the_fen() -> None:
    data = {**CASE.__dict__, "amount": Decimal("100.005")}
    assert "100.01元" in render(SmsTemplate.INSTALMENT_DUE, data).text


@pytest.mark.parametrize("accepted", [False, None])
def test_only_parties_who_accepted_electronic_notices_get_an_sms(accepted: bool | None) -> None:
    set_language("en")
    with pytest.raises(WorkflowError) as refused:
        require_electronic_consent("车某", accepted)
    assert "车某" in refused.value.message
    require_electronic_consent("车某", True)


@pytest.mark.parametrize(
    ("characters", "segments"), [(0, 0), (1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)]
)
def test_mainland_sms_are_70_characters_then_parts_of_67(characters: int, segments: int) -> None:
    length = sms_length("调" * characters)
    assert (length.characters, length.segments) == (characters, segments)


def test_the_signature_counts_towards_the_length() -> None:
    signature = "【荔城区物业纠纷调处中心】"  # 13 characters
    assert sms_length("调" * 57, signature).segments == 1
    assert sms_length("调" * 58, signature).segments == 2
    sms = render(SmsTemplate.SESSION_NOTICE, CASE, signature=signature)
    assert sms.length.characters == len(sms.text) + 13


def test_latin_text_abroad_uses_gsm_and_anything_else_ucs2() -> None:
    assert sms_length("a" * 160, domestic=False).segments == 1
    assert sms_length("a" * 161, domestic=False).segments == 2
    assert sms_length("a" * 306, domestic=False).segments == 2
    assert sms_length("[" * 80, domestic=False).characters == 160  # extension characters count two
    assert sms_length("a" * 69 + "调", domestic=False).segments == 1  # one Chinese character: 70 in all
    mixed = sms_length("a" * 70 + "调", domestic=False)
    assert (mixed.encoding, mixed.segments) == ("ucs2", 2)
    # Mainland platforms count the same Latin text at 70/67.
    assert sms_length("a" * 161).segments == 3


def test_a_text_over_500_characters_is_refused() -> None:
    data = {**CASE.__dict__, "place": "很长的地点" * 100}
    with pytest.raises(ValidationError) as refused:
        render(SmsTemplate.SESSION_NOTICE, data)
    assert refused.value.field == "sms.text"
