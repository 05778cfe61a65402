"""Fictitious but valid identities: names, ID numbers, credit codes, phone numbers."""

from __future__ import annotations

import datetime as dt
import random

from stdnum.cn import ric, uscc

SURNAMES = "陈林黄郑吴王李张刘蔡许方杨朱翁余徐周谢车宋柯卓游彭"
LICHENG_REGION = "350304"
# Putian county codes valid for people born from 1983 (荔城区 itself exists only since 2002,
# and python-stdnum rightly rejects a code that did not exist in the birth year).
PUTIAN_BIRTH_REGIONS = ("350302", "350303", "350322", "350301")
MOBILE_PREFIXES = ("138", "139", "135", "137", "158", "159", "186", "188", "133", "153", "180", "189")


def person_name(rng: random.Random) -> str:
    """陈某, 林某某 … the way the centre's own reports anonymise people."""
    return rng.choice(SURNAMES) + ("某" if rng.random() < 0.45 else "某某")


def id_number(rng: random.Random, *, born_from: int = 1983, born_to: int = 2000) -> str:
    start = dt.date(born_from, 1, 1).toordinal()
    end = dt.date(born_to, 12, 31).toordinal()
    birth = dt.date.fromordinal(rng.randint(start, end))
    region = rng.choice(PUTIAN_BIRTH_REGIONS)
    body = f"{region}{birth:%Y%m%d}{rng.randint(1, 999):03d}"
    return body + ric.calc_check_digit(body + "0")  # the function skips a check-digit slot


def credit_code(rng: random.Random, region: str = LICHENG_REGION) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91" + region + "MA" + "".join(rng.choice(alphabet) for _ in range(7))
    return body + uscc.calc_check_digit(body)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"
