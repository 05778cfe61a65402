"""A company's batch of imported owners, for the model-mediation (示范调解) tests and benchmark.

``imported_batch(centre, rows)`` imports spreadsheet rows through the real import path (preview,
then one committed batch) into the demo centre of :mod:`tests.support.workflow_setup`, whose
company and community are the ones the sheets name; ``accept(centre, case_id, proposal_id)`` takes
one owner through the ordinary flow to an agreement on the batch's proposal.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from mediation_app.batch_import import commit_import, preview
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.party import Party
from mediation_app.fees import LateFeeWaiver, RateReduction
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.cases import assignment, consents
from mediation_app.services.cases import status as case_workflow
from mediation_app.storage.models import Case, Proposal
from mediation_app.workflow.consent import ConsentMethod
from tests.support.import_sheets import COMPANY, good_row, unique_id_number, write_xlsx
from tests.support.workflow_setup import Centre

# The centre's terms: the fee standard lowered by 0.40 yuan per m² and half the late fee waived.
TERMS = (RateReduction(per_m2=Decimal("0.40")), LateFeeWaiver(ratio=Decimal("0.5")))


def owner_rows(count: int, *, seed: int = 3, building: str = "9幢") -> list[list[object]]:
    """``count`` valid rows of one building, each owner with a distinct ID number."""
    rng = random.Random(seed)
    return [
        good_row(
            index,
            rng,
            building=building,
            room=f"{index + 101}",
            id_number=unique_id_number(index + seed * 1000),
        )
        for index in range(count)
    ]


def imported_batch(centre: Centre, folder: Path, rows: Sequence[Sequence[object]]) -> tuple[int, list[int]]:
    """Import ``rows`` as one batch of the demo company; the batch's id and its case ids in order."""
    db = centre.db
    path = write_xlsx(folder / "owners.xlsx", rows)
    company_id = centre.ids["company"][COMPANY]
    with db.read() as session:
        checked = preview(session, path, company_id, today=centre.clock.today())
    assert not checked.error_rows, [str(issue) for issue in checked.all_issues()]
    with db.unit_of_work(SYSTEM) as uow:
        result = commit_import(uow, checked)
    return result.batch_id, [ref.id for ref in result.cases]


def batch_proposal(centre: Centre, case_id: int) -> int:
    """The id of the case's newest proposal."""
    with centre.db.read() as session:
        found = session.scalar(
            select(Proposal.id).where(Proposal.case_id == case_id).order_by(Proposal.id.desc()).limit(1)
        )
    assert found is not None
    return found


def start_mediation(centre: Centre, case_id: int) -> None:
    """Accepted, both sides consenting, a mediator assigned: the case is in mediation."""
    today = centre.clock.today()
    centre.run(case_workflow.accept, case_id)
    centre.run(consents.record_consent, case_id, Party.OWNER, ConsentMethod.PHONE, today)
    centre.run(consents.record_consent, case_id, Party.COMPANY, ConsentMethod.SIGNED_FORM, today)
    # Imported cases of 荔景花园 are handled by the town sub-centre of its street, and its mediator.
    centre.run(assignment.start_mediation, case_id, centre.org("拱辰街道分中心"), centre.staff("mediator.wu"))


def accept(centre: Centre, case_id: int, *, in_mediation: bool = False) -> None:
    """The owner accepts the batch's proposal: the agreement is recorded on it (one payment)."""
    if not in_mediation:
        start_mediation(centre, case_id)
    terms = agreement.AgreementTerms(
        reached_on=centre.clock.today(),
        pay_method="微信转账",
        proposal_id=batch_proposal(centre, case_id),
        due_on=centre.clock.today() + dt.timedelta(days=30),
    )
    centre.run(agreement.reach_agreement, case_id, terms)


def status_of(centre: Centre, case_id: int) -> str:
    with centre.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return str(case.status.value)
