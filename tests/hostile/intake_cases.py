"""Hostile input to the intake form (受理登记): what the dialog sends the intake service.

Each case changes one field of the centre's own case (车某) and registers it; the service must
refuse with the field named, writing nothing. The same validators serve the import and
corrections (see ``import_cases``).
"""

from __future__ import annotations

import copy
from typing import Any

from stdnum.cn import ric

from mediation_app.domain.enums import ChargeKind
from mediation_app.services.cases.intake import ClaimLine, IntakeForm, intake_case
from mediation_app.storage.models import Case
from tests.hostile.harness import Env, Hostile, Said
from tests.support.intake_setup import CLERK


def with_check_digit(body: str) -> str:
    """An 18-character ID number with the right check digit for its first 17."""
    return body + ric.calc_check_digit(body + "0")


def base_form(env: Env) -> IntakeForm:
    form: IntakeForm = copy.deepcopy(env.extra["intake_form"])
    return form


def _set(form: IntakeForm, path: str, value: Any) -> None:
    target: Any = form
    *parents, last = path.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else getattr(target, part)
    if last.isdigit():
        target[int(last)] = value
    else:
        setattr(target, last, value)


def register(changes: dict[str, Any]) -> Any:
    def attempt(env: Env) -> Said:
        form = base_form(env)
        for path, value in changes.items():
            _set(form, path, value)
        with env.db.unit_of_work(CLERK) as uow:
            intake_case(uow, form)
        return Said()

    return attempt


def accepted(changes: dict[str, Any], check: Any) -> Any:
    """Register with ``changes``; ``check(case)`` says whether what was stored is right."""

    def attempt(env: Env) -> Said:
        form = base_form(env)
        for path, value in changes.items():
            _set(form, path, value)
        with env.db.unit_of_work(CLERK) as uow:
            ref = intake_case(uow, form)
        with env.db.read() as session:
            case = session.get(Case, ref.id)
            assert case is not None
            ok = bool(check(case))
            shown = f"{case.owner.name} {case.unit.building} {case.unit.room} {case.claimed_total}"
        return Said((shown,), ok)

    return attempt


def _intake(what: str, changes: dict[str, Any], where: str, words: str) -> Hostile:
    return Hostile("intake", what, register(changes), where, words)


AMOUNT = "claims.0.amount"
PLAIN_ID = with_check_digit("35030219850618041")
FULL_WIDTH_ID = "".join(chr(ord(char) + 0xFEE0) for char in PLAIN_ID)  # ３５０３…
MANY_CLAIMS = [ClaimLine(ChargeKind.SERVICE_FEE, "物业服务费", "", "", "1.00")] * 51

CASES = [
    # Figures: written to cost exact arithmetic, or no case could have.
    _intake("amount 1e30", {AMOUNT: "1e30"}, "claims[0].amount", "exponent"),
    _intake("amount of 20 digits", {AMOUNT: "12345678901234567890"}, "claims[0].amount", "too many digits"),
    _intake("amount of 5,001 digits", {AMOUNT: "9" * 5001}, "claims[0].amount", "too many digits (5001)"),
    _intake("amount 92 quadrillion", {AMOUNT: "92000000000000000"}, "claims[0].amount", "too many digits"),
    _intake("amount 10^10 yuan", {AMOUNT: "10000000000"}, "claims[0].amount", "less than 10,000,000,000"),
    _intake("amount -5", {AMOUNT: "-5"}, "claims[0].amount", "greater than zero"),
    _intake("amount NaN", {AMOUNT: "NaN"}, "claims[0].amount", "not a number"),
    _intake("amount Infinity", {AMOUNT: "Infinity"}, "claims[0].amount", "not a number"),
    _intake("amount 1_000 (Python's digit groups)", {AMOUNT: "1_000"}, "claims[0].amount", "not a number"),
    _intake("amount in Arabic-Indic digits", {AMOUNT: "٣٠٠"}, "claims[0].amount", "not a number"),
    _intake("amount with three decimals", {AMOUNT: "12.345"}, "claims[0].amount", "2 decimal places"),
    _intake(
        "two claims of 6 billion (the total past the bound)",
        {AMOUNT: "6000000000.00", "claims.1.amount": "6000000000.00"},
        "claims",
        "less than 10,000,000,000",
    ),
    _intake("51 claimed items", {"claims": MANY_CLAIMS}, "claims", "more than 50 items"),
    _intake("area 1e-10000000", {"unit.area": "1e-10000000"}, "unit.area", "exponent"),
    _intake("area 99,999,999,999.99 m²", {"unit.area": "99999999999.99"}, "unit.area", "at most 100,000 m²"),
    _intake("area 0", {"unit.area": "0"}, "unit.area", "greater than zero"),
    _intake(
        "fee standard -2.80", {"unit.rate": "-2.80", "unit.rate_from": "2017-08"}, "unit.rate", "negative"
    ),
    _intake(
        "fee standard 1,000.01",
        {"unit.rate": "1000.01", "unit.rate_from": "2017-08"},
        "unit.rate",
        "at most 1,000",
    ),
    _intake(
        "fee standard 2.8E0", {"unit.rate": "2.8E0", "unit.rate_from": "2017-08"}, "unit.rate", "exponent"
    ),
    _intake(
        "late fee 2% a day", {"late_fee_daily_rate": "0.02"}, "late_fee_daily_rate", "at most 0.01 a day"
    ),
    _intake("late fee 0 a day", {"late_fee_daily_rate": "0"}, "late_fee_daily_rate", "greater than zero"),
    _intake(
        "late fee -0.0005", {"late_fee_daily_rate": "-0.0005"}, "late_fee_daily_rate", "greater than zero"
    ),
    # Dates no case could have.
    _intake(
        "handover 1900-01-01", {"unit.handover_date": "1900-01-01"}, "unit.handover_date", "before 1990-01-01"
    ),
    _intake("handover 9999-12-31", {"unit.handover_date": "9999-12-31"}, "unit.handover_date", "is after"),
    _intake("handover 0000-01-01", {"unit.handover_date": "0000-01-01"}, "unit.handover_date", "not a valid"),
    _intake("arrears to 2099-12-31", {"claims.0.period_to": "2099-12-31"}, "claims[0].period_to", "is after"),
    _intake(
        "arrears from 1989-12-31", {"claims.0.period_from": "1989-12-31"}, "claims[0].period_from", "before"
    ),
    _intake(
        "fee standard from 1989-12",
        {"unit.rate": "2.80", "unit.rate_from": "1989-12"},
        "unit.rate_from",
        "before",
    ),
    _intake(
        "fee standard from month 13",
        {"unit.rate": "2.80", "unit.rate_from": "2017-13"},
        "unit.rate_from",
        "month",
    ),
    _intake("intake date 1989-01-01", {"intake_date": "1989-01-01"}, "intake_date", "before 1990-01-01"),
    _intake("intake date in Arabic-Indic digits", {"intake_date": "٢٠٢٦-١١-٢٠"}, "intake_date", "not a date"),
    # ID numbers: the check digit, the date and the county are each checked.
    _intake(
        "ID number with a wrong check digit",
        {"owner.id_number": "350304199506121234"},
        "owner.id_number",
        "check digit",
    ),
    _intake(
        "ID number born on the 13th month",
        {"owner.id_number": with_check_digit("35030419951312123")},
        "owner.id_number",
        "not a date",
    ),
    _intake(
        "ID number born in 2099",
        {"owner.id_number": with_check_digit("35030420990612123")},
        "owner.id_number",
        "not plausible",
    ),
    _intake(
        "ID number of an unknown county 990304",
        {"owner.id_number": with_check_digit("99030419950612123")},
        "owner.id_number",
        "not a county",
    ),
    _intake(
        "ID number of a city code 350300 (not a county)",
        {"owner.id_number": with_check_digit("35039919950612123")},
        "owner.id_number",
        "not a county",
    ),
    # Text: invisible characters, named by their code point.
    _intake("name with a zero-width space", {"owner.name": "车\u200b某"}, "owner.name", "zero-width"),
    _intake(
        "name with a right-to-left override", {"owner.name": "车某\u202e"}, "owner.name", "text-direction"
    ),
    _intake("name with a BOM inside", {"owner.name": "车\ufeff某"}, "owner.name", "zero-width"),
    _intake("name with a soft hyphen", {"owner.name": "车\u00ad某"}, "owner.name", "formatting character"),
    _intake(
        "company with a left-to-right mark",
        {"company.existing_id": None, "company.name": "荔安\u200e物业"},
        "company.name",
        "text-direction",
    ),
    _intake(
        "address with a NUL byte", {"owner.address": "荔景花园\x00"}, "owner.address", "control character"
    ),
    _intake("building with a word joiner", {"unit.building": "3\u2060幢"}, "unit.building", "zero-width"),
    _intake("summary with a bidi isolate", {"summary": "欠费\u2066说明\u2069"}, "summary", "text-direction"),
    _intake(
        "claim description with a zero-width joiner",
        {"claims.0.description": "物业\u200d服务费"},
        "claims[0].description",
        "zero-width",
    ),
    _intake(
        "court with a pop-directional-formatting",
        {"assigning_court": "荔城区人民法院\u202c"},
        "assigning_court",
        "text-direction",
    ),
    _intake("a name of 61 characters", {"owner.name": "车" * 61}, "owner.name", "too long"),
    # Accepted, and stored right.
    Hostile(
        "intake",
        "a genuine 荔城区 owner born in 1995 (county created in 2002)",
        accepted(
            {"owner.id_number": "350304199506121233", "owner.name": "林某"},
            lambda case: (
                case.owner.id_number == "350304199506121233"
                and case.owner.birth_date.isoformat() == "1995-06-12"
            ),
        ),
    ),
    Hostile(
        "intake",
        "full-width letters and digits, stored normalised (NFKC), Chinese punctuation kept",
        accepted(
            {
                "owner.id_number": FULL_WIDTH_ID,
                "owner.name": "ＡＢＣ车某（代）",
                "unit.room": "１５０２",
                "claims.0.amount": "１４４７４．７２",
            },
            lambda case: (
                case.owner.name == "ABC车某（代）"
                and case.owner.id_number == PLAIN_ID
                and case.unit.room == "1502"
            ),
        ),
    ),
    Hostile(
        "intake",
        "figures at the upper bound (9,999,999,999.99 yuan, 100,000 m²)",
        accepted(
            {
                "owner.id_number": with_check_digit("35030219900101123"),
                "unit.room": "9901",
                "unit.area": "100000",
                "claims": [
                    ClaimLine(
                        ChargeKind.SERVICE_FEE, "物业服务费", "1990-01-01", "2026-11-20", "9999999999.99"
                    )
                ],
            },
            lambda case: str(case.claimed_total) == "9999999999.99" and str(case.unit.area) == "100000.00",
        ),
    ),
]
