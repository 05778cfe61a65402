"""Row seals, pure: the digest of a column is the same for the same value however it is typed on
its way back from SQLite or PostgreSQL, and different for any other value; a seal names the
columns that changed; seals survive their trip through the audit event's JSON."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from mediation_app.clock import CHINA
from mediation_app.domain.enums import ChargeKind
from mediation_app.domain.row_digest import RowSeal, field_digest, parse_seals, seals_json


def test_equal_values_digest_alike_and_others_differ() -> None:
    assert field_digest("claim_item", "3", "amount", Decimal("12.30")) == field_digest(
        "claim_item", "3", "amount", Decimal("12.3")
    )
    moment = dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHINA)
    assert field_digest("case", "1", "at", moment) == field_digest(
        "case", "1", "at", moment.astimezone(dt.UTC)
    )
    assert field_digest("claim_item", "3", "kind", ChargeKind.UTILITIES) == field_digest(
        "claim_item", "3", "kind", ChargeKind.UTILITIES.value
    )
    base = field_digest("claim_item", "3", "amount", Decimal("12.30"))
    for other in (
        field_digest("claim_item", "3", "amount", Decimal("123.00")),
        field_digest("claim_item", "4", "amount", Decimal("12.30")),  # another row
        field_digest("claim_item", "3", "position", Decimal("12.30")),  # another column
        field_digest("claim_item", "3", "amount", "12.3"),  # text is not a number
    ):
        assert other != base
    assert field_digest("t", "1", "c", None) != field_digest("t", "1", "c", "")
    assert field_digest("t", "1", "c", True) != field_digest("t", "1", "c", 1)


def test_a_seal_names_the_columns_that_differ_and_round_trips_through_json() -> None:
    values = {"amount": Decimal("14474.72"), "description": "物业服务费", "position": 0}
    seal = RowSeal.of("claim_item", "7", values)
    assert seal.differing("claim_item", "7", values) == []
    changed = {**values, "amount": Decimal("144747.20")}
    assert seal.differing("claim_item", "7", changed) == ["amount"]
    assert seal.differing("claim_item", "7", {**changed, "new_column": 1}) == ["amount"]  # unknown: skipped
    (back,) = parse_seals(seals_json([seal]))
    assert back == RowSeal("claim_item", "7", dict(seal.fields or {}))
    assert parse_seals(seals_json([RowSeal("claim_item", "8", None)])) == [RowSeal("claim_item", "8", None)]
    assert seals_json([]) == "" and parse_seals("") == [] and parse_seals("not json") == []


def test_the_digests_never_change() -> None:
    # Seals already in audit trails are checked against these: a change here breaks every one.
    pinned = {
        "物业服务费": "92b3c2e8597c1be6",
        "": "1fa922ee3f159fb9",
        7: "e24eb305b81bb92f",
        0: "0f6e57885e0d04f7",
        None: "01440cecfe5dbc50",
        True: "95318b256ad0fd0a",
        Decimal("12.30"): "174eab14ce5af06c",
        dt.date(2026, 11, 27): "2df2bf6a9e37f2ea",
        dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHINA): "6e5c8a32e10d9ec0",
        ChargeKind.UTILITIES: "d50c3c8b1d40a854",
        b"\x00\x01": "7cf2d6477a42cdf9",
    }
    for value, digest in pinned.items():
        assert field_digest("claim_item", "3", "amount", value) == digest, value
