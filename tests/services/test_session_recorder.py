"""The session record names its recorder (记录人): the one entered with the session, else the
member of staff who took the case in — the same person the agreement names, through one rule."""

from __future__ import annotations

from sqlalchemy import select, update

from mediation_app.documents.agreement import SettlementAgreement
from mediation_app.documents.session_record import SessionRecord
from mediation_app.domain.actor import SYSTEM
from mediation_app.services.documents import finalise as documents
from mediation_app.storage.models import Case, MediationSession, Staff
from mediation_app.storage.uow import Database
from tests.support.document_setup import centre_case


def test_a_session_without_a_recorder_names_the_clerk_who_took_the_case_in_as_the_agreement_does(
    db: Database,
) -> None:
    c, cid = centre_case(db, until="signed")
    with db.unit_of_work(
        SYSTEM
    ) as uow:  # the window clerk registered it (the set-up's intake is the system's)
        uow.session.execute(update(Case).where(Case.id == cid).values(created_by=c.staff("clerk.yang")))
        uow.commit()
    record = documents.build_document(db, cid, "record", item=1)
    agreement = documents.build_document(db, cid, "agreement")
    assert isinstance(record, SessionRecord) and isinstance(agreement, SettlementAgreement)
    with db.read() as session:
        clerk = session.scalar(select(Staff.name).where(Staff.username == "clerk.yang"))
    assert clerk and record.recorder == agreement.recorder == clerk


def test_a_recorder_entered_with_the_session_is_named(db: Database) -> None:
    _c, cid = centre_case(db, until="signed")
    with db.read() as session:
        chen = session.scalar(select(Staff.id).where(Staff.username == "mediator.chen"))
    with db.unit_of_work(SYSTEM) as uow:
        uow.session.execute(
            update(MediationSession).where(MediationSession.case_id == cid).values(recorder_id=chen)
        )
        uow.commit()
    record = documents.build_document(db, cid, "record", item=1)
    agreement = documents.build_document(db, cid, "agreement")
    with db.read() as session:
        name = session.scalar(select(Staff.name).where(Staff.id == chen))
    assert record.recorder == agreement.recorder == name
