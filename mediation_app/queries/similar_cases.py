"""How similar cases settled: the settlement screen's yardstick for a fair proposal.

"Similar" is another case of the same property company or the same community that ended in a
signed agreement. For each: what it claimed, what was agreed, the concession as a share of the
claim, and the days from intake to signing. The summary gives the median of both, which a
mediator can quote ("this company usually gives up about 15%").
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import NotFoundError
from mediation_app.i18n import _
from mediation_app.storage.models import Agreement, Case, Community, Unit


@dataclass(frozen=True)
class SettledCase:
    case_id: int
    number: str
    community: str
    same_company: bool
    same_community: bool
    claimed: Decimal
    agreed: Decimal
    concession_share: (
        Decimal  # (claimed − agreed) / claimed, exact: the formatter rounds it once, half-up, when shown
    )
    days_to_sign: int
    signed_on: dt.date
    status: CaseStatus


@dataclass(frozen=True)
class SimilarSettlements:
    cases: tuple[SettledCase, ...]
    median_concession_share: Decimal | None
    median_days_to_sign: int | None

    @property
    def count(self) -> int:
        return len(self.cases)


def similar_settlements(session: Session, case_id: int, *, limit: int = 50) -> SimilarSettlements:
    """Signed settlements of the same company or community, newest first (at most ``limit``)."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(_("Case {id} does not exist.").format(id=case_id))
    community_id = case.unit.community_id
    rows = session.execute(
        select(
            Case.id,
            Case.number,
            Community.name,
            Case.company_id,
            Unit.community_id,
            Case.claimed_total,
            Agreement.total,
            Case.intake_date,
            Agreement.signed_on,
            Case.status,
        )
        .join(Agreement, Agreement.case_id == Case.id)
        .join(Unit, Unit.id == Case.unit_id)
        .join(Community, Community.id == Unit.community_id)
        .where(
            Case.id != case.id,
            Agreement.signed_on.is_not(None),
            or_(Case.company_id == case.company_id, Unit.community_id == community_id),
        )
        .order_by(Agreement.signed_on.desc(), Case.id.desc())
        .limit(limit)
    ).all()
    settled = []
    for (
        cid,
        number,
        community,
        company_id,
        unit_community,
        claimed,
        agreed,
        intake,
        signed_on,
        status,
    ) in rows:
        if claimed <= 0 or signed_on is None:
            continue
        settled.append(
            SettledCase(
                cid,
                number,
                community,
                company_id == case.company_id,
                unit_community == community_id,
                claimed,
                agreed,
                (claimed - agreed) / claimed,
                (signed_on - intake).days,
                signed_on,
                status,
            )
        )
    if not settled:
        return SimilarSettlements((), None, None)
    shares = sorted(s.concession_share for s in settled)
    return SimilarSettlements(
        tuple(settled),
        Decimal(statistics.median(shares)),
        round(statistics.median(s.days_to_sign for s in settled)),
    )
