"""Case numbers: 荔物调〔2026〕0001号, unique and sequential per year.

The counter row is locked for update, so two workstations saving at once on PostgreSQL get
consecutive numbers and never the same one; on SQLite the writer lock does the same.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.storage.models import CaseNumberCounter

CASE_PREFIX = "荔物调"


def format_case_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}〔{year}〕{seq:04d}号"


def next_case_number(session: Session, year: int, prefix: str = CASE_PREFIX) -> tuple[str, int]:
    """Reserve the next number of ``year`` inside the caller's transaction."""
    counter = session.execute(
        select(CaseNumberCounter)
        .where(CaseNumberCounter.prefix == prefix, CaseNumberCounter.year == year)
        .with_for_update()
    ).scalar_one_or_none()
    if counter is None:
        counter = CaseNumberCounter(prefix=prefix, year=year, last=0)
        session.add(counter)
    counter.last += 1
    session.flush()
    return format_case_number(prefix, year, counter.last), counter.last
