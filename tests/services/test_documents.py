"""Finalising case documents through the service, on SQLite and PostgreSQL, with a stand-in
renderer (the document's canonical JSON and the language it was made in, as bytes) so the rules
are tested without reportlab: numbers per kind and year, a final document that never changes,
version N+1 only when the data changed, the signed scan, verification by SHA-256, permissions,
and a clear refusal (with nothing stored) when a case lacks what a document needs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from mediation_app.cli import main
from mediation_app.documents.agreement import SettlementAgreement
from mediation_app.documents.canonical import canonical_json, load
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.enums import CaseStatus
from mediation_app.errors import PermissionDenied, WorkflowError
from mediation_app.i18n import _, language, set_language
from mediation_app.services.documents import finalise as documents
from mediation_app.services.documents.builders.agreement import draft_number
from mediation_app.services.documents.registry import kinds as document_kinds
from mediation_app.services.documents.registry import title
from mediation_app.storage.models import (
    Attachment,
    AuditEvent,
    Case,
    CaseEvent,
    CaseNumberCounter,
    Document,
    MediationSession,
    Owner,
)
from mediation_app.storage.uow import Database
from tests.support.document_setup import CASE_NUMBER, centre_case


def fake_render(kind: str, data: Any, *, locale: str | None = None) -> bytes:
    """Bytes that change with the data and say which language they were made in."""
    return f"{kind}|{locale or language()}|".encode() + canonical_json(data)


def finalise(db: Database, case_id: int, kind: str, **kwargs: Any) -> documents.FinalDocument:
    with db.unit_of_work(SYSTEM) as uow:
        return documents.finalise(uow, case_id, kind, fake_render, **kwargs)


def test_every_document_of_the_finished_case_is_built_finalised_and_read_back_from_its_data(
    db: Database,
) -> None:
    _c, cid = centre_case(db)
    finalise(db, cid, "agreement")  # the application names the final agreement's number
    with db.read() as session:
        kinds = list(document_kinds())
        for kind in kinds:
            data = documents.build_document(session, cid, kind, today=db.clock.today())
            assert data == load(canonical_json(data)), kind
    finals = {kind: finalise(db, cid, kind) for kind in kinds}
    for kind, final in finals.items():
        assert final.version == 1 and final.case_number == CASE_NUMBER
        assert final.content == fake_render(kind, load(final.data_json), locale="zh_CN")
        assert documents.rerender(final, fake_render) == final.content
    assert finals["agreement"].number == "荔物调协〔2021〕0001号"
    assert finals["statement"].number == "荔物调明〔2021〕0001号"
    assert finals["record"].number == "荔物调记〔2021〕0001号"  # the latest (second) session
    assert finals["record"].ref.stored_kind == "record.2"
    first = finalise(db, cid, "record", item=1)
    assert (first.number, first.ref.stored_kind) == ("荔物调记〔2021〕0002号", "record.1")
    agreement = load(finals["agreement"].data_json)
    assert isinstance(agreement, SettlementAgreement) and agreement.number == "荔物调协〔2021〕0001号"
    assert (
        len(agreement.payment.instalments) == 3
        and sum(i.amount for i in agreement.payment.instalments) == agreement.total
    )
    assert sum(line.payable for line in agreement.settlement.lines) == agreement.total


def test_a_final_document_never_changes_and_a_new_version_keeps_its_number(db: Database) -> None:
    _c, cid = centre_case(db, until="signed")
    first = finalise(db, cid, "agreement")
    again = finalise(db, cid, "agreement")
    assert first.created and not again.created
    assert (again.id, again.sha256, again.content) == (first.id, first.sha256, first.content)
    with db.unit_of_work(SYSTEM) as uow:  # the owner's new phone changes the agreement's text
        owner = uow.session.scalar(select(Owner).where(Owner.name == "车某"))
        assert owner is not None
        owner.phone = "13959011111"
        uow.commit()
    second = finalise(db, cid, "agreement")
    assert second.created and second.version == 2 and second.number == first.number and second.id != first.id
    with db.read() as session:
        newest = documents.final_document(session, cid, "agreement")
        assert newest is not None and newest.id == second.id
        rows = session.scalars(select(Document).where(Document.case_id == cid).order_by(Document.id)).all()
        assert [(r.version_no, r.sha256) for r in rows] == [(1, first.sha256), (2, second.sha256)]
        old = documents.verify_file(session, first.content)
        assert old.found and old.version == 1 and old.superseded and old.latest_version == 2
        counters = session.scalars(
            select(CaseNumberCounter.prefix).where(CaseNumberCounter.prefix.like("%协"))
        ).all()
        assert counters == ["荔物调协"]  # one number used, not two
        steps = [e.to_value for e in session.scalars(select(CaseEvent).where(CaseEvent.kind == "document"))]
        shown = _("{title} {number}").format(title=title("agreement"), number=first.number)
        assert steps == [shown, _("{document}, version {version}").format(document=shown, version=2)]
        audited = session.scalars(
            select(AuditEvent.after_json)
            .where(AuditEvent.action == "document.finalise")
            .order_by(AuditEvent.id)
        ).all()
        assert len(audited) == 2 and first.sha256 in audited[0] and "content" not in audited[0]


def test_numbers_run_per_kind_and_year_across_cases(db: Database) -> None:
    c, cid = centre_case(db, until="signed")
    other = c.to(CaseStatus.SIGNED)
    first = finalise(db, cid, "agreement")
    second = finalise(db, other, "agreement")
    assert first.number == "荔物调协〔2021〕0001号"
    assert second.number == "荔物调协〔2021〕0002号"  # the other case's agreement is dated 2021 too
    intake = finalise(db, other, "intake")
    assert intake.number == "荔物调登〔2021〕0001号"


def test_a_case_without_an_agreement_is_told_what_is_missing_and_nothing_is_stored(db: Database) -> None:
    _c, cid = centre_case(db, until="in_mediation")
    with db.read() as session, pytest.raises(WorkflowError) as refused:
        documents.build_document(session, cid, "agreement", today=db.clock.today())
    assert _("Settlement Agreement") in refused.value.message
    assert _("no settlement agreement has been recorded for this case yet (record the agreed terms).") in (
        refused.value.message
    )
    with pytest.raises(WorkflowError):
        finalise(db, cid, "agreement")
    with pytest.raises(WorkflowError, match=_("no mediation session has been recorded for this case yet.")):
        finalise(db, cid, "record")
    with pytest.raises(WorkflowError):
        finalise(db, cid, "closing")
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0
        assert (
            session.scalar(
                select(func.count())
                .select_from(CaseNumberCounter)
                .where(CaseNumberCounter.prefix != "荔物调")
            )
            == 0
        )


def test_a_clerk_may_not_finalise_a_mediator_may(db: Database) -> None:
    c, cid = centre_case(db, until="signed")
    with pytest.raises(PermissionDenied), db.unit_of_work(c.actor("clerk.yang")) as uow:
        documents.finalise(uow, cid, "agreement", fake_render)
    with db.unit_of_work(c.actor("mediator.chen")) as uow:
        final = documents.finalise(uow, cid, "agreement", fake_render)
    assert final.finalised_by == "陈志明"
    with db.read() as session:
        found = documents.verify_file(session, final.content)
    assert found.found and found.finalised_by == "陈志明" and found.case_number == CASE_NUMBER


def test_final_documents_are_made_in_chinese_whatever_the_screen_speaks(db: Database) -> None:
    _c, cid = centre_case(db, until="signed")
    set_language("en")
    final = finalise(db, cid, "agreement")
    assert language() == "en"  # put back afterwards
    assert final.content.startswith(b"agreement|zh_CN|")
    assert documents.rerender(final, fake_render) == final.content
    with db.read() as session:
        draft = documents.build_document(session, cid, "statement", today=db.clock.today())
    assert draft.prepared_by == "陈志明"


def test_a_draft_agreement_has_no_number_until_it_is_final(db: Database) -> None:
    _c, cid = centre_case(db, until="signed")
    draft = documents.build_document(db, cid, "agreement")
    assert draft.number == draft_number()
    final = finalise(db, cid, "agreement")
    assert documents.build_document(db, cid, "agreement").number == final.number


def test_the_signed_scan_is_attached_to_the_final_document_and_verifies(db: Database, tmp_path: Path) -> None:
    c, cid = centre_case(db, until="signed")
    final = finalise(db, cid, "agreement")
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned paper with signatures\n")
    with db.unit_of_work(c.actor("clerk.yang")) as uow:
        row = documents.attach_signed_scan(uow, final.id, scan)
    assert row.kind == documents.SIGNED_SCAN and row.case_id == cid
    with db.read() as session:
        attached = session.get(Attachment, row.id)
        assert attached is not None and attached.document_id == final.id
        found = documents.verify_file(session, scan.read_bytes())
        assert found.found and found.signed_scan and found.document_number == final.number
        assert final.number in found.message()


def test_verify_command_exit_status_found_altered_unreadable(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _c, cid = centre_case(db, until="signed")
    final = finalise(db, cid, "agreement")
    good = tmp_path / "agreement.pdf"
    good.write_bytes(final.content)
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(final.content[:100] + bytes([final.content[100] ^ 1]) + final.content[101:])
    assert main(["verify", str(good), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert final.number in out and CASE_NUMBER in out
    assert main(["verify", str(altered), "--db", db_url]) == 1
    assert "SHA-256" in capsys.readouterr().out
    assert main(["verify", str(tmp_path / "missing.pdf"), "--db", db_url]) == 2
    assert capsys.readouterr().err.strip()


def test_the_application_for_confirmation_needs_the_final_agreement_and_its_30_days(db: Database) -> None:
    _c, cid = centre_case(db, until="signed")  # signed on 2021-03-14, no application recorded
    inside, after = dt.date(2021, 3, 20), dt.date(2021, 6, 1)
    with pytest.raises(WorkflowError, match=re.escape(_("Application for Judicial Confirmation"))):
        documents.build_document(db, cid, "confirmation", today=inside)  # the agreement is not final
    agreement = finalise(db, cid, "agreement")
    application = documents.build_document(db, cid, "confirmation", today=inside)
    assert application.agreement_number == agreement.number and application.date == inside
    assert application.court == "福建省莆田市荔城区人民法院"
    with pytest.raises(WorkflowError) as late:
        documents.build_document(db, cid, "confirmation", today=after)
    assert "2021" in late.value.message and late.value.message.startswith(
        _("The {document} cannot be made: {reason}").split("{")[0]
    )


def test_the_place_of_signing_names_the_organisation_once(db: Database) -> None:
    _c, cid = centre_case(db, until="signed")
    with db.read() as session:
        organisation = session.get_one(Case, cid).organization.name

    def signed_at(room: str) -> str:
        with db.engine.begin() as connection:  # the room as a mediator might have typed it
            connection.execute(
                update(MediationSession).where(MediationSession.case_id == cid).values(place=room)
            )
        return documents.build_document(db, cid, "agreement").place

    # the room in brackets after the organisation: its own room, or another's (a property
    # company's meeting room is not the organisation's)
    assert signed_at("第二调解室") == f"{organisation}（第二调解室）"
    assert signed_at("荔景花园物业服务中心会议室") == f"{organisation}（荔景花园物业服务中心会议室）"
    assert signed_at(f"{organisation}第二调解室") == f"{organisation}第二调解室"  # not twice
