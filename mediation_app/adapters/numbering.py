"""Case numbers: 荔物调〔2026〕0001号, unique and sequential per year.

The counter row is locked for update, so two workstations saving at once on PostgreSQL get
consecutive numbers and never the same one; on SQLite the writer lock does the same.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from mediation_app.storage.models import CaseNumberCounter

CASE_PREFIX = "荔物调"


def format_case_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}〔{year}〕{seq:04d}号"


def next_case_number(session: Session, year: int, prefix: str = CASE_PREFIX) -> tuple[str, int]:
    """Reserve the next number of ``year`` inside the caller's transaction (the counter is written
    when the caller's records are flushed)."""
    counter = session.execute(_counter_query(), {"prefix": prefix, "year": year}).scalar_one_or_none()
    if counter is None:
        counter = CaseNumberCounter(prefix=prefix, year=year, last=0)
        session.add(counter)
    counter.last += 1
    return format_case_number(prefix, year, counter.last), counter.last


@cache
def _counter_query() -> Select[CaseNumberCounter]:
    # Built once (README, Development): every intake reserves a number.
    return (
        select(CaseNumberCounter)
        .where(CaseNumberCounter.prefix == bindparam("prefix"), CaseNumberCounter.year == bindparam("year"))
        .with_for_update()
    )


def peek_case_number(session: Session, year: int, prefix: str = CASE_PREFIX) -> tuple[str, int]:
    """The number :func:`next_case_number` would reserve now, without reserving it (for a
    confirmation that shows it); another workstation may still take it first."""
    last = session.scalar(
        select(CaseNumberCounter.last).where(
            CaseNumberCounter.prefix == prefix, CaseNumberCounter.year == year
        )
    )
    seq = (last or 0) + 1
    return format_case_number(prefix, year, seq), seq
