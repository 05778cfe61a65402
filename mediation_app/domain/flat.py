"""The flat a dispute is about (房屋): community, building, room, building area, keys handed over.

Declared once and used wherever a flat is shown or handed on as facts (the case screen's parties
page, the hand-over to litigation), instead of a copy of this shape in each read model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Flat:
    community: str
    building: str  # as written on the deed: "3幢"
    room: str  # "1502"
    area: Decimal  # building area, m²
    handover_date: dt.date | None = None  # keys handed over (收房)

    @property
    def place(self) -> str:
        """``荔景花园3幢1502`` (what a clerk writes, and what the case list shows)."""
        return f"{self.community}{self.building}{self.room}"
