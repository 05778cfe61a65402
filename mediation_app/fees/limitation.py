"""Rule 5: the three-year limitation check (诉讼时效, 民法典 188 and 195).

For each charge still outstanding the chain of dates is its due date, the interruptions after
it (and before the claim date), then the claim date. If any step from a date a to the next date
b lands after the same calendar date three years after a (29 February → 28 February; landing
on it exactly is still in time), the charge is possibly time-barred. Only the owner can raise
limitation (民法典 193), so this is a warning: nothing is removed from the totals.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from functools import lru_cache

from mediation_app.fees.inputs import LimitationTerms
from mediation_app.fees.months import three_years_later


def too_late(a: dt.date, b: dt.date) -> bool:
    """The step from ``a`` to ``b`` lands after the same calendar date three years after ``a``."""
    return (b.year, b.month, b.day) > three_years_later(a)


def earliest_in_time(b: dt.date) -> int:
    """The ordinal of the earliest date a with ``not too_late(a, b)``.

    ``three_years_later`` never decreases as a grows, so the step a → b is too late exactly when
    a is before this day: the same calendar date three years before b, or 1 March when b is
    29 February (no date three years earlier maps onto it). Works on ordinals, so checking a
    charge is one comparison; the first years of the calendar cannot be reached by three years
    back and count as "never too late".
    """
    if b.year <= 3:
        return dt.date.min.toordinal()
    if b.month == 2 and b.day == 29:
        return dt.date(b.year - 3, 3, 1).toordinal()
    return dt.date(b.year - 3, b.month, b.day).toordinal()


class LimitationCheck:
    """Answers "possibly time-barred?" for a due date with one bisection and two comparisons."""

    def __init__(self, terms: LimitationTerms) -> None:
        interruptions = sorted({day for day in terms.interruptions if day < terms.claim_date})
        chain = [*interruptions, terms.claim_date]
        self._interruptions = [day.toordinal() for day in interruptions]
        # For a due date before chain[i] (and after chain[i - 1]) the first step goes to chain[i]:
        # it is too late when the due date is before _cutoff[i]; _gap_after[i] says whether a
        # later step, chain[i] → … → claim date, is too late anyway.
        self._cutoff = [earliest_in_time(day) for day in chain]
        gap_after = [False] * len(chain)
        for i in range(len(chain) - 2, -1, -1):
            gap_after[i] = gap_after[i + 1] or too_late(chain[i], chain[i + 1])
        self._gap_after = gap_after

    def barred_spans(self) -> list[tuple[int, int]]:
        """The due dates possibly time-barred, as disjoint ``[low, high)`` spans of ordinals in
        date order: a walk through due dates in order checks each with one comparison."""
        bounds = [0, *self._interruptions, dt.date.max.toordinal() + 1]
        spans: list[tuple[int, int]] = []
        for i, cutoff in enumerate(self._cutoff):
            low, high = bounds[i], bounds[i + 1]
            if not self._gap_after[i]:
                high = min(high, cutoff)
            if low >= high:
                continue
            if spans and spans[-1][1] == low:
                low = spans.pop()[0]
            spans.append((low, high))
        return spans

    def possibly_barred(self, due: dt.date) -> bool:
        return self.possibly_barred_ordinal(due.toordinal())

    def possibly_barred_ordinal(self, due: int) -> bool:
        i = bisect_right(self._interruptions, due)  # the first interruption after the due date
        return due < self._cutoff[i] or self._gap_after[i]


def barred_spans(terms: LimitationTerms) -> list[tuple[int, int]]:
    """:meth:`LimitationCheck.barred_spans` of ``terms``: the cases of a batch share a claim date
    and interruptions, so each such set is worked out once (a copy: callers may change it). The
    dates are the cache's key, rather than the terms, whose hash and equality are Python calls."""
    try:
        return list(_shared_spans(terms.claim_date, terms.interruptions))
    except TypeError:  # unhashable (a list of interruptions): not shared
        return LimitationCheck(terms).barred_spans()


@lru_cache(maxsize=64)
def _shared_spans(claim_date: dt.date, interruptions: tuple[dt.date, ...]) -> tuple[tuple[int, int], ...]:
    return tuple(LimitationCheck(LimitationTerms(claim_date, interruptions)).barred_spans())
