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

from mediation_app.fees.inputs import LimitationTerms
from mediation_app.fees.months import three_years_later


def _too_late(a: dt.date, b: dt.date) -> bool:
    return (b.year, b.month, b.day) > three_years_later(a)


class LimitationCheck:
    """Answers "possibly time-barred?" for a due date in O(log n) of the interruptions."""

    def __init__(self, terms: LimitationTerms) -> None:
        self.claim_date = terms.claim_date
        self._interruptions = sorted({day for day in terms.interruptions if day < terms.claim_date})
        # _gap_after[i]: some step of the chain interruptions[i:] → claim date is too long.
        chain = [*self._interruptions, self.claim_date]
        gap_after = [False] * len(chain)
        for i in range(len(chain) - 2, -1, -1):
            gap_after[i] = gap_after[i + 1] or _too_late(chain[i], chain[i + 1])
        self._gap_after = gap_after

    def possibly_barred(self, due: dt.date) -> bool:
        i = bisect_right(self._interruptions, due)  # the first interruption after the due date
        if i < len(self._interruptions):
            return _too_late(due, self._interruptions[i]) or self._gap_after[i]
        return _too_late(due, self.claim_date)
