"""A charge while the calculator works on it: integer fen and date ordinals.

Internal to the calculator. Each step (allocation, late fee, limitation, yardstick) reads or
fills these records; the calculator turns them into the frozen result lines at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.domain.enums import ChargeKind
from mediation_app.fees.months import Month

# On equal due dates the service fee is paid before utilities (rule 3).
KIND_ORDER = {ChargeKind.SERVICE_FEE: 0, ChargeKind.UTILITIES: 1}


@dataclass(slots=True)
class Charge:
    kind: ChargeKind
    period: Month
    due: dt.date
    due_ordinal: int
    amount: int  # fen
    outstanding: int  # fen, after allocation
    # Service fee only: days charged, days in the month, the rate used.
    days: int = 0
    days_in_month: int = 0
    rate: Decimal | None = None
    # What paid this charge: (payment date ordinal, fen), in payment order; None until paid
    # (most charges of an arrears case are never paid: no list for them).
    paid: list[tuple[int, int]] | None = None
    late_fee: int = 0  # fen
    late_fee_from: int = 0  # ordinal of the first day a late fee accrues
    time_barred: bool = False

    def sort_key(self) -> tuple[int, int, int]:
        """Oldest due date first; on equal dates service fee, then utilities; then by period."""
        return (self.due_ordinal, KIND_ORDER[self.kind], self.period.index)
