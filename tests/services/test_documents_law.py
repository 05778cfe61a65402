"""The law a document cites follows its track and its date, and the application for judicial
confirmation quotes its agreement word for word, under the same numbers, naming the parties as the
agreement does and confirming each applicant's address for service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mediation_app.clock import CHINA
from mediation_app.documents.agreement import SettlementAgreement
from mediation_app.documents.confirmation import ConfirmationApplication
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import CaseStatus, Track
from mediation_app.services.documents import finalise as documents
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from tests.support.workflow_setup import Centre


def _render(kind: str, data: Any, *, locale: str | None = None) -> bytes:
    return f"{kind}|{data!r}".encode()


def _signed_case(db: Database, start: dt.datetime, track: Track = Track.PEOPLE) -> tuple[Centre, int]:
    centre = Centre.build(db, start=start)
    cid = centre.to(CaseStatus.SIGNED)
    if track is not Track.PEOPLE:
        with db.unit_of_work(SYSTEM) as uow:
            case = uow.session.get(Case, cid)
            assert case is not None
            case.track = track
            uow.commit()
    with db.unit_of_work(SYSTEM) as uow:
        documents.finalise(uow, cid, "agreement", _render)
    return centre, cid


def _documents(db: Database, cid: int, today: dt.date) -> tuple[SettlementAgreement, ConfirmationApplication]:
    agreement = documents.build_document(db, cid, "agreement", today=today)
    application = documents.build_document(db, cid, "confirmation", today=today)
    assert isinstance(agreement, SettlementAgreement) and isinstance(application, ConfirmationApplication)
    return agreement, application


@pytest.mark.parametrize(
    ("start", "articles"),
    [
        (dt.datetime(2021, 5, 10, 9, tzinfo=CHINA), ("第一百九十四条", "第一百九十五条")),
        (dt.datetime(2022, 6, 1, 9, tzinfo=CHINA), ("第二百零一条", "第二百零二条")),
        (dt.datetime(2024, 3, 4, 9, tzinfo=CHINA), ("第二百零五条", "第二百零六条")),
    ],
)
def test_the_articles_cited_follow_the_date_of_the_application(
    db: Database, start: dt.datetime, articles: tuple[str, str]
) -> None:
    centre, cid = _signed_case(db, start)
    agreement, application = _documents(db, cid, centre.clock.today())
    for article in articles:
        assert article in application.law
        assert article in agreement.clauses[-2].text  # the clause on its effect and confirmation
    assert "《中华人民共和国人民调解法》第三十三条" in application.law  # a people's mediation case
    others = {"第一百九十四条", "第二百零一条", "第二百零五条"} - {articles[0]}
    assert not any(other in application.law for other in others)


def test_an_industry_mediation_agreement_does_not_cite_the_peoples_mediation_law(db: Database) -> None:
    centre, cid = _signed_case(db, dt.datetime(2024, 3, 4, 9, tzinfo=CHINA), Track.INDUSTRY)
    agreement, application = _documents(db, cid, centre.clock.today())
    assert "人民调解法" not in application.law and "第二百零五条" in application.law
    assert not any("人民调解法" in clause.text for clause in agreement.clauses)


def test_the_application_quotes_every_clause_with_its_number_and_confirms_addresses(db: Database) -> None:
    centre, cid = _signed_case(db, dt.datetime(2026, 3, 2, 9, tzinfo=CHINA))
    agreement, application = _documents(db, cid, centre.clock.today())
    assert application.terms == agreement.clauses  # every clause, in order: the same numbers
    assert application.settlement == agreement.settlement
    named = application.parties_named
    assert agreement.owners[0].name in named and agreement.company.name in named
    assert [address.applicant for address in application.service_addresses] == [
        *(owner.name for owner in agreement.owners),
        agreement.company.name,
    ]
    assert all(address.address for address in application.service_addresses)


def test_the_agreement_states_responsibility_matters_and_a_remedy_for_a_lump_sum(db: Database) -> None:
    centre, cid = _signed_case(db, dt.datetime(2026, 3, 2, 9, tzinfo=CHINA))
    agreement, _application = _documents(db, cid, centre.clock.today())
    assert agreement.responsibility and agreement.matters_in_dispute
    # the workflow set-up agrees instalments: a missed one accelerates the rest
    assert any("全部" in clause.text or "whole" in clause.text for clause in agreement.clauses)
