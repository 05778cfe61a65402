"""Chinese text takes the full-width colon: the case's path ("短信已发送：…"), a label and its value."""

from __future__ import annotations

import datetime as dt
import re

from mediation_app import formatting
from mediation_app.clock import CHINA
from mediation_app.i18n import set_language
from mediation_app.workflow.timeline import CaseEvent, describe

ASCII_BESIDE_CJK = re.compile(r"[\u3400-\u9fff\uff08\uff09][:()]|[:()]\s?[\u3400-\u9fff]")


def test_the_path_and_labelled_values_use_the_full_width_colon_in_chinese() -> None:
    set_language("zh_CN")
    at = dt.datetime(2021, 3, 10, 10, 0, tzinfo=CHINA)
    for event in (
        CaseEvent(at, "sms", None, "诉前调解提醒 → 车某", "杨某某", None),
        CaseEvent(at, "record_consent", None, "物业公司：签字确认书（2021年3月10日）", "杨某某", None),
        CaseEvent(at, "accept", "intake", "awaiting_consent", "林振华", None),
    ):
        text = describe(event)
        assert "：" in text and not ASCII_BESIDE_CJK.search(text), text
    assert formatting.labelled("状态", "调解中") == "状态：调解中"


def test_english_keeps_its_colon() -> None:
    set_language("en")
    at = dt.datetime(2021, 3, 10, 10, 0, tzinfo=CHINA)
    assert describe(CaseEvent(at, "sms", None, "reminder → 车某", None, None)) == "SMS sent: reminder → 车某"
