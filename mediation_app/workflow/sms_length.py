"""How many SMS parts a text costs.

Mainland China platforms (Aliyun, Huawei Cloud, Tencent Cloud all document the same rule) count
every character as one — Chinese or Latin, full- or half-width, the signature 【…】 included — and
bill 70 characters as one message; a longer text is split into parts of 67 (the rest of each
part carries the concatenation header). Numbers abroad follow the GSM rules instead: a text of
GSM-7 characters only fits 160 (153 per part, the extension characters counting two); any other
character switches the whole text to UCS-2 at 70/67 per part, counted in UTF-16 units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DOMESTIC_SINGLE = 70
DOMESTIC_PART = 67
GSM_SINGLE = 160
GSM_PART = 153
UCS2_SINGLE = 70
UCS2_PART = 67
MAX_CHARACTERS = 500
"""The platforms refuse a text (signature included) longer than this."""

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = set("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsLength:
    characters: int
    segments: int
    encoding: str  # "domestic", "gsm7" or "ucs2"

    @property
    def too_long(self) -> bool:
        return self.characters > MAX_CHARACTERS


def sms_length(text: str, signature: str = "", *, domestic: bool = True) -> SmsLength:
    """Characters and parts of ``signature + text`` sent to a mainland (``domestic``) number or abroad."""
    full = signature + text
    if domestic:
        return SmsLength(len(full), _segments(len(full), DOMESTIC_SINGLE, DOMESTIC_PART), "domestic")
    if all(c in _GSM_BASIC or c in _GSM_EXTENSION for c in full):
        units = sum(2 if c in _GSM_EXTENSION else 1 for c in full)
        return SmsLength(units, _segments(units, GSM_SINGLE, GSM_PART), "gsm7")
    units = len(full.encode("utf-16-le")) // 2
    return SmsLength(units, _segments(units, UCS2_SINGLE, UCS2_PART), "ucs2")


def _segments(units: int, single: int, part: int) -> int:
    if units == 0:
        return 0
    if units <= single:
        return 1
    return math.ceil(units / part)
