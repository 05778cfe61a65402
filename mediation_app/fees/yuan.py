"""Fen → Decimal yuan for the result lines, made once and shared by every calculation."""

from __future__ import annotations

from decimal import Decimal

from mediation_app.money import from_fen


class FenDecimals(dict[int, Decimal]):
    """fen → Decimal yuan, filled on first use and shared by every calculation.

    The figures of a centre's cases fall in a few hundred thousand fen (a month's fee, a bill, a
    late fee, zero), so across cases nearly every figure has been made before, and a dict hit
    costs far less than making the Decimal again. Bounded, so a long-running client does not
    grow it forever.
    """

    LIMIT = 200_000

    def __missing__(self, fen: int) -> Decimal:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[fen] = from_fen(fen)
        return value


MONEY = FenDecimals()
