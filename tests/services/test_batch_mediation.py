"""Model mediation of a batch (示范调解), on SQLite and PostgreSQL: the preview shows every owner
under the terms with totals and refuses, with the reason, the owners they cannot be offered to;
applying stores one proposal per open case in one audited transaction (or nothing); the owners then
accept one by one through the ordinary flow."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mediation_app.domain.actor import SYSTEM, Actor
from mediation_app.domain.enums import CaseStatus, Role
from mediation_app.errors import PermissionDenied, ValidationError
from mediation_app.fees import FixedDiscount, LateFeeWaiver
from mediation_app.queries.audit_trail import verify_chain
from mediation_app.queries.batches import batch_list
from mediation_app.services.batch import apply_terms, preview_batch
from mediation_app.services.cases import status as case_workflow
from mediation_app.services.settlement.preview import preview, preview_base
from mediation_app.storage.models import AuditEvent, Base, Proposal
from mediation_app.storage.uow import Database
from tests.support.batch_setup import TERMS, accept, imported_batch, owner_rows, status_of
from tests.support.import_sheets import good_row, unique_id_number
from tests.support.workflow_setup import Centre

pytestmark = pytest.mark.usefixtures("english")


class Stop(Exception):
    """Raised from a progress callback, as the screen's Cancel does."""


@pytest.fixture
def centre(db: Database) -> Centre:
    return Centre.build(db)


@pytest.fixture
def batch(centre: Centre, tmp_path: Path) -> tuple[int, list[int]]:
    """Five owners of 9幢; the fifth claims no late fee (a late-fee waiver cannot apply to it)."""
    rows = owner_rows(4)
    rows.append(good_row(4, building="9幢", room="105", id_number=unique_id_number(9999), late_fee=None))
    return imported_batch(centre, tmp_path, rows)


def _counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def _preview(centre: Centre, batch_id: int, discounts: object = TERMS, **kwargs: object):  # type: ignore[no-untyped-def]
    with centre.db.read() as session:
        return preview_batch(session, batch_id, SYSTEM, centre.clock.today(), discounts, **kwargs)  # type: ignore[arg-type]


def test_the_preview_shows_each_owner_under_the_terms_with_totals_and_writes_nothing(
    centre: Centre, batch: tuple[int, list[int]]
) -> None:
    batch_id, case_ids = batch
    before = _counts(centre.db)
    shown = _preview(centre, batch_id)
    assert _counts(centre.db) == before
    assert [row.case_id for row in shown.cases] == case_ids
    offered, refused = shown.offered, shown.refused
    assert len(offered) == 4 and [row.case_id for row in refused] == [case_ids[4]]
    assert "no late fee was claimed" in (refused[0].refusal or "")
    for row in offered:
        # Each owner's figures are those the case's own settlement panel previews for the same terms.
        with centre.db.read() as session:
            alone = preview(preview_base(session, row.case_id, SYSTEM, centre.clock.today()), TERMS)
        assert row.settlement == alone.settlement
        assert row.claimed == alone.settlement.total.claimed
        assert row.payable == alone.settlement.total.payable
        assert row.concession == alone.settlement.total.concession > 0
        assert row.claimed - row.concession >= (row.payable or 0)
    totals = shown.totals
    assert totals.cases == 4
    assert totals.claimed == sum(row.claimed for row in offered)
    assert totals.concession == sum(row.concession for row in offered)
    assert totals.payable == sum(row.payable or 0 for row in offered)
    # The refused owner still shows the claim and its recomputation, and counts in no total.
    assert refused[0].claimed > 0 and refused[0].payable is None


def test_without_terms_the_preview_is_the_claim_and_its_recomputation(
    centre: Centre, batch: tuple[int, list[int]]
) -> None:
    shown = _preview(centre, batch[0], ())
    assert not shown.refused and shown.totals.cases == 5
    assert shown.totals.concession == 0
    assert all(row.recomputed is not None for row in shown.cases)


def test_a_case_past_mediation_or_with_an_agreement_is_refused_and_the_others_go_on(
    centre: Centre, batch: tuple[int, list[int]]
) -> None:
    batch_id, case_ids = batch
    centre.run(case_workflow.refuse, case_ids[0], "已由法院立案受理")
    centre.run(apply_terms, batch_id, TERMS)
    accept(centre, case_ids[1])
    shown = _preview(centre, batch_id)
    reasons = {row.case_id: row.refusal for row in shown.refused}
    assert "Not accepted" in (reasons[case_ids[0]] or "")
    assert "agreement already" in (reasons[case_ids[1]] or "")
    assert {row.case_id for row in shown.offered} == {case_ids[2], case_ids[3]}


def test_discounts_beyond_a_case_s_debt_refuse_that_case_only(
    centre: Centre, batch: tuple[int, list[int]], tmp_path: Path
) -> None:
    batch_id, case_ids = batch
    # A fixed reduction of 4,000: more than the fifth owner claimed (4,044.95 less the late fee).
    shown = _preview(centre, batch_id, (FixedDiscount(Decimal("4000.00")),))
    refused = {row.case_id: row.refusal for row in shown.refused}
    assert set(refused) == {case_ids[4]}
    assert "exceeds what is left to pay" in (refused[case_ids[4]] or "")
    assert len(shown.offered) == 4


def test_terms_wrong_in_themselves_are_refused_once_naming_the_field(
    centre: Centre, batch: tuple[int, list[int]]
) -> None:
    with pytest.raises(ValidationError) as caught:
        _preview(centre, batch[0], (LateFeeWaiver(ratio=Decimal("1.5")),))
    assert caught.value.field.startswith("discounts[0]")


def test_applying_stores_one_audited_proposal_per_open_case_in_one_transaction(
    centre: Centre, batch: tuple[int, list[int]]
) -> None:
    batch_id, case_ids = batch
    shown = _preview(centre, batch_id)
    with centre.db.read() as session:
        events_before = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    applied = centre.run(
        apply_terms, batch_id, TERMS, name="示范调解：每平方米下调0.40元", actor=centre.actor("mediator.chen")
    )
    assert [p.case_id for p in applied.proposals] == [row.case_id for row in shown.offered]
    assert [p.payable for p in applied.proposals] == [row.payable for row in shown.offered]
    assert [r.case_id for r in applied.refused] == [case_ids[4]]
    with centre.db.read() as session:
        stored = session.scalars(select(Proposal).order_by(Proposal.id)).all()
        assert [(p.case_id, p.name, p.payable) for p in stored] == [
            (p.case_id, "示范调解：每平方米下调0.40元", p.payable) for p in applied.proposals
        ]
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.id > events_before).order_by(AuditEvent.id)
        ).all()
        assert actions == ["proposal.create"] * 4 + ["batch.propose"]
        assert verify_chain(session).whole


def test_applying_stops_whole_when_cancelled_halfway(centre: Centre, batch: tuple[int, list[int]]) -> None:
    batch_id, _cases = batch
    before = _counts(centre.db)

    def cancel_at_three(done: int, total: int) -> None:
        if done == 3:
            raise Stop

    with pytest.raises(Stop):
        centre.run(apply_terms, batch_id, TERMS, progress=cancel_at_three)
    assert _counts(centre.db) == before


def test_a_cancelled_preview_writes_nothing(centre: Centre, batch: tuple[int, list[int]]) -> None:
    before = _counts(centre.db)
    seen: list[int] = []

    def cancel_at_two(done: int, total: int) -> None:
        seen.append(done)
        if done == 2:
            raise Stop

    with pytest.raises(Stop):
        _preview(centre, batch[0], progress=cancel_at_two)
    assert seen == [1, 2] and _counts(centre.db) == before


def test_only_a_role_that_proposes_settlements_may_apply_terms(
    centre: Centre, batch: tuple[int, list[int]]
) -> None:
    before = _counts(centre.db)
    with pytest.raises(PermissionDenied):
        centre.run(apply_terms, batch[0], TERMS, actor=centre.actor("clerk.yang"))
    with pytest.raises(ValidationError):
        centre.run(apply_terms, batch[0], ())
    assert _counts(centre.db) == before


def test_owners_accept_one_by_one_and_the_batch_list_counts_them(
    centre: Centre, batch: tuple[int, list[int]]
) -> None:
    batch_id, case_ids = batch
    applied = centre.run(apply_terms, batch_id, TERMS)
    accept(centre, case_ids[0])
    accept(centre, case_ids[2])
    assert status_of(centre, case_ids[0]) == CaseStatus.AGREEMENT_REACHED.value
    with centre.db.read() as session:
        from mediation_app.services.agreement.terms import agreement_of

        agreed = agreement_of(session, case_ids[0])
        rows = batch_list(session)
    assert agreed is not None and agreed.total == applied.proposals[0].payable
    assert [(r.id, r.cases, r.open_cases, r.agreed) for r in rows] == [(batch_id, 5, 3, 2)]
    assert rows[0].company == "莆田市荔安物业服务有限公司"


def test_the_batch_list_is_per_company_newest_first(centre: Centre, tmp_path: Path) -> None:
    first, _ = imported_batch(centre, tmp_path, owner_rows(2, seed=4, building="10幢"))
    centre.later(hours=1)
    second, _ = imported_batch(centre, tmp_path, owner_rows(3, seed=5, building="11幢"))
    with centre.db.read() as session:
        rows = batch_list(session)
        other = batch_list(session, company_id=centre.ids["company"]["福建恒顺物业管理有限公司"])
    assert [(r.id, r.cases) for r in rows] == [(second, 3), (first, 2)]
    assert other == []


def test_a_clerk_may_preview(centre: Centre, batch: tuple[int, list[int]]) -> None:
    clerk = Actor(centre.staff("clerk.yang"), "clerk.yang", Role.CLERK)
    with centre.db.read() as session:
        shown = preview_batch(session, batch[0], clerk, centre.clock.today(), TERMS)
    assert shown.totals.cases == 4
