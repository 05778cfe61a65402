"""Rule 3: payments, in date order, pay the oldest charges first.

Each payment goes to the outstanding charges by due date (on equal dates the service fee before
utilities, then by period), whether or not the charge is due yet. What is left after every
charge is paid is credit: reported, never netted against anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from mediation_app.fees.charges import Charge
from mediation_app.fees.inputs import Payment
from mediation_app.money import to_fen

# One payment's allocations: (charge, fen applied), then the fen left over.
PaymentAllocation = tuple[Payment, list[tuple[Charge, int]], int]


def allocate(charges: Sequence[Charge], payments: Sequence[Payment]) -> list[PaymentAllocation]:
    """Apply ``payments`` to ``charges`` (already in payment order), filling ``Charge.paid`` and
    ``Charge.outstanding``. Returns the payments in the order applied with their allocations."""
    ordered = sorted(payments, key=lambda payment: payment.date)  # stable: same day, input order
    result: list[PaymentAllocation] = []
    position = 0
    count = len(charges)
    for payment in ordered:
        remaining = to_fen(payment.amount)
        day = payment.date.toordinal()
        applied: list[tuple[Charge, int]] = []
        while remaining and position < count:
            charge = charges[position]
            if not charge.outstanding:
                position += 1
                continue
            take = charge.outstanding if charge.outstanding <= remaining else remaining
            charge.outstanding -= take
            if charge.paid is None:
                charge.paid = [(day, take)]
            else:
                charge.paid.append((day, take))
            applied.append((charge, take))
            remaining -= take
        result.append((payment, applied, remaining))
    return result
