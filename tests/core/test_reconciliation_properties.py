"""The reconciled settlement (:mod:`mediation_app.fees.reconciliation`) over generated claims,
fee data, payments, proposals and bases (hypothesis), and each of its refusals.

Whatever is generated, :func:`reconcile` either returns a settlement whose invariants hold — per
line ``settled − concession = payable`` with ``0 ≤ concession ≤ settled ≤ claimed``, totals the
sums of the lines, the uppercase the total's, each line's period the claim's — re-verified here
without :meth:`Settlement.check`, or refuses with a :class:`ValidationError` whose ``field``
names the discount or the base at fault. No proposal ever yields a concession of nothing (a
document would print a waiver of ¥0.00).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mediation_app.domain.enums import ChargeKind
from mediation_app.errors import ValidationError
from mediation_app.fees import (
    CalcInput,
    Discount,
    FixedDiscount,
    LateFeeTerms,
    LateFeeWaiver,
    Month,
    Payment,
    RateChange,
    RateReduction,
    Result,
    ServiceFeeTerms,
    UtilityBill,
    calculate,
)
from mediation_app.fees.reconciliation import Base, ClaimedItem, Settlement, agreed_total, reconcile
from mediation_app.i18n import speaking
from mediation_app.money import uppercase_rmb

ZERO = Decimal("0.00")
FIRST_DAY = dt.date(2017, 1, 1)
LAST_DAY = dt.date(2021, 12, 31)


def decimals(low: int, high: int, places: int) -> st.SearchStrategy[Decimal]:
    """Decimals from low to high (in units of 10^-places), with exactly ``places`` decimals."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-places))


days = st.dates(FIRST_DAY, LAST_DAY)


# --- the fee data: a calculator input without discounts ------------------------------------------


@st.composite
def fee_data(draw: st.DrawFn) -> CalcInput:
    """A flat's fee data up to a settlement date: a service fee (or none), bills, payments, terms."""
    start = draw(days)
    end = start + dt.timedelta(days=draw(st.integers(0, 900)))
    as_of = end + dt.timedelta(days=draw(st.integers(-30, 200)))
    as_of = max(as_of, start)
    first = Month.containing(start)
    service = None
    if draw(st.integers(0, 9)):  # mostly a fee standard on file
        rates = [RateChange(Month(first.index - draw(st.integers(0, 6))), draw(decimals(50, 400, 2)))]
        for _ in range(draw(st.integers(0, 2))):
            month = Month(first.index + draw(st.integers(1, 24)))
            if all(rate.start != month for rate in rates):
                rates.append(RateChange(month, draw(decimals(50, 400, 2))))
        service = ServiceFeeTerms(tuple(rates), start, end, draw(st.integers(1, 28)))
    bills = tuple(
        UtilityBill(
            Month(first.index + offset),
            draw(decimals(0, 30000, 2)),
            (Month(first.index + offset).last_day() + dt.timedelta(days=draw(st.integers(1, 40)))),
        )
        for offset in draw(st.lists(st.integers(0, 30), max_size=5, unique=True))
    )
    payments = tuple(
        Payment(start + dt.timedelta(days=draw(st.integers(0, max(0, (as_of - start).days)))), amount)
        for amount in draw(st.lists(decimals(1, 500000, 2), max_size=3))
    )
    late_fee = draw(
        st.none()
        | st.builds(
            LateFeeTerms,
            daily_rate=decimals(1, 30, 4),
            grace_days=st.integers(0, 30),
            applies_to=st.sampled_from(
                [(ChargeKind.SERVICE_FEE,), (ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES)]
            ),
            cap_ratio=st.none() | decimals(0, 100, 2) | decimals(1, 30, 2),
        )
    )
    return CalcInput(
        area=draw(decimals(3000, 30000, 2)),
        as_of=as_of,
        service_fee=service,
        utilities=bills,
        payments=payments,
        late_fee=late_fee,
    )


# --- the claim ---------------------------------------------------------------------------------

LABELS = {
    ChargeKind.SERVICE_FEE: "物业服务费",
    ChargeKind.UTILITIES: "公摊水电费",
    ChargeKind.LATE_FEE: "违约金",
    ChargeKind.OTHER: "装修垃圾清运费",
}


def recomputed_figure(kind: ChargeKind, result: Result | None) -> Decimal | None:
    """What the calculator makes of a kind in all (to claim near it, as companies do)."""
    if result is None:
        return None
    if kind is ChargeKind.SERVICE_FEE:
        return sum((month.outstanding for month in result.service_fee_lines), ZERO)
    if kind is ChargeKind.UTILITIES:
        return sum((bill.outstanding for bill in result.utility_lines), ZERO)
    if kind is ChargeKind.LATE_FEE:
        return result.late_fee.total
    return None


@st.composite
def claimed_item(draw: st.DrawFn, key: str, fees: CalcInput | None, result: Result | None) -> ClaimedItem:
    kind = draw(st.sampled_from(list(ChargeKind)))
    period = draw(st.sampled_from(["none", "fees", "fees", "a month", "a month", "random", "end only"]))
    start: dt.date | None = None
    end: dt.date | None = None
    if period == "fees" and fees is not None and fees.service_fee is not None:
        start, end = fees.service_fee.start, fees.service_fee.end
        if draw(st.booleans()):  # a part of it (the claim split in two periods, say)
            middle = start + (end - start) / 2
            start, end = (start, middle) if draw(st.booleans()) else (middle + dt.timedelta(days=1), end)
            end = max(start, end)
    elif period == "a month" and fees is not None and fees.service_fee is not None:
        # One month of the fees (a claim line per month, as some companies list them).
        first = Month.containing(fees.service_fee.start)
        count = Month.containing(fees.service_fee.end).index - first.index
        month = Month(first.index + draw(st.integers(0, count + 2)))
        start, end = month.first_day(), month.last_day()
    elif period in ("random", "end only"):
        end = draw(days)
        start = None if period == "end only" else min(end, draw(days))
    near = recomputed_figure(kind, result)
    if near is not None and near > 0 and draw(st.booleans()):
        # Near the recomputation: exactly it, or a few per cent either way.
        amount = (near * Decimal(draw(st.sampled_from([100, 100, 97, 103, 80, 125]))) / 100).quantize(
            Decimal("0.01")
        )
        amount = max(amount, Decimal("0.01"))
    else:
        amount = draw(decimals(1, 99, 2) | decimals(100, 5_000_000, 2))
    return ClaimedItem(key, kind, LABELS[kind], start, end, amount)


@st.composite
def claims(draw: st.DrawFn, fees: CalcInput | None, result: Result | None) -> tuple[ClaimedItem, ...]:
    """One to six lines, several of a kind allowed, keyed like claim-item ids."""
    count = draw(st.integers(1, 6))
    return tuple(draw(claimed_item(str(100 + index), fees, result)) for index in range(count))


# --- the proposal ------------------------------------------------------------------------------


def discount(fees: CalcInput | None, lines: Sequence[ClaimedItem]) -> st.SearchStrategy[Discount]:
    """A discount of the proposal, mostly one that fits the claim: a lower fee standard (over all
    months or a window near the service-fee months) when a service fee is claimed, a waiver when
    a late fee is, a fixed reduction of a share of the claim."""
    anchor = Month.containing(fees.service_fee.start if fees is not None and fees.service_fee else FIRST_DAY)
    kinds = {line.item for line in lines}
    claimed = sum((line.amount for line in lines), ZERO)

    def reduction(start: Month | None, end: Month | None, per_m2: Decimal) -> RateReduction:
        if start is not None and end is not None and end < start:
            start, end = end, start
        return RateReduction(per_m2, start, end)

    def share(percent: int) -> FixedDiscount:
        return FixedDiscount(max(Decimal("0.01"), (claimed * percent / 100).quantize(Decimal("0.01"))))

    window = st.none() | st.integers(-6, 36).map(lambda k: Month(anchor.index + k))
    fitting: list[st.SearchStrategy[Discount]] = [st.integers(1, 25).map(share)]
    if ChargeKind.SERVICE_FEE in kinds:
        fitting.append(st.builds(reduction, window, window, decimals(1, 150, 2)))
    if ChargeKind.LATE_FEE in kinds:
        fitting.append(st.builds(LateFeeWaiver, decimals(1, 100, 2) | st.just(Decimal(1))))
    # Now and then any discount at all, with a figure the rules refuse among them: nothing, a
    # negative reduction, a waiver above 100 %, a fraction of a fen, more than the claim.
    anything = st.one_of(
        st.builds(reduction, window, window, decimals(-50, 150, 2) | decimals(-50, 50, 5)),
        st.builds(LateFeeWaiver, decimals(-20, 150, 2)),
        st.builds(FixedDiscount, decimals(-5000, 5000, 3) | decimals(0, 2_000_000, 2)),
    )
    return st.integers(0, 9).flatmap(lambda roll: anything if roll < 2 else st.one_of(fitting))


def bases(keys: Sequence[str]) -> st.SearchStrategy[dict[str, Base]]:
    """The mediator's choice on some lines (mostly none; the claim more often than the
    recomputation, which not every line has), rarely on a line that does not exist."""
    base = st.sampled_from([Base.CLAIMED, Base.CLAIMED, Base.RECOMPUTED])
    choice = st.dictionaries(st.sampled_from(keys), base, max_size=len(keys))
    stray = st.dictionaries(st.sampled_from([*keys, "999"]), st.sampled_from(list(Base)), min_size=1)
    return st.integers(0, 19).flatmap(
        lambda roll: stray if roll == 0 else st.just({}) if roll < 8 else choice
    )


# --- checking a settlement without trusting its own check ---------------------------------------


def verify(
    settlement: Settlement,
    lines: Sequence[ClaimedItem],
    chosen: dict[str, Base],
    result: Result | None,
    inp: CalcInput | None,
    bills_on_file: bool,
) -> None:
    assert [line.key for line in settlement.lines] == [claim.key for claim in lines]
    for line, claim in zip(settlement.lines, lines, strict=True):
        # The claim as stated: its kind, amount and period are carried over unchanged.
        assert (line.item, line.claimed, line.start, line.end) == (
            claim.item,
            claim.amount,
            claim.start,
            claim.end,
        )
        if line.base is Base.RECOMPUTED:
            assert line.recomputed is not None
            settled = line.recomputed
        else:
            settled = line.claimed
        assert settled - line.concession == line.payable
        assert ZERO <= line.concession <= settled <= line.claimed
        assert line.recomputed is None or line.recomputed >= ZERO
        for amount in (line.claimed, line.concession, line.payable, line.recomputed or ZERO):
            assert amount == amount.quantize(Decimal("0.01"))
        # The base: the mediator's, else the lower figure (the claim when nothing was recomputed).
        if line.key in chosen:
            assert line.base is chosen[line.key]
        elif line.recomputed is None or line.recomputed >= line.claimed:
            assert line.base is Base.CLAIMED
        else:
            assert line.base is Base.RECOMPUTED
        assert line.reasons and all(reason.strip() for reason in line.reasons)
        assert line.concessions if line.concession else not line.concessions
    _verify_recomputation(settlement, result, inp, bills_on_file)
    total = settlement.total
    assert total.claimed == sum((line.claimed for line in settlement.lines), ZERO)
    assert total.concession == sum((line.concession for line in settlement.lines), ZERO)
    assert total.payable == sum((line.payable for line in settlement.lines), ZERO)
    assert total.recomputed == sum(
        (line.claimed if line.recomputed is None else line.recomputed for line in settlement.lines), ZERO
    )
    assert total.claimed - total.adjustment - total.concession == total.payable
    assert settlement.payable_uppercase == uppercase_rmb(total.payable)
    # Every concession is worded once, for what it is worth; none is worth nothing.
    assert sum((term.amount for term in settlement.terms), ZERO) == total.concession
    assert all(term.amount > ZERO for term in settlement.terms)
    shown = settlement.to_dict()
    assert shown["total"]["payable"] == f"{total.payable:.2f}"
    assert [row["payable"] for row in shown["lines"]] == [f"{line.payable:.2f}" for line in settlement.lines]


def _sum(figures: Sequence[Decimal | None]) -> Decimal:
    """The sum of recomputed figures that must all exist."""
    known = [figure for figure in figures if figure is not None]
    assert len(known) == len(figures), figures
    return sum(known, ZERO)


def _verify_recomputation(
    settlement: Settlement, result: Result | None, inp: CalcInput | None, bills_on_file: bool
) -> None:
    by_item: dict[ChargeKind, list[Decimal | None]] = {}
    for line in settlement.lines:
        by_item.setdefault(line.item, []).append(line.recomputed)
    for item, figures in by_item.items():
        if result is None or inp is None or item is ChargeKind.OTHER:
            assert figures == [None] * len(figures), item
        elif item is ChargeKind.SERVICE_FEE:
            if inp.service_fee is None:
                assert figures == [None] * len(figures)
            else:
                owed = sum((month.outstanding for month in result.service_fee_lines), ZERO)
                assert _sum(figures) <= owed
        elif item is ChargeKind.UTILITIES:
            if not bills_on_file:
                assert figures == [None] * len(figures)
            else:
                owed = sum((bill.outstanding for bill in result.utility_lines), ZERO)
                assert _sum(figures) <= owed
        elif inp.late_fee is None:
            assert figures == [None] * len(figures)
        else:
            # The late fee after its cap, shared out over the late-fee lines to the fen.
            assert _sum(figures) == result.late_fee.total


FIELD = re.compile(r"^(discounts\[(\d+)\](\.\w+)?|bases\.(.+))$")


def verify_refusal(refusal: ValidationError, discounts: Sequence[Discount], keys: Sequence[str]) -> None:
    match = FIELD.match(refusal.field)
    assert match is not None, refusal.field
    if match.group(2) is not None:
        assert int(match.group(2)) < len(discounts), refusal.field
    else:
        assert match.group(4) in [*keys, "999"], refusal.field
    assert refusal.problem.strip() and refusal.label.strip()


# --- the properties ------------------------------------------------------------------------------

# Mostly a case with fee data to recompute, sometimes one without (the claimed figures stand).
some_fee_data = st.integers(0, 4).flatmap(lambda roll: st.none() if roll == 0 else fee_data())


@settings(max_examples=500)
@given(data=st.data(), fees=some_fee_data, bills_on_file=st.booleans())
def test_any_proposal_reconciles_or_is_refused_naming_the_field(
    data: st.DataObject, fees: CalcInput | None, bills_on_file: bool
) -> None:
    result = calculate(fees) if fees is not None else None
    lines = data.draw(claims(fees, result), label="claims")
    count = data.draw(st.sampled_from([0, 1, 1, 2, 2, 3]), label="how many discounts")
    discounts = data.draw(st.lists(discount(fees, lines), min_size=count, max_size=count), label="discounts")
    chosen = data.draw(bases([line.key for line in lines]), label="bases")
    as_of = fees.as_of if fees is not None else dt.date(2021, 3, 9)
    with speaking("en"):
        try:
            settlement = reconcile(
                lines,
                as_of=as_of,
                result=result,
                inp=fees,
                discounts=discounts,
                bases=chosen,
                bills_on_file=bills_on_file,
            )
        except ValidationError as refusal:
            verify_refusal(refusal, discounts, [line.key for line in lines])
            return
    assert settlement.as_of == as_of
    verify(settlement, lines, chosen, result, fees, bills_on_file)


@settings(max_examples=200)
@given(data=st.data(), fees=fee_data(), cap=decimals(1, 60, 2))
def test_the_late_fee_is_shared_over_its_lines_to_the_fen(
    data: st.DataObject, fees: CalcInput, cap: Decimal
) -> None:
    """Several late-fee lines, month by month, under a cap: every share is a whole number of fen,
    none negative, and they add up to the capped late fee."""
    assume(fees.service_fee is not None)
    assert fees.service_fee is not None
    terms = LateFeeTerms(Decimal("0.001"), cap_ratio=cap)
    fees = CalcInput(fees.area, fees.as_of, fees.service_fee, fees.utilities, fees.payments, terms)
    result = calculate(fees)
    first = Month.containing(fees.service_fee.start).index
    last = Month.containing(fees.service_fee.end).index + 3
    picked = data.draw(
        st.lists(st.integers(first, last), min_size=2, max_size=6, unique=True), label="months"
    )
    claimed = Decimal("99999.00")
    lines = [
        ClaimedItem(
            str(n), ChargeKind.LATE_FEE, "违约金", Month(index).first_day(), Month(index).last_day(), claimed
        )
        for n, index in enumerate(picked)
    ]
    settlement = reconcile(lines, as_of=fees.as_of, result=result, inp=fees)
    shares = [line.recomputed for line in settlement.lines]
    assert _sum(shares) == result.late_fee.total
    assert all(share is not None and ZERO <= share == share.quantize(ZERO) for share in shares), shares


@settings(max_examples=150)
@given(data=st.data(), fees=some_fee_data, share=st.integers(1, 100))
def test_an_agreed_total_within_the_claim_is_settled_exactly(
    data: st.DataObject, fees: CalcInput | None, share: int
) -> None:
    result = calculate(fees) if fees is not None else None
    lines = data.draw(claims(fees, result), label="claims")
    claimed = sum((line.amount for line in lines), ZERO)
    total = (claimed * share / 100).quantize(Decimal("0.01"))
    assume(total > 0)  # an agreement pays something
    as_of = fees.as_of if fees is not None else dt.date(2021, 3, 9)
    settlement = agreed_total(lines, total, as_of=as_of, result=result, inp=fees)
    assert settlement.total.payable == total
    plain = reconcile(lines, as_of=as_of, result=result, inp=fees)
    # On the lower figures when they cover the total, else on the claim throughout; the
    # difference is one further reduction.
    chosen = {} if total <= plain.total.payable else {line.key: Base.CLAIMED for line in lines}
    verify(settlement, lines, chosen, result, fees, True)
    assert len(settlement.terms) == (0 if total in (plain.total.payable, claimed) else 1)


# --- each refusal, and the agreed total, on a case like 车某's -------------------------------------

CHE_AS_OF = dt.date(2021, 3, 9)


def che_fees(*, late_fee: bool = True) -> CalcInput:
    """车某's flat: 119.42 m² at 2.80 yuan from 2017-08, nothing paid, 万分之五 a day."""
    return CalcInput(
        area=Decimal("119.42"),
        as_of=CHE_AS_OF,
        service_fee=ServiceFeeTerms(
            (RateChange(Month.parse("2016-05"), Decimal("2.80")),), dt.date(2017, 8, 1), CHE_AS_OF
        ),
        late_fee=LateFeeTerms(Decimal("0.0005")) if late_fee else None,
    )


def che_claim(*kinds: ChargeKind) -> tuple[ClaimedItem, ...]:
    amounts = {
        ChargeKind.UTILITIES: Decimal("2151.20"),
        ChargeKind.SERVICE_FEE: Decimal("14474.72"),
        ChargeKind.LATE_FEE: Decimal("6917.68"),
        ChargeKind.OTHER: Decimal("300.00"),
    }
    return tuple(
        ClaimedItem(str(index), kind, LABELS[kind], dt.date(2017, 8, 1), CHE_AS_OF, amounts[kind])
        for index, kind in enumerate(kinds or tuple(amounts), start=1)
    )


def settle_che(
    lines: Sequence[ClaimedItem],
    discounts: Sequence[Discount] = (),
    bases: dict[str, Base] | None = None,
    fees: CalcInput | None = None,
) -> Settlement:
    inp = fees or che_fees()
    return reconcile(
        lines,
        as_of=CHE_AS_OF,
        result=calculate(inp),
        inp=inp,
        discounts=discounts,
        bases=bases,
        bills_on_file=bool(inp.utilities),
    )


def refusal(
    lines: Sequence[ClaimedItem], discounts: Sequence[Discount] = (), **options: object
) -> ValidationError:
    with speaking("en"), pytest.raises(ValidationError) as refused:
        settle_che(lines, discounts, **options)  # type: ignore[arg-type]
    return refused.value


def test_concessions_beyond_a_line_are_refused_naming_the_discount() -> None:
    lines = che_claim()
    # A whole waiver, then half of it again: more than the late fee.
    twice = refusal(lines, [LateFeeWaiver(Decimal(1)), LateFeeWaiver(Decimal("0.5"))])
    assert twice.field == "discounts[1]" and "exceed what is left" in twice.problem
    # A fixed reduction larger than everything that is left to pay.
    everything = settle_che(lines).total.payable
    beyond = refusal(lines, [FixedDiscount(everything + Decimal("0.01"))])
    assert beyond.field == "discounts[0]" and "exceeds what is left to pay" in beyond.problem
    # Exactly everything is allowed: the owner pays nothing.
    assert settle_che(lines, [FixedDiscount(everything)]).total.payable == ZERO


def test_a_base_that_does_not_exist_is_refused_naming_the_line() -> None:
    lines = che_claim()
    other, utilities = lines[3], lines[0]
    assert refusal(lines, bases={other.key: Base.RECOMPUTED}).field == f"bases.{other.key}"
    no_terms = refusal(lines, bases={lines[2].key: Base.RECOMPUTED}, fees=che_fees(late_fee=False))
    assert no_terms.field == f"bases.{lines[2].key}" and "there is none" in no_terms.problem
    # The utilities are recomputed only from bills: none here, so there is nothing to settle on.
    assert refusal(lines, bases={utilities.key: Base.RECOMPUTED}).field == f"bases.{utilities.key}"
    stray = refusal(lines, bases={"999": Base.CLAIMED})
    assert stray.field == "bases.999" and "no claim line 999" in stray.problem


def test_a_base_above_the_claim_is_refused() -> None:
    # The company claimed less service fee than the recomputation gives.
    low = ClaimedItem(
        "1", ChargeKind.SERVICE_FEE, "物业服务费", dt.date(2017, 8, 1), CHE_AS_OF, Decimal("10000.00")
    )
    refused = refusal([low], bases={"1": Base.RECOMPUTED})
    assert refused.field == "bases.1" and "more than the" in refused.problem
    # By default it is settled on the claim, the lower figure.
    (line,) = settle_che([low]).lines
    assert line.base is Base.CLAIMED and line.recomputed is not None and line.recomputed > line.claimed


def test_discounts_with_nothing_to_apply_to_are_refused() -> None:
    no_late_fee = che_claim(ChargeKind.SERVICE_FEE, ChargeKind.UTILITIES)
    waived = refusal(no_late_fee, [FixedDiscount(Decimal("100.00")), LateFeeWaiver(Decimal(1))])
    assert waived.field == "discounts[1]" and waived.problem == "no late fee was claimed to waive."
    lowered = refusal(che_claim(ChargeKind.LATE_FEE), [RateReduction(Decimal("0.40"))])
    assert lowered.field == "discounts[0]" and "no service fee was claimed" in lowered.problem
    without_standard = CalcInput(
        area=Decimal("119.42"), as_of=CHE_AS_OF, late_fee=LateFeeTerms(Decimal("0.0005"))
    )
    no_standard = refusal(
        che_claim(ChargeKind.SERVICE_FEE), [RateReduction(Decimal("0.40"))], fees=without_standard
    )
    assert no_standard.field == "discounts[0]" and "without a fee standard" in no_standard.problem
    # A lower standard for months the claim does not owe takes nothing off: refused, never printed as ¥0.00.
    outside = refusal(
        che_claim(ChargeKind.SERVICE_FEE), [RateReduction(Decimal("0.40"), Month.parse("2022-01"), None)]
    )
    assert outside.field == "discounts[0]" and "takes nothing off" in outside.problem
    for nothing in (LateFeeWaiver(Decimal(0)), FixedDiscount(Decimal("0.00")), RateReduction(Decimal(0))):
        assert refusal(che_claim(), [nothing]).field == "discounts[0]"


def test_a_waiver_of_a_late_fee_that_recomputes_to_nothing_is_refused() -> None:
    # Terms on file, but a grace longer than the arrears: the recomputed late fee is zero, the
    # line is settled on it, and waiving it would print a waiver of ¥0.00.
    fees = CalcInput(
        area=Decimal("119.42"),
        as_of=CHE_AS_OF,
        service_fee=ServiceFeeTerms(
            (RateChange(Month.parse("2016-05"), Decimal("2.80")),), dt.date(2021, 3, 1), CHE_AS_OF
        ),
        late_fee=LateFeeTerms(Decimal("0.0005"), grace_days=60),
    )
    lines = che_claim(ChargeKind.SERVICE_FEE, ChargeKind.LATE_FEE)
    late = settle_che(lines, fees=fees).lines[1]
    assert (late.recomputed, late.base, late.payable) == (ZERO, Base.RECOMPUTED, ZERO)
    assert refusal(lines, [LateFeeWaiver(Decimal(1))], fees=fees).field == "discounts[0]"


def test_discount_figures_are_checked_by_the_calculator_rules() -> None:
    lines = che_claim()
    assert refusal(lines, [LateFeeWaiver(Decimal("1.5"))]).field == "discounts[0].ratio"
    assert refusal(lines, [FixedDiscount(Decimal("-10.00"))]).field == "discounts[0].amount"
    assert refusal(lines, [FixedDiscount(Decimal("0.001"))]).field == "discounts[0].amount"
    assert refusal(lines, [LateFeeWaiver(Decimal("0.5")), RateReduction(Decimal("-0.4"))]).field == (
        "discounts[1].per_m2"
    )


def test_a_lower_standard_on_a_service_fee_claimed_without_a_period() -> None:
    # The agreement names the months the lower standard covers from the calculation alone.
    undated = ClaimedItem("1", ChargeKind.SERVICE_FEE, "物业服务费", None, None, Decimal("14474.72"))
    settlement = settle_che([undated], [RateReduction(Decimal("0.40"))])
    (term,) = settlement.terms
    assert term.amount == settlement.lines[0].concession > ZERO
    with speaking("zh_CN"):
        worded = settle_che([undated], [RateReduction(Decimal("0.40"))]).terms[0].text
    assert "2017年8月1日" in worded and "2021年3月9日" in worded


def test_late_fee_shares_never_go_negative_and_add_up() -> None:
    # A capped late fee over three monthly lines whose shares all round up, and a fourth line
    # for a period with no charges: the fen must still add up without any line going below zero.
    fees = CalcInput(
        area=Decimal("50.00"),
        as_of=dt.date(2020, 12, 31),
        service_fee=ServiceFeeTerms(
            (RateChange(Month.parse("2019-01"), Decimal("2.00")),), dt.date(2019, 1, 1), dt.date(2019, 3, 31)
        ),
        late_fee=LateFeeTerms(Decimal("0.001"), cap_ratio=Decimal("0.10")),
    )
    months = [(dt.date(2019, m, 1), (Month(Month.parse(f"2019-0{m}").index)).last_day()) for m in (1, 2, 3)]
    lines = [
        ClaimedItem(str(n), ChargeKind.LATE_FEE, "违约金", start, end, Decimal("5000.00"))
        for n, (start, end) in enumerate([*months, (dt.date(2020, 6, 1), dt.date(2020, 6, 30))], start=1)
    ]
    result = calculate(fees)
    settlement = reconcile(lines, as_of=fees.as_of, result=result, inp=fees)
    shares = [line.recomputed for line in settlement.lines]
    assert _sum(shares) == result.late_fee.total == Decimal("30.00")
    assert all(share is not None and share >= ZERO for share in shares)
    assert shares[3] == ZERO


def test_agreed_total() -> None:
    lines = che_claim(ChargeKind.UTILITIES, ChargeKind.SERVICE_FEE, ChargeKind.LATE_FEE)
    fees = che_fees()
    result = calculate(fees)
    # No bills on file: the utilities stand as claimed.
    calculation = {"result": result, "inp": fees, "bills_on_file": False}
    plain = reconcile(lines, as_of=CHE_AS_OF, **calculation)  # type: ignore[arg-type]
    claimed = plain.total.claimed
    assert claimed == Decimal("23543.60")

    def agree(total: str) -> Settlement:
        return agreed_total(lines, Decimal(total), as_of=CHE_AS_OF, **calculation)

    # The lower figures exactly: no further reduction to word.
    same = agree(str(plain.total.payable))
    assert same == plain and not same.terms
    # Less: one further reduction, off the late fee first.
    less = agree("20000.00")
    assert less.total.payable == Decimal("20000.00")
    (term,) = less.terms
    assert term.amount == plain.total.payable - Decimal("20000.00")
    assert less.lines[2].concession == min(term.amount, less.lines[2].settled)
    # More than the lower figures but within the claim: every line on the claim instead.
    if plain.total.payable < claimed:
        between = agree(str(claimed - Decimal("0.01")))
        assert all(line.base is Base.CLAIMED for line in between.lines)
        assert between.total.payable == claimed - Decimal("0.01")
        assert [term.amount for term in between.terms] == [Decimal("0.01")]
    assert agree(str(claimed)).total.concession == ZERO
    with speaking("en"), pytest.raises(ValidationError) as above:
        agree(str(claimed + Decimal("0.01")))
    assert above.value.field == "agreement.total" and "more than the" in above.value.problem
    for nothing in ("0.00", "-100.00"):
        with pytest.raises(ValidationError) as refused:
            agree(nothing)
        assert refused.value.field == "agreement.total"
