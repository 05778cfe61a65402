"""The batches of cases companies filed together (a spreadsheet import): the Batch page's list and
``mediation-app batch list``.

Each row counts the batch's cases, those still open to a proposal (before an agreement), those
with an agreement reached and waiting to be signed, and those signed or later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus
from mediation_app.storage.models import Batch, Case, Company

S = CaseStatus
_BEFORE_AGREEMENT = (S.INTAKE, S.AWAITING_CONSENT, S.IN_MEDIATION)


@dataclass(frozen=True)
class BatchRow:
    id: int
    company_id: int
    company: str
    created_at: dt.datetime
    source_file: str
    note: str
    cases: int
    open_cases: int  # before an agreement: the terms can be offered to them
    agreed: int  # agreement reached, not yet signed: their agreements print in one go
    signed: int  # signed or later (closed cases not counted)


def batch_list(session: Session, *, company_id: int | None = None) -> list[BatchRow]:
    """Every batch (of one company, if given), the newest first."""
    counts = (
        select(
            Case.batch_id.label("batch_id"),
            func.count(Case.id).label("cases"),
            func.sum(sql_case((Case.status.in_(_BEFORE_AGREEMENT), 1), else_=0)).label("open_cases"),
            func.sum(sql_case((Case.status == S.AGREEMENT_REACHED, 1), else_=0)).label("agreed"),
            func.sum(
                sql_case(
                    (
                        Case.status.in_(
                            (S.SIGNED, S.CONFIRMATION_APPLIED, S.CONFIRMED, S.PERFORMING, S.PERFORMED)
                        ),
                        1,
                    ),
                    else_=0,
                )
            ).label("signed"),
        )
        .where(Case.batch_id.is_not(None))
        .group_by(Case.batch_id)
        .subquery()
    )
    stmt = (
        select(
            Batch.id,
            Batch.company_id,
            Company.name,
            Batch.created_at,
            Batch.source_file,
            Batch.note,
            func.coalesce(counts.c.cases, 0),
            func.coalesce(counts.c.open_cases, 0),
            func.coalesce(counts.c.agreed, 0),
            func.coalesce(counts.c.signed, 0),
        )
        .join(Company, Company.id == Batch.company_id)
        .outerjoin(counts, counts.c.batch_id == Batch.id)
        .order_by(Batch.created_at.desc(), Batch.id.desc())
    )
    if company_id is not None:
        stmt = stmt.where(Batch.company_id == company_id)
    return [
        BatchRow(
            id=row[0],
            company_id=row[1],
            company=row[2],
            created_at=row[3],
            source_file=row[4],
            note=row[5],
            cases=int(row[6]),
            open_cases=int(row[7]),
            agreed=int(row[8]),
            signed=int(row[9]),
        )
        for row in session.execute(stmt)
    ]


__all__ = ["BatchRow", "batch_list"]
