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
PERIOD_SLOTS = 1 << 17  # more than the month indexes of years 1–9999 (119,999)


def payment_order(due_ordinal: int, kind: ChargeKind, period: Month) -> int:
    """The order payments reach charges in, as one integer (sorting on it is a C-level compare):
    oldest due date first; on equal dates service fee, then utilities; then by period."""
    return (due_ordinal * 2 + KIND_ORDER[kind]) * PERIOD_SLOTS + period.index


@dataclass(slots=True)
class Charge:
    kind: ChargeKind
    period: Month
    due: dt.date
    due_ordinal: int
    order: int  # payment_order(due_ordinal, kind, period)
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
    time_barred: bool = False
