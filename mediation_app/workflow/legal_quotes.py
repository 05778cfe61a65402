"""Quotations from the Civil Code's property-service articles, read from the shipped text.

The text lives in ``resources/legal/civil_code_937_950.txt`` (checked against the official
wording when it was added); notices quote it from there, so a correction in one place reaches
every SMS. The file has one article per block: ``第九百四十四条　`` (U+3000) opens an article, and
each following line is one paragraph (款).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from mediation_app.errors import NotFoundError
from mediation_app.i18n import _
from mediation_app.paths import resources_dir

CIVIL_CODE_FILE = Path("legal") / "civil_code_937_950.txt"

_HEADER = re.compile(r"^第([零一二三四五六七八九十百千]+)条\u3000(.*)$")
_DIGITS = dict(zip("零一二三四五六七八九", range(10), strict=True))
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int:
    """``九百四十四`` → 944, ``十二`` → 12 (the numerals of article numbers, below 10,000)."""
    total = 0
    digit: int | None = None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


@cache
def _articles(path: Path) -> dict[int, tuple[str, ...]]:
    articles: dict[int, list[str]] = {}
    current: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        header = _HEADER.match(line)
        if header:
            current = articles.setdefault(chinese_number(header.group(1)), [])
            current.append(header.group(2).strip())
        elif not line:
            current = None
        elif current is not None:
            current.append(line)
    return {number: tuple(paragraphs) for number, paragraphs in articles.items()}


def civil_code_articles(path: Path | None = None) -> dict[int, tuple[str, ...]]:
    """Article number → its paragraphs, as shipped."""
    source = path or resources_dir() / CIVIL_CODE_FILE
    if not source.is_file():
        raise NotFoundError(
            _("The Civil Code text is missing from this installation: {path}").format(path=source)
        )
    return _articles(source)


def civil_code_paragraph(article: int, paragraph: int, path: Path | None = None) -> str:
    """Paragraph ``paragraph`` (counted from 1) of ``article``, word for word."""
    paragraphs = civil_code_articles(path).get(article, ())
    if not 1 <= paragraph <= len(paragraphs):
        raise NotFoundError(
            _("The Civil Code text has no paragraph {paragraph} in article {article}.").format(
                paragraph=paragraph, article=article
            )
        )
    return paragraphs[paragraph - 1]
