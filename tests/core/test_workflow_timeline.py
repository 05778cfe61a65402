"""The timeline: stored events in order, each told in a sentence, and the paths they draw."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from mediation_app.clock import CHINA
from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.i18n import set_language
from mediation_app.workflow.timeline import CaseEvent, EventKind, Timeline, category, describe, payment_value

# These tests read what messages say, in English (see the `english` fixture).
pytestmark = pytest.mark.usefixtures("english")


def at(day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=CHINA)


# The centre's case, as the services would store it.
CENTRE_CASE = [
    CaseEvent(at(2), "status", None, "intake", "窗口王某", "Case registered"),
    CaseEvent(at(2, 9, 1), "track", None, "people", "窗口王某"),
    CaseEvent(at(2, 9, 1), "level", None, "community", "窗口王某"),
    CaseEvent(at(2, 10), "accept", "intake", "awaiting_consent", "法官陈某"),
    CaseEvent(at(2, 11), "sms", None, "pre_mediation_reminder", "窗口王某"),
    CaseEvent(at(3), "consent", None, "owner", "窗口王某", "短信回复同意"),
    CaseEvent(at(3, 10), "consent", None, "company", "窗口王某"),
    CaseEvent(at(3, 11), "start_mediation", "awaiting_consent", "in_mediation", "法官陈某"),
    CaseEvent(at(5), "session", None, "微信群", "调解员林某"),
    CaseEvent(at(9), "transfer_track", "people", "judicial", "法官陈某", "需法官释明违约金"),
    CaseEvent(at(9, 9, 5), "refer_level", "community", "district", "法官陈某", "转区中心"),
    CaseEvent(at(10), "session", None, "视频", "法官陈某"),
    CaseEvent(at(10, 15), "reach_agreement", "in_mediation", "agreement_reached", "法官陈某"),
    CaseEvent(at(11), "sign", "agreement_reached", "signed", "法官陈某"),
    CaseEvent(at(12), "apply_confirmation", "signed", "confirmation_applied", "法官陈某"),
    CaseEvent(at(16), "record_confirmation", "confirmation_applied", "confirmed", "法官陈某"),
    CaseEvent(at(16, 10), "start_performance", "confirmed", "performing", "调解员林某"),
    CaseEvent(at(31), "complete_performance", "performing", "performed", "调解员林某"),
]


def test_the_centre_case_reads_as_a_path() -> None:
    shuffled = CENTRE_CASE[:]
    random.Random(7).shuffle(shuffled)
    timeline = Timeline.build(shuffled)
    assert [e.event for e in timeline.entries] == sorted(shuffled, key=lambda e: e.at)
    assert [e.at for e in timeline.entries] == sorted(e.at for e in CENTRE_CASE)
    assert timeline.statuses() == (
        CaseStatus.INTAKE,
        CaseStatus.AWAITING_CONSENT,
        CaseStatus.IN_MEDIATION,
        CaseStatus.AGREEMENT_REACHED,
        CaseStatus.SIGNED,
        CaseStatus.CONFIRMATION_APPLIED,
        CaseStatus.CONFIRMED,
        CaseStatus.PERFORMING,
        CaseStatus.PERFORMED,
    )
    assert timeline.tracks() == (Track.PEOPLE, Track.JUDICIAL)
    assert timeline.levels() == (Level.COMMUNITY, Level.DISTRICT)


def test_events_at_the_same_moment_keep_their_stored_order() -> None:
    timeline = Timeline.build(CENTRE_CASE)
    kinds = [e.event.kind for e in timeline.entries[:3]]
    assert kinds == ["status", "track", "level"]


def test_each_event_is_told_in_words() -> None:
    set_language("en")
    lines = Timeline.build(CENTRE_CASE).lines()
    assert lines[0] == "2026-03-02 09:00  Case registered as “Intake”  by 窗口王某  reason: Case registered"
    text = "\n".join(lines)
    assert "Put on “People's mediation”" in text
    assert "Placed at the “Community workstation”" in text
    assert "Accept the case: “Intake” → “Awaiting consent”" in text
    assert "Transferred from “People's mediation” to “Judicial mediation”" in text
    assert "reason: 需法官释明违约金" in text
    assert "Referred up from “Community workstation” to “District centre”" in text
    assert "Consent recorded: owner  by 窗口王某  reason: 短信回复同意" in text
    assert "Mediation session: 微信群" in text
    assert "Record full performance: “Being performed” → “Performed”" in text


def test_times_are_shown_in_china_time() -> None:
    utc = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)
    assert (
        Timeline.build([CaseEvent(utc, "status", None, "intake")]).lines()[0].startswith("2026-03-02 09:30")
    )


def test_the_json_history_shape_builds_the_same_timeline() -> None:
    rows = [
        {
            "at": "2026-03-02T09:00:00+08:00",
            "kind": "status",
            "from": "",
            "to": "intake",
            "by": "王某",
            "reason": "",
        },
        {
            "at": "2026-03-09T09:05:00+08:00",
            "kind": "level",
            "from": "district",
            "to": "town",
            "by": "陈某",
            "reason": "就近",
        },
    ]
    timeline = Timeline.build(rows)
    assert timeline.entries[0].event == CaseEvent(at(2), "status", None, "intake", "王某", None)
    set_language("en")
    assert "Referred down from “District centre” to “Town sub-centre”" in timeline.entries[1].description


def test_an_extension_shows_its_dates() -> None:
    set_language("en")
    text = describe(CaseEvent(at(20), "extend_period", "2026-04-02", "2026-04-17", "陈某", "双方同意"))
    assert text == "Mediation period extended: deadline April 2, 2026 → April 17, 2026"


def test_an_unknown_kind_is_shown_as_it_is() -> None:
    assert describe(CaseEvent(at(20), "printed", None, "调解协议书")) == "printed: 调解协议书"
    assert category("printed") is None
    assert category("transfer_track") is EventKind.TRACK
    assert category("sign") is EventKind.STATUS


def test_statuses_in_chinese_by_default() -> None:
    assert "→" in describe(CaseEvent(at(2), "status", "intake", "awaiting_consent"))


def test_times_with_and_without_zone_cannot_be_ordered() -> None:
    with pytest.raises(ValueError):
        Timeline.build([CaseEvent(at(2), "status"), CaseEvent(dt.datetime(2026, 3, 1), "status")])


def test_a_payment_is_told_in_the_readers_language_whoever_recorded_it() -> None:
    """The event keeps the amount and the day as data; a path read in Chinese never shows the
    English of the person who recorded the payment (and the other way round)."""
    payment = CaseEvent(
        at(20), "record_payment", None, payment_value(Decimal("1326.38"), dt.date(2026, 11, 19))
    )
    assert "1,326.38" in describe(payment) and "November 19, 2026" in describe(payment)
    set_language("zh_CN")
    chinese = describe(payment)
    assert chinese == "登记付款：1,326.38元 · 2026年11月19日"
    earlier = CaseEvent(at(20), "record_payment", None, "1,326.38 yuan · November 19, 2026")
    assert "1,326.38 yuan · November 19, 2026" in describe(earlier)  # stored before: shown as written
