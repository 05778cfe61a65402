"""A document's data read back from its canonical JSON (what a final document stores) is the same
data: every document type of the centre's case round-trips, and malformed JSON is refused."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from mediation_app.documents.canonical import (
    canonical_json,
    content_hash,
    from_plain,
    load,
    normalised,
    registry,
    to_plain,
)
from mediation_app.documents.parties import Unit
from tests.support import sample_case as case

DOCUMENTS: dict[str, Callable[[], Any]] = {
    "agreement": case.agreement,
    "agreement with instalments": lambda: case.agreement(instalments=True),
    "intake": case.intake,
    "notice": case.notice,
    "statement": case.statement,
    "session record": case.session_record,
    "confirmation": case.confirmation,
    "follow-up": case.followup,
    "closing": case.closing,
    "case file": case.case_file,
    "monthly": case.monthly,
}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_document_type_reads_back_from_its_canonical_json(name: str) -> None:
    data = DOCUMENTS[name]()
    text = canonical_json(data)
    back = load(text)
    assert type(back) is type(data)
    assert back == data
    assert canonical_json(back) == text and content_hash(back) == content_hash(data)
    assert normalised(back) == back  # reading back twice changes nothing more


def test_amounts_come_back_with_two_places_and_finer_rates_keep_theirs() -> None:
    unit = dataclasses.replace(case.UNIT, area=Decimal("89.50"))
    plain = to_plain(unit)
    assert plain["area"] == "89.5"
    assert str(from_plain(plain).area) == "89.50"
    assert str(from_plain({**plain, "area": "1E+2"}).area) == "100.00"
    basis = normalised(case.statement().late_fee_basis)
    assert basis is not None and str(basis.daily_rate) == "0.0005"


def test_the_registry_knows_every_nested_type_by_a_unique_name() -> None:
    names = registry()
    for expected in (
        "SettlementAgreement",
        "Owner",
        "Instalment",
        "FeeMonth",
        "StatsRow",
        "CaseFile",
        "Unit",
    ):
        assert expected in names
    assert names["Unit"] is Unit


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda p: {**p, "$type": "Nonsense"}, "unknown document type"),
        (lambda p: {k: v for k, v in p.items() if k != "$type"}, "$type"),
        (lambda p: {**p, "colour": "red"}, "no field 'colour'"),
        (lambda p: {**p, "unit": {**p["unit"], "area": 119.42}}, "$.unit.area: an amount must be a string"),
        (lambda p: {**p, "copies": "3"}, "expected int"),
        (lambda p: {**p, "settlement": {**p["settlement"], "as_of": None}}, "$.settlement.as_of: null"),
        (lambda p: {**p, "company": {**p["company"], "$type": "Owner"}}, "a Owner where Company belongs"),
        (lambda p: {**p, "owners": None}, "$.owners: expected a list"),
        (lambda p: {**p, "number": None}, "$.number: null is not allowed"),
    ],
)
def test_malformed_data_is_refused_naming_the_place(
    change: Callable[[dict[str, Any]], Any], problem: str
) -> None:
    plain = json.loads(canonical_json(case.agreement()))
    with pytest.raises(ValueError, match=re.escape(problem)):
        from_plain(change(plain))
