"""权利义务告知书（诉前调解告知书）: the notice each party receives when pre-litigation mediation
starts — what mediation is and costs (nothing), how long it runs, that asking for it interrupts
the limitation period, the parties' rights and duties under the People's Mediation Law
(arts. 23–24), judicial confirmation and the way to court, and the Civil Code's articles on
property-service contracts (937–950), quoted word for word from the shipped text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from mediation_app.documents.parties import Organisation
from mediation_app.workflow.legal_quotes import civil_code_articles

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_numeral(number: int) -> str:
    """937 → 九百三十七, 940 → 九百四十, 905 → 九百零五, 10 → 十, 15 → 十五 (article numbers)."""
    if not 0 < number < 10000:
        raise ValueError(f"article numbers run from 1 to 9999: {number}")
    text = ""
    rest = number
    pending_zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                text += "零"
                pending_zero = False
            text += ("" if (digit == 1 and value == 10 and not text) else _DIGITS[digit]) + unit
        elif text:
            pending_zero = True
    if rest:
        if pending_zero:
            text += "零"
        text += _DIGITS[rest]
    return text


@dataclass(frozen=True)
class LegalArticle:
    number: int
    heading: str  # 第九百四十四条
    paragraphs: tuple[str, ...]


def civil_code(numbers: Iterable[int] = range(937, 951)) -> tuple[LegalArticle, ...]:
    """The Civil Code articles ``numbers`` from ``resources/legal`` (937–950 by default)."""
    texts = civil_code_articles()
    return tuple(LegalArticle(number, f"第{chinese_numeral(number)}条", texts[number]) for number in numbers)


@dataclass(frozen=True)
class RightsNotice:
    case_number: str
    organisation: Organisation
    addressees: tuple[str, ...]  # every party, by name: the notice goes to each
    mediation_days: int  # the mediation period (30 unless extended)
    court: str  # the court for judicial confirmation or a lawsuit
    articles: tuple[LegalArticle, ...]  # quoted in full
    date: dt.date
    pre_litigation: bool = True  # assigned by a court before filing (诉前调解); else the parties applied
    law: str = ""  # the articles on judicial confirmation for the case's track, as in force on its date
