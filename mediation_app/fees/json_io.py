"""The calculator's JSON form: input dict → dataclasses, result → JSON-able dict.

Money and rates travel as decimal strings (``"2.20"``), dates as ISO strings. A JSON number is
accepted when the JSON was read with :func:`load_json` (as the ``calc`` command does: the
number is kept as written, then read like the same figure as text, so an exponent or thousands
of digits are refused before any arithmetic) or with ``parse_float=Decimal``; a Python float
has already lost the exact figure and is refused. A bill's period is a month or a range of days
(:mod:`.periods`). Every error is a ValidationError naming the JSON path
(``service_fee.rates[1].rate``). Unknown keys are errors too: a misspelt ``cap_ratio`` silently
ignored would change the figures a judge relies on.

The output has the keys of the contract (``CONTRACT_KEYS``), in its order and form, followed by
the extensions: ``late_fee.daily_rate/annual_rate/grace_days/applies_to``, ``utilities.lines``,
``payments`` with their allocations, ``yardstick`` and ``warnings``.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from mediation_app.domain.bounds import check_integer, check_number_text, shown
from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.fields import invalid, label
from mediation_app.fees.inputs import (
    CalcInput,
    Discount,
    DiscountKind,
    FixedDiscount,
    LateFeeTerms,
    LateFeeWaiver,
    LimitationTerms,
    Payment,
    RateChange,
    RateReduction,
    ServiceFeeTerms,
    UtilityBill,
)
from mediation_app.fees.months import Month, parse_iso_date
from mediation_app.fees.periods import BillPeriod, period_json
from mediation_app.fees.results import Result
from mediation_app.fees.validation import MAX_DISCOUNTS, MAX_ITEMS
from mediation_app.formatting import plain_amount
from mediation_app.i18n import _
from mediation_app.money import FEN, parse_decimal, parse_money

_TOP_KEYS = ("area", "as_of", "service_fee", "utilities", "payments", "late_fee", "limitation", "discounts")
_DISCOUNT_KEYS = {
    DiscountKind.RATE_REDUCTION: ("type", "per_m2", "from", "to"),
    DiscountKind.LATE_FEE_WAIVER: ("type", "ratio"),
    DiscountKind.FIXED: ("type", "amount"),
}

CONTRACT_KEYS = (
    "service_fee",
    "utilities_total",
    "paid",
    "credit",
    "principal_outstanding",
    "late_fee",
    "time_barred",
    "discounts",
    "discount_total",
    "payable",
    "payable_uppercase",
)


# ----------------------------------------------------------------------------------------- input


def _join(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _object(value: Any, path: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise invalid(path, _("must be a JSON object {...}"))
    for key in value:
        if key not in keys:
            raise invalid(_join(path, str(key)), _("is not a known field"))
    # A null value is the same as an absent key: the output writes a missing cap as null.
    return {key: item for key, item in value.items() if item is not None}


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise invalid(path, _("must be a JSON list [...]"))
    return value


def _required(obj: dict[str, Any], parent: str, key: str) -> Any:
    if key not in obj:
        raise invalid(_join(parent, key), _("is required"))
    return obj[key]


def _date(value: Any, path: str) -> dt.date:
    if not isinstance(value, str):
        raise invalid(path, _('must be a date written as text, such as "2021-03-09"'))
    try:
        return parse_iso_date(value)
    except ValueError:
        raise invalid(
            path, _("is not a date in the form YYYY-MM-DD: {value!r}").format(value=shown(value))
        ) from None


def _month(value: Any, path: str) -> Month:
    if not isinstance(value, str):
        raise invalid(path, _('must be a month written as text, such as "2017-08"'))
    try:
        return Month.parse(value)
    except ValueError:
        raise invalid(
            path, _("is not a month in the form YYYY-MM: {value!r}").format(value=shown(value))
        ) from None


def _quoted(value: Any) -> str:
    """A value an error message quotes, cut short: a hostile input still gives one short line."""
    return shown(value if isinstance(value, str) else repr(value))


def _whole_number(value: Any, path: str) -> int:
    if isinstance(value, JsonNumber):
        text = check_number_text(value.text, path, label(path))
        if not (text.isascii() and text.lstrip("-").isdigit()):
            raise invalid(path, _("must be a whole number"))
        return int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(path, _("must be a whole number"))
    return check_integer(value, path, label(path))


def _decimal(value: Any, path: str) -> Decimal:
    # A number written in the JSON is read like the same figure written as text.
    return parse_decimal(value.text if isinstance(value, JsonNumber) else value, path, label=label(path))


def _money(value: Any, path: str) -> Decimal:
    return parse_money(value.text if isinstance(value, JsonNumber) else value, path, label=label(path))


def _items(value: Any, path: str, maximum: int = MAX_ITEMS) -> list[Any]:
    """A JSON list of at most ``maximum`` items (refused before any item is read)."""
    items = _list(value, path)
    if len(items) > maximum:
        raise invalid(
            path,
            _("has {count} items; at most {maximum} are accepted").format(count=len(items), maximum=maximum),
        )
    return items


class JsonNumber:
    """A number as written in the JSON text, kept as text until its field is known.

    :func:`load_json` reads numbers this way, so that ``1e-10000000`` or a 5,001-digit integer is
    refused with the field's name instead of becoming a number first (Python's own ``int()``
    refuses more than 4,300 digits with a bare ValueError, and a Decimal with a huge exponent
    costs minutes of exact arithmetic later).
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        # As an error message quotes a value: the number as written, cut short.
        return shown(self.text)


def load_json(text: str) -> Any:
    """The calculator's JSON, with every number as a :class:`JsonNumber` and NaN or Infinity as
    plain text (which no figure accepts). Raises json.JSONDecodeError and RecursionError."""
    return json.loads(text, parse_float=JsonNumber, parse_int=JsonNumber, parse_constant=str)


def parse_input(data: Any) -> CalcInput:
    """The calculator input from its JSON form (a dict as ``json.loads`` or :func:`load_json`
    returns it). Checks the form: fields, types, dates, and how each number is written (no
    exponent, a bounded number of digits: see :mod:`mediation_app.domain.bounds`); the ranges
    are checked by :func:`~mediation_app.fees.calculate`."""
    top = _object(data, "", _TOP_KEYS)
    area = _decimal(_required(top, "", "area"), "area")
    as_of = _date(_required(top, "", "as_of"), "as_of")
    return CalcInput(
        area=area,
        as_of=as_of,
        service_fee=_service_fee(top["service_fee"]) if "service_fee" in top else None,
        utilities=tuple(
            _utility(item, f"utilities[{i}]")
            for i, item in enumerate(_items(top.get("utilities", []), "utilities"))
        ),
        payments=tuple(
            _payment(item, f"payments[{i}]")
            for i, item in enumerate(_items(top.get("payments", []), "payments"))
        ),
        late_fee=_late_fee(top["late_fee"]) if "late_fee" in top else None,
        limitation=_limitation(top["limitation"]) if "limitation" in top else None,
        discounts=tuple(
            _discount(item, f"discounts[{i}]")
            for i, item in enumerate(_items(top.get("discounts", []), "discounts", MAX_DISCOUNTS))
        ),
    )


def parse_discounts(data: Any) -> tuple[Discount, ...]:
    """A list of discounts in the calculator's contract (its input's ``"discounts"``), each named
    ``discounts[i]`` in an error, as in a whole input."""
    return tuple(
        _discount(item, f"discounts[{i}]") for i, item in enumerate(_items(data, "discounts", MAX_DISCOUNTS))
    )


def _service_fee(value: Any) -> ServiceFeeTerms:
    path = "service_fee"
    obj = _object(value, path, ("rates", "start", "end", "due_day"))
    rates = []
    for i, item in enumerate(_items(_required(obj, path, "rates"), "service_fee.rates")):
        item_path = f"service_fee.rates[{i}]"
        rate = _object(item, item_path, ("from", "rate"))
        rates.append(
            RateChange(
                start=_month(_required(rate, item_path, "from"), f"{item_path}.from"),
                rate=_decimal(_required(rate, item_path, "rate"), f"{item_path}.rate"),
            )
        )
    return ServiceFeeTerms(
        rates=tuple(rates),
        start=_date(_required(obj, path, "start"), "service_fee.start"),
        end=_date(_required(obj, path, "end"), "service_fee.end"),
        due_day=_whole_number(obj["due_day"], "service_fee.due_day") if "due_day" in obj else 1,
    )


def _utility(value: Any, path: str) -> UtilityBill:
    obj = _object(value, path, ("period", "amount", "due"))
    return UtilityBill(
        period=_bill_period(_required(obj, path, "period"), f"{path}.period"),
        amount=_money(_required(obj, path, "amount"), f"{path}.amount"),
        due=_date(_required(obj, path, "due"), f"{path}.due"),
    )


def _bill_period(value: Any, path: str) -> Month | BillPeriod:
    """A month (``"2020-12"``) or a range (``{"from", "to"}``; also ``"2020-Q4"`` and
    ``"2020-10-01..2020-12-31"``); a range that is one calendar month is that month."""
    if isinstance(value, str) and len(value) == 7 and value[4] == "-" and value[5:].isdigit():
        return _month(value, path)  # the common case, and its own error message
    period = BillPeriod.parse(value, path, label(path))
    return period.calendar_month or period


def _payment(value: Any, path: str) -> Payment:
    obj = _object(value, path, ("date", "amount"))
    return Payment(
        date=_date(_required(obj, path, "date"), f"{path}.date"),
        amount=_money(_required(obj, path, "amount"), f"{path}.amount"),
    )


def _late_fee(value: Any) -> LateFeeTerms:
    path = "late_fee"
    obj = _object(value, path, ("daily_rate", "grace_days", "applies_to", "cap_ratio"))
    applies_to: tuple[ChargeKind, ...] = (ChargeKind.SERVICE_FEE,)
    if "applies_to" in obj:
        kinds = []
        for i, item in enumerate(_items(obj["applies_to"], "late_fee.applies_to")):
            if item not in (ChargeKind.SERVICE_FEE.value, ChargeKind.UTILITIES.value):
                raise invalid(
                    f"late_fee.applies_to[{i}]",
                    _('must be "service_fee" or "utilities", not {value!r}').format(value=_quoted(item)),
                )
            kinds.append(ChargeKind(item))
        applies_to = tuple(dict.fromkeys(kinds))
    return LateFeeTerms(
        daily_rate=_decimal(_required(obj, path, "daily_rate"), "late_fee.daily_rate"),
        grace_days=_whole_number(obj["grace_days"], "late_fee.grace_days") if "grace_days" in obj else 0,
        applies_to=applies_to,
        cap_ratio=_decimal(obj["cap_ratio"], "late_fee.cap_ratio") if "cap_ratio" in obj else None,
    )


def _limitation(value: Any) -> LimitationTerms:
    path = "limitation"
    obj = _object(value, path, ("claim_date", "interruptions"))
    interruptions = _items(obj.get("interruptions", []), "limitation.interruptions")
    return LimitationTerms(
        claim_date=_date(_required(obj, path, "claim_date"), "limitation.claim_date"),
        interruptions=tuple(
            _date(item, f"limitation.interruptions[{i}]") for i, item in enumerate(interruptions)
        ),
    )


def _discount(value: Any, path: str) -> Discount:
    if not isinstance(value, dict):
        raise invalid(path, _("must be a JSON object {...}"))
    kind_text = value.get("type")
    if kind_text is None:
        raise invalid(f"{path}.type", _("is required"))
    try:
        kind = DiscountKind(kind_text)
    except ValueError:
        raise invalid(
            f"{path}.type",
            _("is not a known discount type: {value!r} (use {choices})").format(
                value=_quoted(kind_text), choices=", ".join(k.value for k in DiscountKind)
            ),
        ) from None
    obj = _object(value, path, _DISCOUNT_KEYS[kind])
    if kind is DiscountKind.RATE_REDUCTION:
        return RateReduction(
            per_m2=_decimal(_required(obj, path, "per_m2"), f"{path}.per_m2"),
            start=_month(obj["from"], f"{path}.from") if "from" in obj else None,
            end=_month(obj["to"], f"{path}.to") if "to" in obj else None,
        )
    if kind is DiscountKind.LATE_FEE_WAIVER:
        return LateFeeWaiver(ratio=_decimal(_required(obj, path, "ratio"), f"{path}.ratio"))
    return FixedDiscount(amount=_money(_required(obj, path, "amount"), f"{path}.amount"))


# ---------------------------------------------------------------------------------------- output


def _rate(value: Decimal) -> str:
    """A unit price with at least two decimals (``2.2`` → ``"2.20"``, ``2.205`` stays)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        value = value.quantize(FEN)
    return format(value, "f")


def result_to_dict(result: Result, *, contract_only: bool = False) -> dict[str, Any]:
    """The result as JSON-able data: money as strings with two decimals, dates ISO.

    With ``contract_only`` only the keys of the contract (the form of the worked examples).
    """
    late_fee: dict[str, Any] = {
        "computed": plain_amount(result.late_fee.computed),
        "cap": plain_amount(result.late_fee.cap) if result.late_fee.cap is not None else None,
        "total": plain_amount(result.late_fee.total),
    }
    data: dict[str, Any] = {
        "service_fee": {
            "lines": [
                {
                    "month": str(line.month),
                    "days": line.days,
                    "rate": _rate(line.rate),
                    "amount": plain_amount(line.amount),
                    "due": line.due.isoformat(),
                    "outstanding": plain_amount(line.outstanding),
                    "late_fee": plain_amount(line.late_fee),
                }
                for line in result.service_fee_lines
            ],
            "total": plain_amount(result.service_fee_total),
        },
        "utilities_total": plain_amount(result.utilities_total),
        "paid": plain_amount(result.paid),
        "credit": plain_amount(result.credit),
        "principal_outstanding": plain_amount(result.principal_outstanding),
        "late_fee": late_fee,
        "time_barred": {
            "principal": plain_amount(result.time_barred.principal),
            "charges": list(result.time_barred.charges),
        },
        "discounts": [
            {"type": line.kind.value, "amount": plain_amount(line.amount)} for line in result.discounts
        ],
        "discount_total": plain_amount(result.discount_total),
        "payable": plain_amount(result.payable),
        "payable_uppercase": result.payable_uppercase,
    }
    if contract_only:
        return data
    summary = result.late_fee
    late_fee["daily_rate"] = format(summary.daily_rate, "f") if summary.daily_rate is not None else None
    late_fee["annual_rate"] = format(summary.annual_rate, "f") if summary.annual_rate is not None else None
    late_fee["grace_days"] = summary.grace_days
    late_fee["applies_to"] = [kind.value for kind in summary.applies_to]
    data["utilities"] = {
        "lines": [
            {
                "period": period_json(line.period),
                "amount": plain_amount(line.amount),
                "due": line.due.isoformat(),
                "outstanding": plain_amount(line.outstanding),
                "late_fee": plain_amount(line.late_fee),
            }
            for line in result.utility_lines
        ]
    }
    data["payments"] = [
        {
            "date": payment.date.isoformat(),
            "amount": plain_amount(payment.amount),
            "applied": [
                {"charge": part.charge, "amount": plain_amount(part.amount)} for part in payment.applied
            ],
            "credit": plain_amount(payment.credit),
        }
        for payment in result.payments
    ]
    yardstick = result.yardstick
    data["yardstick"] = {
        "multiplier": format(yardstick.multiplier, "f"),
        "amount": plain_amount(yardstick.amount) if yardstick.amount is not None else None,
        "exceeded": yardstick.exceeded,
        "rates_known_through": yardstick.rates_known_through.isoformat(),
    }
    data["warnings"] = [
        {"code": warning.code.value, "message": warning.text, "params": dict(warning.params)}
        for warning in result.warnings
    ]
    return data
