"""The reconciled settlement: claim → recomputation → concession → payable, line by line.

One model for every consumer (the settlement screen, the agreement, the application for judicial
confirmation, the statement, the closing report, SMS, exports, ``case show --json``), so they all
tell the same story and it adds up on the face of the page.

Each line is one item the company claimed (物业服务费, 公摊水电费, 违约金, another charge), with its
period as claimed, and:

- ``claimed``: what the company claimed for it;
- ``recomputed``: what the calculator makes of the same item over the same period — the service
  fee month by month (area × fee standard, less what was paid), the utilities from the bills on
  file, the late fee at the agreed daily rate up to the settlement date (after its cap); ``None``
  when it cannot be recomputed (no fee standard, no late-fee terms, another charge);
- ``base``: which of the two the settlement takes — by default the lower one, said in plain
  words; never more than was claimed (a settlement cannot award what was not asked for);
- ``concession``: what the company gives up on the line, from the proposal's discounts, each
  allotted to the lines it applies to (a lower fee standard to the service fee, a waiver to the
  late fee, a fixed reduction to the late fee first, then the service fee, the utilities and the
  rest), with the reason in words;
- ``payable`` = the base amount − the concession.

The invariants — per line ``settled − concession = payable`` with ``0 ≤ concession ≤ settled ≤
claimed``, totals the sums of the lines, the uppercase the total's — are checked by
:meth:`Settlement.check`, which every settlement passes before it is returned; bad choices (a base
that does not exist, concessions beyond a line, discounts with nothing to apply to) are refused
with a :class:`~mediation_app.errors.ValidationError` naming the field.

The settlement date (``as_of``) is stated once: every item is settled through it, and the late fee
is recomputed up to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from mediation_app.domain.enums import ChargeKind, label
from mediation_app.errors import ValidationError
from mediation_app.fees.inputs import CalcInput, Discount, FixedDiscount, LateFeeWaiver, RateReduction
from mediation_app.fees.results import Result, ServiceFeeLine, UtilityLine
from mediation_app.fees.validation import validate
from mediation_app.formatting import date as day_text
from mediation_app.formatting import exact_percent, money, rate_figure, rmb
from mediation_app.formatting import period as period_text
from mediation_app.i18n import _
from mediation_app.money import round_half_up, to_fen, uppercase_rmb

ZERO = Decimal("0.00")
ONE = Decimal(1)

# A fixed reduction comes off these, in this order (what a company gives up most readily first).
FIXED_ORDER = (ChargeKind.LATE_FEE, ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES, ChargeKind.OTHER)


def _sentences(sentences: Sequence[str]) -> str:
    """Sentences run together as the language writes them (a space in English, none in Chinese)."""
    text = ""
    for sentence in sentences:
        text = _("{sentence} {next}").format(sentence=text, next=sentence) if text else sentence
    return text


class Base(StrEnum):
    """Which figure a line is settled on."""

    CLAIMED = "claimed"
    RECOMPUTED = "recomputed"


@dataclass(frozen=True)
class ClaimedItem:
    """One line of the company's claim, as it stated it. ``key`` identifies it (the claim item's id)."""

    key: str
    item: ChargeKind
    label: str
    start: dt.date | None
    end: dt.date | None
    amount: Decimal


@dataclass(frozen=True)
class SettlementLine:
    key: str
    item: ChargeKind
    label: str  # the company's own name for the item ("物业服务费")
    start: dt.date | None  # the period as claimed
    end: dt.date | None
    claimed: Decimal
    recomputed: Decimal | None  # None: it cannot be recomputed
    base: Base
    concession: Decimal
    payable: Decimal
    recomputation: tuple[str, ...]  # how the recomputed figure was reached, in words
    basis: str  # why the line is settled on its base
    concessions: tuple[str, ...]  # what was given up on it, and why

    @property
    def settled(self) -> Decimal:
        """The amount the line is settled on (its base's figure)."""
        if self.base is Base.RECOMPUTED:
            assert self.recomputed is not None
            return self.recomputed
        return self.claimed

    @property
    def in_recomputed_total(self) -> Decimal:
        """What the line adds to the recomputed total: its recomputation, or its claimed figure
        when it cannot be recomputed (a table prints that figure marked as claimed, so the column
        adds up to its total on the page)."""
        return self.recomputed if self.recomputed is not None else self.claimed

    @property
    def adjustment(self) -> Decimal:
        """核减: what the recomputation took off the claim (zero when settled on the claim)."""
        return self.claimed - self.settled

    @property
    def reasons(self) -> tuple[str, ...]:
        return (*self.recomputation, self.basis, *self.concessions)


@dataclass(frozen=True)
class SettlementTotals:
    claimed: Decimal
    recomputed: Decimal  # lines that cannot be recomputed count at their claimed figure
    adjustment: Decimal
    concession: Decimal
    payable: Decimal


@dataclass(frozen=True)
class ConcessionTerm:
    """One discount of the proposal as the agreement words it, and what it comes to in all."""

    text: str
    amount: Decimal


@dataclass(frozen=True)
class Settlement:
    as_of: dt.date  # the settlement date: every item settled through it
    lines: tuple[SettlementLine, ...]
    total: SettlementTotals
    payable_uppercase: str
    terms: tuple[ConcessionTerm, ...] = field(default=())

    def check(self) -> None:
        """Raise AssertionError naming the first broken invariant (a programming error, never input)."""
        for line in self.lines:
            assert ZERO <= line.concession <= line.settled, f"{line.key}: concession outside 0..settled"
            assert line.settled <= line.claimed, f"{line.key}: settled on more than was claimed"
            assert line.settled - line.concession == line.payable, (
                f"{line.key}: settled − concession ≠ payable"
            )
            if line.base is Base.RECOMPUTED:
                assert line.recomputed is not None, (
                    f"{line.key}: settled on a recomputation that does not exist"
                )
        expected = _totals(self.lines)
        assert self.total == expected, f"totals {self.total} are not the sums of the lines {expected}"
        assert self.payable_uppercase == uppercase_rmb(self.total.payable), "the uppercase is not the total's"
        assert sum((term.amount for term in self.terms), ZERO) == self.total.concession, "terms ≠ concessions"

    def notes(self) -> tuple[str, ...]:
        """Why each line's figures are what they are, one note per line (printed under the table)."""
        return tuple(
            _("{label}: {reasons}").format(label=line.label, reasons=_sentences(line.reasons))
            for line in self.lines
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``case show --json``'s ``"settlement"``): amounts as decimal strings."""
        return {
            "as_of": self.as_of.isoformat(),
            "lines": [
                {
                    "item": line.item.value,
                    "label": line.label,
                    "from": line.start.isoformat() if line.start else None,
                    "to": line.end.isoformat() if line.end else None,
                    "claimed": _text(line.claimed),
                    "recomputed": _text(line.recomputed) if line.recomputed is not None else None,
                    "base": line.base.value,
                    "concession": _text(line.concession),
                    "payable": _text(line.payable),
                    "reasons": list(line.reasons),
                }
                for line in self.lines
            ],
            "total": {
                "claimed": _text(self.total.claimed),
                "recomputed": _text(self.total.recomputed),
                "concession": _text(self.total.concession),
                "payable": _text(self.total.payable),
            },
            "payable_uppercase": self.payable_uppercase,
        }


def recomputed_cell(line: SettlementLine, figure: str, *, whole: Callable[[str], str] = str) -> str:
    """A table's recomputed cell for ``line``: ``figure`` (its part of the recomputed total),
    marked when the line could not be recomputed and counts at its claimed figure. ``whole``
    keeps the mark from being split across lines (a PDF cell passes its word joiner)."""
    if line.recomputed is not None:
        return figure
    mark = _("(as claimed)")
    return f"{figure} {whole(mark)}"


def _text(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _totals(lines: Iterable[SettlementLine]) -> SettlementTotals:
    rows = list(lines)
    return SettlementTotals(
        claimed=sum((line.claimed for line in rows), ZERO),
        recomputed=sum((line.in_recomputed_total for line in rows), ZERO),
        adjustment=sum((line.adjustment for line in rows), ZERO),
        concession=sum((line.concession for line in rows), ZERO),
        payable=sum((line.payable for line in rows), ZERO),
    )


# --- recomputation, item by item ---------------------------------------------------------------


@dataclass
class _Line:
    """A line being worked out: mutable while the concessions are allotted."""

    claim: ClaimedItem
    recomputed: Decimal | None
    recomputation: list[str]
    months: list[ServiceFeeLine] = field(default_factory=list)  # the service-fee months it covers
    base: Base = Base.CLAIMED
    basis: str = ""
    concession: Decimal = ZERO
    concessions: list[str] = field(default_factory=list)

    @property
    def settled(self) -> Decimal:
        if self.base is Base.RECOMPUTED:
            assert self.recomputed is not None
            return self.recomputed
        return self.claim.amount

    @property
    def left(self) -> Decimal:
        return self.settled - self.concession

    @property
    def name(self) -> str:
        return self.claim.label or label(self.claim.item)


def _overlaps(first: dt.date, last: dt.date, claim: ClaimedItem) -> bool:
    return (claim.start is None or last >= claim.start) and (claim.end is None or first <= claim.end)


def _covering(claims: Sequence[ClaimedItem], first: dt.date, last: dt.date) -> ClaimedItem | None:
    """The claim line a charge belongs to: the first whose period overlaps it, else one without a period."""
    for claim in claims:
        if (claim.start is not None or claim.end is not None) and _overlaps(first, last, claim):
            return claim
    return next((claim for claim in claims if claim.start is None and claim.end is None), None)


def _recompute(
    claims: Sequence[ClaimedItem], result: Result | None, inp: CalcInput | None, bills_on_file: bool
) -> dict[str, _Line]:
    lines = {claim.key: _Line(claim, None, []) for claim in claims}
    by_item: dict[ChargeKind, list[ClaimedItem]] = {}
    for claim in claims:
        by_item.setdefault(claim.item, []).append(claim)
    if result is None or inp is None:
        for line in lines.values():
            line.recomputation.append(_("No calculation of the fee data on file: the claimed figure stands."))
        return lines

    service_claims = by_item.get(ChargeKind.SERVICE_FEE, [])
    if service_claims:
        if inp.service_fee is None:
            for claim in service_claims:
                lines[claim.key].recomputation.append(
                    _("No fee standard on file for the flat: the service fee cannot be recomputed.")
                )
        else:
            sums = dict.fromkeys((c.key for c in service_claims), ZERO)
            for month in result.service_fee_lines:
                owner = _covering(service_claims, month.month.first_day(), month.month.last_day())
                if owner is not None:
                    sums[owner.key] += month.outstanding
                    lines[owner.key].months.append(month)
            rates = sorted({month.rate for month in result.service_fee_lines})
            standard = rate_figure(rates[0]) if len(rates) == 1 else ""
            for claim in service_claims:
                line = lines[claim.key]
                line.recomputed = sums[claim.key]
                line.recomputation.append(
                    _(
                        "Recomputed month by month as building area {area} m² × {rate} yuan per m² per month, "
                        "less what was paid: {amount}."
                    ).format(area=inp.area, rate=standard, amount=money(line.recomputed))
                    if standard
                    else _(
                        "Recomputed month by month as building area {area} m² × the fee standard in force each "
                        "month, less what was paid: {amount}."
                    ).format(area=inp.area, amount=money(line.recomputed))
                )

    utility_claims = by_item.get(ChargeKind.UTILITIES, [])
    if utility_claims:
        sums = dict.fromkeys((c.key for c in utility_claims), ZERO)
        for bill in result.utility_lines:
            first, last = _bill_days(bill)
            owner = _covering(utility_claims, first, last)
            if owner is not None:
                sums[owner.key] += bill.outstanding
        for claim in utility_claims:
            line = lines[claim.key]
            if bills_on_file:
                line.recomputed = sums[claim.key]
                line.recomputation.append(
                    _(
                        "Recomputed from the shared-utilities bills on file, less what was paid: {amount}."
                    ).format(amount=money(line.recomputed))
                )
            else:
                line.recomputation.append(
                    _("No shared-utilities bills on file: the utilities cannot be recomputed.")
                )

    late_claims = by_item.get(ChargeKind.LATE_FEE, [])
    if late_claims:
        terms = inp.late_fee
        if terms is None:
            for claim in late_claims:
                lines[claim.key].recomputation.append(
                    _("No late-fee terms are on file: the late fee cannot be recomputed.")
                )
        else:
            shares = _late_fee_shares(late_claims, result)
            summary = result.late_fee
            for claim in late_claims:
                line = lines[claim.key]
                line.recomputed = shares[claim.key]
                text = _(
                    "Recomputed at the agreed daily rate of {rate} on each overdue charge up to {date}: {amount}."
                ).format(
                    rate=_daily_rate(terms.daily_rate),
                    date=day_text(inp.as_of),
                    amount=money(line.recomputed),
                )
                if summary.cap is not None and summary.total < summary.computed:
                    text = _sentences(
                        [text, _("The agreed cap of {cap} applies.").format(cap=money(summary.cap))]
                    )
                line.recomputation.append(text)

    for claim in by_item.get(ChargeKind.OTHER, []):
        lines[claim.key].recomputation.append(
            _("Another charge the company claimed: it is not recomputed, the claimed figure stands.")
        )
    return lines


def _bill_days(bill: UtilityLine) -> tuple[dt.date, dt.date]:
    period: Any = bill.period
    start = getattr(period, "start", None)
    end = getattr(period, "end", None)
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        return start, end
    return period.first_day(), period.last_day()


def _late_fee_shares(claims: Sequence[ClaimedItem], result: Result) -> dict[str, Decimal]:
    """The recomputed late fee (after its cap) split over the late-fee lines claimed, by period,
    to the fen: each line its share rounded down, and the fen that rounding leaves to the lines
    with the largest remainders (so the shares add up to the total exactly and none is negative;
    with nothing to go by, the last line takes it all)."""
    total = result.late_fee.total
    if len(claims) == 1:
        return {claims[0].key: total}
    raw = dict.fromkeys((c.key for c in claims), ZERO)
    for month in result.service_fee_lines:
        owner = _covering(claims, month.month.first_day(), month.month.last_day())
        if owner is not None:
            raw[owner.key] += month.late_fee
    for bill in result.utility_lines:
        first, last = _bill_days(bill)
        owner = _covering(claims, first, last)
        if owner is not None:
            raw[owner.key] += bill.late_fee
    computed = to_fen(sum(raw.values(), ZERO))
    total_fen = to_fen(total)
    if not computed:
        return {
            claim.key: (total if index == len(claims) - 1 else ZERO) for index, claim in enumerate(claims)
        }
    fens: dict[str, int] = {}
    remainders: dict[str, int] = {}
    for claim in claims:
        fens[claim.key], remainders[claim.key] = divmod(to_fen(raw[claim.key]) * total_fen, computed)
    left = total_fen - sum(fens.values())
    for key in sorted(remainders, key=lambda key: -remainders[key])[:left]:
        fens[key] += 1
    return {key: Decimal(fen).scaleb(-2) for key, fen in fens.items()}


def _daily_rate(rate: Decimal) -> str:
    """日万分之5 for 0.0005, 日千分之1 for 0.001 (as contracts word them: not 日万分之10)."""
    per_ten_thousand = (rate * 10_000).normalize()
    if per_ten_thousand == per_ten_thousand.to_integral_value() and not int(per_ten_thousand) % 10:
        per_thousand = (rate * 1_000).normalize()
        return _("{n} per thousand a day").format(n=format(per_thousand, "f"))
    return _("{n} per ten thousand a day").format(n=format(per_ten_thousand, "f"))


# --- the base of each line ---------------------------------------------------------------------


def _choose_bases(lines: Mapping[str, _Line], bases: Mapping[str, Base]) -> None:
    for key, line in lines.items():
        claimed, recomputed = line.claim.amount, line.recomputed
        chosen = bases.get(key)
        where = f"bases.{key}"
        if chosen is Base.RECOMPUTED:
            if recomputed is None:
                raise ValidationError(
                    where,
                    _("{item} cannot be settled on a recomputed figure: there is none.").format(
                        item=line.name
                    ),
                    _("Basis of the settlement"),
                )
            if recomputed > claimed:
                raise ValidationError(
                    where,
                    _(
                        "{item} cannot be settled on {recomputed}, more than the {claimed} the company claimed."
                    ).format(item=line.name, recomputed=money(recomputed), claimed=money(claimed)),
                    _("Basis of the settlement"),
                )
            line.base = Base.RECOMPUTED
            line.basis = _("Settled on the recomputed figure, as the mediator chose.")
        elif chosen is Base.CLAIMED:
            line.base = Base.CLAIMED
            line.basis = _("Settled on the claimed figure, as the mediator chose.")
        elif recomputed is None:
            line.base = Base.CLAIMED
            line.basis = _("Settled on the claimed figure (there is no recomputation).")
        elif recomputed < claimed:
            line.base = Base.RECOMPUTED
            line.basis = _("Settled on the recomputed figure, the lower of the two.")
        else:
            line.base = Base.CLAIMED
            line.basis = (
                _("Settled on the claimed figure, which the recomputation confirms.")
                if recomputed == claimed
                else _("Settled on the claimed figure, the lower of the two.")
            )


# --- concessions ---------------------------------------------------------------------------------


def _reduction_on(line: _Line, reduction: RateReduction, area: Decimal) -> Decimal:
    """The lower fee standard over the months of the line (each month at most what is owed)."""
    area_num, area_den = area.as_integer_ratio()
    price_num, price_den = reduction.per_m2.as_integer_ratio()
    low = reduction.start.index if reduction.start is not None else None
    high = reduction.end.index if reduction.end is not None else None
    fen = 0
    for month in line.months:
        index = month.month.index
        if (low is not None and index < low) or (high is not None and index > high):
            continue
        cut = round_half_up(
            area_num * price_num * 100 * month.days, area_den * price_den * month.days_in_month
        )
        fen += min(cut, to_fen(month.outstanding))
    return Decimal(fen).scaleb(-2)


def _give(line: _Line, amount: Decimal, reason: str, where: str) -> None:
    if not amount:
        return  # nothing given on this line: no reason to print under it
    if amount > line.left:
        raise ValidationError(
            where,
            _("the concessions on {item} ({amount}) exceed what is left of it ({left}).").format(
                item=line.name, amount=money(line.concession + amount), left=money(line.settled)
            ),
            _("Discounts"),
        )
    line.concession += amount
    line.concessions.append(reason)


def _worth_something(given: Decimal, where: str) -> None:
    """A discount that takes nothing off is refused: a document never prints a concession of ¥0.00."""
    if not given:
        raise ValidationError(
            where, _("this discount takes nothing off what is owed: change it or remove it."), _("Discounts")
        )


def _apply(
    lines: Mapping[str, _Line],
    discounts: Sequence[Discount],
    area: Decimal,
    span: tuple[dt.date, dt.date] | None,
) -> list[ConcessionTerm]:
    """The discounts, line by line; ``span`` is the days the service fee was recomputed over."""
    terms: list[ConcessionTerm] = []
    for index, discount in enumerate(discounts):
        where = f"discounts[{index}]"
        if isinstance(discount, RateReduction):
            targets = [line for line in lines.values() if line.claim.item is ChargeKind.SERVICE_FEE]
            if not targets:
                raise ValidationError(
                    where, _("no service fee was claimed to lower its standard."), _("Discounts")
                )
            given = ZERO
            for line in targets:
                if line.base is Base.CLAIMED and line.recomputed is None:
                    raise ValidationError(
                        where,
                        _("the fee standard cannot be lowered without a fee standard on file."),
                        _("Discounts"),
                    )
                amount = _reduction_on(line, discount, area)
                amount = min(amount, line.left) if line.base is Base.CLAIMED else amount
                _give(
                    line,
                    amount,
                    _("Fee standard lowered by {cut} yuan per m² per month: {amount} less.").format(
                        cut=rate_figure(discount.per_m2), amount=money(amount)
                    ),
                    where,
                )
                given += amount
            _worth_something(given, where)
            terms.append(ConcessionTerm(_rate_term(discount, targets, given, span), given))
        elif isinstance(discount, LateFeeWaiver):
            targets = [line for line in lines.values() if line.claim.item is ChargeKind.LATE_FEE]
            if not targets:
                raise ValidationError(where, _("no late fee was claimed to waive."), _("Discounts"))
            given = ZERO
            for line in targets:
                numerator, denominator = discount.ratio.as_integer_ratio()
                amount = Decimal(round_half_up(to_fen(line.settled) * numerator, denominator)).scaleb(-2)
                _give(line, amount, _waiver_text(discount.ratio, amount), where)
                given += amount
            _worth_something(given, where)
            terms.append(ConcessionTerm(_waiver_term(discount.ratio, given), given))
        elif isinstance(discount, FixedDiscount):
            _worth_something(discount.amount, where)
            rest = discount.amount
            parts: list[str] = []
            for item in FIXED_ORDER:
                for line in (line for line in lines.values() if line.claim.item is item):
                    if not rest:
                        break
                    taken = min(rest, line.left)
                    if taken <= 0:
                        continue
                    _give(
                        line,
                        taken,
                        _("Further reduction of {amount}, all of it off this item.").format(
                            amount=money(taken)
                        )
                        if taken == discount.amount
                        else _("Further reduction of {total}: {amount} of it off this item.").format(
                            total=money(discount.amount), amount=money(taken)
                        ),
                        where,
                    )
                    parts.append(_("{amount} off the {item}").format(amount=money(taken), item=line.name))
                    rest -= taken
            if rest:
                raise ValidationError(
                    where,
                    _("the fixed reduction of {amount} exceeds what is left to pay.").format(
                        amount=money(discount.amount)
                    ),
                    _("Discounts"),
                )
            terms.append(
                ConcessionTerm(
                    _("Party B agrees to a further reduction of {amount} ({parts}).").format(
                        amount=rmb(discount.amount), parts=_("; ").join(parts)
                    ),
                    discount.amount,
                )
            )
    return terms


def _rate_term(
    reduction: RateReduction, targets: Sequence[_Line], given: Decimal, span: tuple[dt.date, dt.date] | None
) -> str:
    months = [month for line in targets for month in line.months]
    in_window = [
        month
        for month in months
        if (reduction.start is None or month.month.index >= reduction.start.index)
        and (reduction.end is None or month.month.index <= reduction.end.index)
    ]
    rates = {month.rate for month in in_window}
    if in_window:
        # The months' days, within the claim's periods and the days the fee was charged for
        # (a claim without a period must not run to the end of a month charged in part).
        starts = [t.claim.start for t in targets if t.claim.start] + ([span[0]] if span else [])
        ends = [t.claim.end for t in targets if t.claim.end] + ([span[1]] if span else [])
        first = max([in_window[0].month.first_day(), *starts])
        last = min([in_window[-1].month.last_day(), *ends])
        period = period_text(first, last)
    else:
        period = ""
    if len(rates) == 1:
        old = rates.pop()
        return _(
            "Party B agrees to lower the property service fee standard for Party A's flat {period} from {old} to "
            "{new} yuan per square metre per month, so that the service fee is reduced by {amount}."
        ).format(
            period=period,
            old=rate_figure(old),
            new=rate_figure(old - reduction.per_m2),
            amount=rmb(given),
        )
    return _(
        "Party B agrees to lower the property service fee standard for Party A's flat {period} by {cut} yuan per "
        "square metre per month, so that the service fee is reduced by {amount}."
    ).format(period=period, cut=rate_figure(reduction.per_m2), amount=rmb(given))


def _share(ratio: Decimal) -> str:
    return exact_percent(ratio)  # an agreed share is never rounded


def _waiver_text(ratio: Decimal, amount: Decimal) -> str:
    if ratio == ONE:
        return _("Late fee waived in full: {amount}.").format(amount=money(amount))
    return _("{share} of the late fee waived: {amount}.").format(share=_share(ratio), amount=money(amount))


def _waiver_term(ratio: Decimal, amount: Decimal) -> str:
    if ratio == ONE:
        return _("Party B waives the late fee of {amount} in full.").format(amount=rmb(amount))
    return _("Party B waives {share} of the late fee, that is {amount}.").format(
        share=_share(ratio), amount=rmb(amount)
    )


# --- the whole -----------------------------------------------------------------------------------


def reconcile(
    claims: Sequence[ClaimedItem],
    *,
    as_of: dt.date,
    result: Result | None = None,
    inp: CalcInput | None = None,
    discounts: Sequence[Discount] = (),
    bases: Mapping[str, Base] | None = None,
    notes: Mapping[str, str] | None = None,
    bills_on_file: bool = True,
) -> Settlement:
    """The settlement of ``claims`` as of ``as_of``.

    ``result`` and ``inp`` are the calculator's recomputation of the same fee data up to ``as_of``
    *without* discounts (None when the case has no fee data to compute); ``discounts`` are the
    proposal's, applied here line by line; ``bases`` the mediator's choice per line key (the lower
    figure where not given); ``notes`` what the mediator says of a line (why the late fee is left
    out, say), added to its reasons; ``bills_on_file`` whether the utilities in ``result`` come from bills
    rather than from the claim itself.
    """
    if not claims:
        raise ValidationError("claims", _("there is no claim to settle."), _("Claim"))
    keys = [claim.key for claim in claims]
    if len(set(keys)) != len(keys):
        raise ValueError("claim lines must have distinct keys")
    chosen = dict(bases or {})
    unknown = sorted(set(chosen) - set(keys))
    if unknown:
        raise ValidationError(
            f"bases.{unknown[0]}",
            _("there is no claim line {key}.").format(key=unknown[0]),
            _("Basis of the settlement"),
        )
    said = {key: text.strip() for key, text in (notes or {}).items() if text.strip()}
    unknown = sorted(set(said) - set(keys))
    if unknown:
        raise ValidationError(
            f"notes.{unknown[0]}", _("there is no claim line {key}.").format(key=unknown[0]), _("Note")
        )
    # The discounts' own values by the calculator's rules (a ratio within 0..1, whole fen …).
    validate(CalcInput(area=ONE, as_of=as_of, discounts=tuple(discounts)))
    lines = _recompute(claims, result, inp, bills_on_file)
    _choose_bases(lines, chosen)
    span = (inp.service_fee.start, inp.service_fee.end) if inp is not None and inp.service_fee else None
    terms = _apply(lines, discounts, inp.area if inp is not None else ZERO, span)
    built = tuple(
        SettlementLine(
            key=line.claim.key,
            item=line.claim.item,
            label=line.name,
            start=line.claim.start,
            end=line.claim.end,
            claimed=line.claim.amount,
            recomputed=line.recomputed,
            base=line.base,
            concession=line.concession,
            payable=line.settled - line.concession,
            recomputation=tuple(line.recomputation),
            basis=line.basis,
            concessions=(
                *line.concessions,
                *(
                    (_("The mediator notes: {note}").format(note=said[line.claim.key]),)
                    if line.claim.key in said
                    else ()
                ),
            ),
        )
        for line in lines.values()
    )
    totals = _totals(built)
    settlement = Settlement(as_of, built, totals, uppercase_rmb(totals.payable), tuple(terms))
    settlement.check()
    return settlement


def agreed_total(
    claims: Sequence[ClaimedItem], total: Decimal, *, as_of: dt.date, **calculation: Any
) -> Settlement:
    """The settlement of an agreement that states only its total: each line on the lower figure
    (or, when the parties agreed to more than that, on the claim), and the difference one further
    reduction, allotted as usual. A total above the claim, or of nothing, is refused."""
    if total <= 0:
        raise ValidationError("agreement.total", _("must be greater than zero"), _("Agreed total"))
    calculation.pop("bases", None)
    discounts = tuple(calculation.pop("discounts", ()))
    plain = reconcile(claims, as_of=as_of, discounts=discounts, **calculation)
    bases: dict[str, Base] = {}
    if total > plain.total.payable:
        bases = {claim.key: Base.CLAIMED for claim in claims}
        plain = reconcile(claims, as_of=as_of, discounts=discounts, bases=bases, **calculation)
    if total > plain.total.payable:
        raise ValidationError(
            "agreement.total",
            _("the agreed total {total} is more than the {payable} the company claimed.").format(
                total=money(total), payable=money(plain.total.payable)
            ),
            _("Agreed total"),
        )
    if total == plain.total.payable:
        return plain
    reduction = FixedDiscount(plain.total.payable - total)
    return reconcile(claims, as_of=as_of, discounts=(*discounts, reduction), bases=bases, **calculation)


__all__ = [
    "Base",
    "ClaimedItem",
    "ConcessionTerm",
    "Settlement",
    "SettlementLine",
    "SettlementTotals",
    "agreed_total",
    "reconcile",
]
