"""Which law governs the judicial confirmation of a mediation agreement, by track and by date.

The table is ``resources/legal/judicial_confirmation.json`` (its sources are in the README beside
it): the 民事诉讼法 articles on confirming a mediation agreement changed number with the 2021 and
2023 amendments (194–195 until 2021-12-31, 201–202 in 2022–2023, 205–206 from 2024-01-01), and the
2021 amendment widened them from agreements reached "依照人民调解法等法律" before the mediation
organisation's basic court to any legally established mediation organisation, before the inviting
court or the basic court of a party's domicile, the property or the organisation. 人民调解法
第三十三条 governs people's mediation only. Every document cites through :func:`confirmation_law`
with its own date, so an application of 2021 cites the law of 2021.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from mediation_app.domain.enums import Track
from mediation_app.i18n import _
from mediation_app.paths import resources_dir

TABLE = ("legal", "judicial_confirmation.json")
CIVIL_PROCEDURE_LAW = "《中华人民共和国民事诉讼法》"
PEOPLES_MEDIATION_LAW = "《中华人民共和国人民调解法》"
JUDICIAL_INTERPRETATION_2011 = "《最高人民法院关于人民调解协议司法确认程序的若干规定》"


@dataclass(frozen=True)
class Article:
    law: str  # 《中华人民共和国民事诉讼法》
    number: int  # 205

    @property
    def cited(self) -> str:
        """``《中华人民共和国民事诉讼法》第二百零五条``."""
        return f"{self.law}第{article_numeral(self.number)}条"


@dataclass(frozen=True)
class ConfirmationLaw:
    """What governs an application made on ``on`` for an agreement reached on ``track``."""

    on: dt.date
    edition: str  # 2023年修正
    apply: Article  # where and when to apply
    ruling: Article  # what the court decides
    peoples_mediation: Article | None  # 人民调解法 第三十三条, for people's mediation only
    wide_courts: bool  # the 2021 rule: the inviting court, else a party's domicile, the property or the seat
    apply_text: str
    ruling_text: str

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article an application or an agreement cites, the special law first."""
        first = (self.peoples_mediation,) if self.peoples_mediation is not None else ()
        return (*first, self.apply, self.ruling)

    def citation(self) -> str:
        """``《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条、第二百零六条``."""
        parts: list[str] = []
        if self.peoples_mediation is not None:
            parts.append(self.peoples_mediation.cited)
        parts.append(f"{self.apply.cited}、第{article_numeral(self.ruling.number)}条")
        return "、".join(parts)


@cache
def _table() -> dict[str, Any]:
    path = resources_dir().joinpath(*TABLE)
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def confirmation_law(track: Track, on: dt.date) -> ConfirmationLaw:
    """The law in force on ``on`` for confirming an agreement reached on ``track``."""
    table = _table()
    for period in table["civil_procedure_law"]:
        start = dt.date.fromisoformat(period["from"])
        end = dt.date.fromisoformat(period["to"]) if period["to"] else None
        if start <= on and (end is None or on <= end):
            break
    else:
        raise ValueError(_("No confirmation law is on record for {date}.").format(date=on.isoformat()))
    people = table["people_mediation_law"]
    special = (
        Article(PEOPLES_MEDIATION_LAW, int(people["confirmation"]))
        if track is Track.PEOPLE and on >= dt.date.fromisoformat(people["in_force_from"])
        else None
    )
    return ConfirmationLaw(
        on=on,
        edition=str(period["edition"]),
        apply=Article(CIVIL_PROCEDURE_LAW, int(period["apply"])),
        ruling=Article(CIVIL_PROCEDURE_LAW, int(period["ruling"])),
        peoples_mediation=special,
        wide_courts=period["court_rule"] == "inviting_court_else_domicile_property_or_seat",
        apply_text=str(period["apply_text"]),
        ruling_text=str(period["ruling_text"]),
    )


def agreement_contents_article() -> Article:
    """人民调解法 第二十九条: what a settlement agreement states."""
    return Article(PEOPLES_MEDIATION_LAW, int(_table()["people_mediation_law"]["agreement_contents"]))


_DIGITS = "零一二三四五六七八九"


def article_numeral(number: int) -> str:
    """205 → 二百零五, 33 → 三十三, 10 → 十, 110 → 一百一十 (as statutes number their articles)."""
    if not 0 < number < 1000:
        raise ValueError(f"no article numeral for {number}")
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    text = ""
    if hundreds:
        text += _DIGITS[hundreds] + "百"
        if tens == 0 and units:
            return text + "零" + _DIGITS[units]
        if tens:
            text += _DIGITS[tens] + "十"
    elif tens:
        text += ("" if tens == 1 else _DIGITS[tens]) + "十"
    if units:
        text += _DIGITS[units]
    return text


__all__ = ["Article", "ConfirmationLaw", "agreement_contents_article", "article_numeral", "confirmation_law"]
