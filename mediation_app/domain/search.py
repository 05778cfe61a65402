"""How search text is folded: one function, :func:`normalise`, for what is stored and what is typed.

The case list finds a case by one denormalised column, ``case.search_text``, with a plain
``LIKE '%word%'``. Everything forgiving happens here, in Python, on both sides, so SQLite and
PostgreSQL find exactly the same cases (SQLite's LIKE folds ASCII case, PostgreSQL's does not;
neither folds width):

- NFKC and case folding: ＡＢＣ, abc and ABC are one word; full-width digits are digits;
- brackets of every kind are dropped: 荔物调(2026)0104号, 荔物调（2026）0104号 and 荔物调〔2026〕0104号
  are one number;
- zero-width and bidirectional controls are dropped (a name pasted with one is still found);
- 栋, 棟, 号楼 and # after a building's number read as 幢: 5栋1201 is 5幢1201;
- digits grouped by spaces or dashes are joined when they make seven digits or more: a phone
  typed 138 1234 5678 or 138-1234-5678, or an ID number in groups (a room's 5-1201 stays);
- spaces separate words; a case matches when it holds every word.

ID numbers: the stored text holds the last six characters (as before: enough to find an owner
from a receipt without holding a number a substring search could read back) and a token of the
whole number (:func:`id_token`), a keyed hash (BLAKE2b) written in private-use characters. A typed query
can never contain those characters (they are dropped), so the token matches only when a word is
a whole ID number, which :func:`query_words` turns into the same token: a full number finds the
case, and no part of it can be probed digit by digit.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

SEPARATOR = "\n"  # search words never contain a line break, so no match spans two parts

# Not a secret (the owner table holds the number itself): it keeps the token specific to this
# use, so the column holds nothing that equals a hash of the number computed anywhere else.
_ID_TOKEN_KEY = b"mediation-app/search/id-number/v1"
_TOKEN_BASE = 0xE000  # private-use characters: never typed, dropped from every query
_TOKEN_BYTES = 8  # 64 bits of the keyed hash, one private-use character per four bits

# Dropped: control characters other than whitespace, format characters (zero-width and bidi
# controls, the soft hyphen, tags …), private use (the ID token's alphabet) and lone surrogates.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff"
    "\ue000-\uf8ff\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\U000f0000-\U0010ffff]"
)
_BRACKETS = dict.fromkeys(map(ord, "()[]{}<>〔〕【】〖〗〘〙〚〛〈〉《》「」『』"), None)
_GAP = r"[\s\-‐‑‒–—―−]"  # what people put between groups of digits
_BUILDING = re.compile(r"(?<=\d)\s*(?:号楼|#楼|#|栋|棟)")
_DIGIT_GROUPS = re.compile(rf"(?<!\d)\d+(?:{_GAP}+\d+)+(?:{_GAP}*x)?(?!\d)")
_FULL_ID = re.compile(r"^\d{17}[\dx]$")
_BUILDING_NUMBER = re.compile(r"^(\w+?)(?:幢|号|座|楼)$")
_JOIN_FROM_DIGITS = 7


def _join_digits(match: re.Match[str]) -> str:
    text = match.group(0)
    joined = re.sub(_GAP, "", text)
    digits = sum(ch.isdigit() for ch in joined)
    return joined if digits >= _JOIN_FROM_DIGITS else text


def normalise(text: str) -> str:
    """``text`` folded for search: the stored text and every query go through this function."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = text.casefold().translate(_BRACKETS)
    text = _BUILDING.sub("幢", text)
    text = _DIGIT_GROUPS.sub(_join_digits, text)
    return " ".join(text.split())


def id_token(id_number: str | None) -> str:
    """The whole ID number as a token only a whole typed number finds ('' for none)."""
    folded = _stored(id_number or "")
    if not folded:
        return ""
    digest = hashlib.blake2b(folded.encode("utf-8"), key=_ID_TOKEN_KEY, digest_size=_TOKEN_BYTES).digest()
    return "".join(chr(_TOKEN_BASE + (byte >> 4)) + chr(_TOKEN_BASE + (byte & 15)) for byte in digest)


def query_words(text: str) -> list[str]:
    """The words a case must all contain, for the search box's ``text``."""
    return [id_token(word) if _FULL_ID.match(word) else word for word in normalise(text).split()]


def _stored(part: str) -> str:
    return "".join(normalise(part).split())  # typed words never hold a space: parts need none


def compose(
    number: str,
    people: Iterable[tuple[str, str | None, str | None]],
    community: str,
    building: str,
    room: str,
    company: str,
) -> str:
    """The search text of a case: its number; each owner's name, phone, ID tail and ID token; the
    community, the unit in the forms people write it (5幢, 1201, 5幢1201, 5-1201, with the
    community before it); the company."""
    parts: list[str] = [_stored(number)]
    tokens: list[str] = []
    for name, phone, id_number in people:
        folded_id = _stored(id_number or "")
        parts += [_stored(name), _stored(phone or ""), folded_id[-6:]]
        tokens.append(id_token(id_number))
    # Each piece folded once; the combined forms are joined from the folded pieces, which is what
    # folding the joined text gives for a unit's number (the one exception, digits on both sides
    # of a dash making seven or more, is no building-and-room a person types).
    place, block, flat = _stored(community), _stored(building), _stored(room)
    parts += [place, block, flat, f"{block}{flat}", f"{block}-{flat}", f"{place}{block}{flat}"]
    short = _BUILDING_NUMBER.match(block)
    if short and flat:
        parts.append(f"{short.group(1)}-{flat}")
    parts.append(_stored(company))
    stored = parts + tokens
    return SEPARATOR.join(dict.fromkeys(part for part in stored if part))
