"""Payment plans: exact sums, ordered dates, equal splits, and payments allocated in date order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mediation_app.errors import ValidationError
from mediation_app.i18n import set_language
from mediation_app.workflow.payment_plan import (
    Instalment,
    InstalmentState,
    Payment,
    equal_monthly_plan,
    instalment_plan,
    lump_sum,
    monthly_due_dates,
    progress,
    split_equally,
)

D = dt.date
M = Decimal
AGREED = D(2026, 3, 10)


def test_a_lump_sum_is_one_payment_of_the_whole() -> None:
    plan = lump_sum(M("23543.60"), D(2026, 3, 31), AGREED)
    assert plan.is_lump_sum
    assert plan.instalments == (Instalment(D(2026, 3, 31), M("23543.60")),)
    assert plan.last_due_on == D(2026, 3, 31)


def test_a_lump_sum_may_be_due_on_the_agreement_day() -> None:
    assert lump_sum(M("100"), AGREED, AGREED).total == M("100.00")


def test_instalments_that_add_up_exactly_make_a_plan() -> None:
    plan = instalment_plan(
        M("10000.00"),
        [Instalment(D(2026, 3, 31), M("4000.00")), Instalment(D(2026, 4, 30), M("6000"))],
        AGREED,
    )
    assert not plan.is_lump_sum
    assert [i.amount for i in plan.instalments] == [M("4000.00"), M("6000.00")]


def test_instalments_that_miss_the_total_by_one_fen_are_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        instalment_plan(
            M("10000.00"),
            [Instalment(D(2026, 3, 31), M("4000.00")), Instalment(D(2026, 4, 30), M("5999.99"))],
            AGREED,
        )
    assert refused.value.field == "payment_plan.instalments"
    assert "0.01" in refused.value.message


@pytest.mark.parametrize(
    ("amount", "problem"),
    [(M("0"), "zero"), (M("-5.00"), "zero"), (M("10.005"), "decimal"), (10.5, "float")],
)
def test_each_amount_is_positive_and_in_whole_fen(amount: object, problem: str) -> None:
    set_language("en")
    with pytest.raises(ValidationError) as refused:
        instalment_plan(
            M("100.00"),
            [Instalment(D(2026, 3, 31), M("50.00")), Instalment(D(2026, 4, 30), amount)],  # type: ignore[arg-type]
            AGREED,
        )
    assert refused.value.field == "payment_plan.instalments[1].amount"
    assert problem in refused.value.message
    assert "2" in refused.value.label


def test_dates_must_strictly_increase() -> None:
    for second in (D(2026, 3, 31), D(2026, 3, 30)):
        with pytest.raises(ValidationError) as refused:
            instalment_plan(
                M("100.00"),
                [Instalment(D(2026, 3, 31), M("50.00")), Instalment(second, M("50.00"))],
                AGREED,
            )
        assert refused.value.field == "payment_plan.instalments[1].due_on"


def test_the_first_payment_cannot_be_before_the_agreement() -> None:
    with pytest.raises(ValidationError) as refused:
        lump_sum(M("100.00"), D(2026, 3, 9), AGREED)
    assert refused.value.field == "payment_plan.instalments[0].due_on"
    assert "2026年3月10日" in refused.value.message


def test_an_empty_plan_and_a_bad_total_are_refused() -> None:
    with pytest.raises(ValidationError):
        instalment_plan(M("100.00"), [], AGREED)
    with pytest.raises(ValidationError) as refused:
        lump_sum(M("0.00"), D(2026, 3, 31), AGREED)
    assert refused.value.field == "payment_plan.total"


@pytest.mark.parametrize(
    ("total", "count", "parts"),
    [
        (M("100.00"), 3, ("33.33", "33.33", "33.34")),
        (M("23543.60"), 3, ("7847.86", "7847.86", "7847.88")),
        (M("0.05"), 2, ("0.02", "0.03")),
        (M("90"), 3, ("30.00", "30.00", "30.00")),
        (M("500.00"), 1, ("500.00",)),
    ],
)
def test_an_equal_split_puts_the_leftover_fen_on_the_last(
    total: Decimal, count: int, parts: tuple[str, ...]
) -> None:
    assert split_equally(total, count) == tuple(M(p) for p in parts)


def test_a_split_that_would_leave_zero_instalments_is_refused() -> None:
    with pytest.raises(ValidationError):
        split_equally(M("0.02"), 3)
    with pytest.raises(ValidationError):
        split_equally(M("10.00"), 0)


@given(
    fen=st.integers(min_value=1, max_value=10**10),
    count=st.integers(min_value=1, max_value=36),
)
def test_an_equal_split_always_adds_up_exactly(fen: int, count: int) -> None:
    total = M(fen).scaleb(-2)
    assume(fen >= count)
    parts = split_equally(total, count)
    assert sum(parts) == total
    assert len(set(parts[:-1])) <= 1
    assert all(p > 0 for p in parts)
    assert 0 <= parts[-1] - parts[0] < M(count).scaleb(-2)


def test_monthly_dates_keep_the_day_or_the_month_end() -> None:
    assert monthly_due_dates(D(2026, 1, 31), 4) == (
        D(2026, 1, 31),
        D(2026, 2, 28),
        D(2026, 3, 31),
        D(2026, 4, 30),
    )
    assert monthly_due_dates(D(2026, 11, 15), 3) == (D(2026, 11, 15), D(2026, 12, 15), D(2027, 1, 15))


def test_an_equal_monthly_plan() -> None:
    plan = equal_monthly_plan(M("23543.60"), 3, D(2026, 3, 31), AGREED)
    assert [(i.due_on, i.amount) for i in plan.instalments] == [
        (D(2026, 3, 31), M("7847.86")),
        (D(2026, 4, 30), M("7847.86")),
        (D(2026, 5, 31), M("7847.88")),
    ]


PLAN = equal_monthly_plan(M("3000.00"), 3, D(2026, 4, 10), AGREED)  # 1000 on 4-10, 5-10, 6-10


def test_nothing_paid_before_the_first_date_is_not_yet_due() -> None:
    state = progress(PLAN, [], D(2026, 4, 10))
    assert [i.state for i in state.instalments] == [InstalmentState.NOT_YET_DUE] * 3
    assert state.outstanding == M("3000.00")
    assert state.next_due is not None and state.next_due.number == 1
    assert not state.fully_paid


def test_an_unpaid_instalment_is_overdue_the_day_after_its_date() -> None:
    state = progress(PLAN, [], D(2026, 4, 11))
    assert state.instalments[0].state is InstalmentState.OVERDUE
    assert state.instalments[0].days_overdue(D(2026, 4, 11)) == 1
    assert state.overdue_amount == M("1000.00")
    assert state.instalments[1].days_overdue(D(2026, 4, 11)) == 0


def test_payments_go_to_the_oldest_instalment_first() -> None:
    payments = [Payment(D(2026, 5, 20), M("700.00")), Payment(D(2026, 4, 8), M("1500.00"))]
    state = progress(PLAN, payments, D(2026, 6, 1))
    first, second, third = state.instalments
    assert (first.paid, first.settled_on, first.state) == (M("1000.00"), D(2026, 4, 8), InstalmentState.PAID)
    assert (second.paid, second.settled_on, second.state) == (
        M("1000.00"),
        D(2026, 5, 20),
        InstalmentState.PAID_LATE,
    )
    assert (third.paid, third.outstanding, third.state) == (
        M("200.00"),
        M("800.00"),
        InstalmentState.NOT_YET_DUE,
    )
    assert state.paid == M("2200.00")
    assert state.overdue == ()
    assert state.next_due is third


def test_a_partly_paid_instalment_past_its_date_is_overdue_for_the_rest() -> None:
    state = progress(PLAN, [Payment(D(2026, 4, 9), M("400.00"))], D(2026, 4, 20))
    first = state.instalments[0]
    assert (first.paid, first.outstanding, first.state) == (M("400.00"), M("600.00"), InstalmentState.OVERDUE)
    assert state.overdue_amount == M("600.00")


def test_full_payment_and_overpayment() -> None:
    state = progress(PLAN, [Payment(D(2026, 4, 1), M("3000.50"))], D(2026, 4, 1))
    assert state.fully_paid
    assert state.excess == M("0.50")
    assert state.next_due is None
    assert {i.state for i in state.instalments} == {InstalmentState.PAID}
    assert InstalmentState.PAID_LATE.label


def test_a_payment_dated_after_today_or_not_positive_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        progress(PLAN, [Payment(D(2026, 4, 2), M("10.00"))], D(2026, 4, 1))
    assert refused.value.field == "payments[0].paid_on"
    with pytest.raises(ValidationError):
        progress(PLAN, [Payment(D(2026, 4, 1), M("0.00"))], D(2026, 4, 1))
