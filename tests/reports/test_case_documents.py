"""The centre's own case built through the services (SQLite and PostgreSQL) and printed: every
document made from the stored case and read back from its PDF (the parties, each amount in
figures and in uppercase, the clause numbering, the page count, embedded fonts); finalised ones
re-rendered from their stored data to the same bytes; ``print`` writing a final document byte for
byte and a draft marked 草稿; ``verify`` passing the file and failing a copy with one byte changed;
a case without an agreement told so, with no file written."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mediation_app import formatting
from mediation_app.cli import main
from mediation_app.documents.agreement import SettlementAgreement
from mediation_app.documents.case_file import CaseFile
from mediation_app.documents.statement import ArrearsStatement
from mediation_app.domain.actor import SYSTEM
from mediation_app.i18n import _
from mediation_app.money import uppercase_rmb
from mediation_app.services.documents import finalise as documents
from mediation_app.services.documents.registry import kinds
from mediation_app.storage.uow import Database
from mediation_app.workflow.outcomes import Outcome
from reports import format as fmt
from reports import registry, verification
from tests.support import pdfcheck
from tests.support.cli_sign_in import run_signed_in
from tests.support.document_setup import CASE_NUMBER, centre_case

OWNER_ID = "350302198506180316"


@pytest.fixture
def finished(db: Database) -> Iterator[tuple[Database, int]]:
    """The case from intake to the follow-up visit, its agreement finalised."""
    _c, cid = centre_case(db)
    with db.unit_of_work(SYSTEM) as uow:
        documents.finalise(uow, cid, "agreement", registry.render)
    yield db, cid


def built(db: Database, cid: int, kind: str, **kwargs: Any) -> Any:
    return documents.build_document(db, cid, kind, **kwargs)


def assert_amounts(pdf: bytes, *amounts: Any) -> None:
    """Each amount in figures and in financial uppercase."""
    for amount in amounts:
        pdfcheck.assert_shows(pdf, formatting.amount(amount), uppercase_rmb(amount))


def test_every_document_of_the_case_renders_with_its_fonts_embedded_and_numbered_pages(
    finished: tuple[Database, int],
) -> None:
    db, cid = finished
    for kind in kinds():
        pdf = registry.render(kind, built(db, cid, kind))
        pdfcheck.assert_fonts_embedded(pdf)
        pages = pdfcheck.assert_page_numbers(pdf) if kind != "file" else len(pdfcheck.page_texts(pdf))
        assert pages == len(pdfcheck.reader(pdf).pages), kind
        assert CASE_NUMBER in "".join(pdfcheck.page_texts(pdf)), kind
        pdfcheck.assert_shows(pdf, "车某")
        # the records name the people present or visited (the company's agent), not the company
        if kind not in ("record", "followup"):
            pdfcheck.assert_shows(pdf, "莆田市荔安物业服务有限公司")


def test_every_document_of_the_case_is_typeset_by_the_rules_and_its_draft_reads_the_same(
    finished: tuple[Database, int],
) -> None:
    """Made from the stored case (not sample data): no line starting with closing punctuation or
    letter-spaced, no page of signatures alone, the draft's text that of the document."""
    db, cid = finished
    for kind in kinds():
        data = built(db, cid, kind)
        pdf = registry.render(kind, data)
        pdfcheck.assert_line_rules(pdf)
        pdfcheck.assert_no_page_of_signatures_only(pdf)
        with verification.drafting():
            unmarked = registry.render(kind, data)
        assert pdfcheck.pdftotext(registry.render_draft(kind, data)) == pdfcheck.pdftotext(unmarked), kind


def test_the_agreement_names_the_parties_and_states_every_amount_and_clause_in_order(
    finished: tuple[Database, int],
) -> None:
    db, cid = finished
    with db.read() as session:
        final = documents.final_document(session, cid, "agreement")
    assert final is not None
    data = documents.build_document(db, cid, "agreement")
    assert isinstance(data, SettlementAgreement) and data.number == final.number
    pdf = final.content
    pdfcheck.assert_shows(
        pdf, _("Settlement Agreement"), final.number, OWNER_ID, "13859012345", data.company.credit_code
    )
    # The periods as claimed, in the claim and in what the owner pays.
    pdfcheck.assert_shows(
        pdf, "2017年8月1日至2021年3月9日的物业服务费", "2017年8月1日至2021年2月28日的公摊水电费"
    )
    assert_amounts(pdf, data.total, *(i.amount for i in data.payment.instalments))
    for line in data.settlement.lines:  # the table: claimed, taken off, conceded, payable per line
        pdfcheck.assert_shows(
            pdf, *(formatting.amount(a) for a in (line.claimed, line.adjustment, line.concession))
        )
        pdfcheck.assert_shows(pdf, formatting.amount(line.payable))
    assert data.total == sum(line.payable for line in data.settlement.lines)
    text = pdfcheck.flat_text(pdf)
    clauses = len(data.clauses)
    positions = [text.find(pdfcheck.squeeze(fmt.clause_number(n))) for n in range(1, clauses + 1)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    assert pdfcheck.squeeze(fmt.clause_number(clauses + 1)) not in text
    assert pdfcheck.assert_page_numbers(pdf) <= 3


def test_the_statement_states_the_recomputed_lines_discounts_and_what_is_payable(
    finished: tuple[Database, int],
) -> None:
    db, cid = finished
    data = built(db, cid, "statement")
    assert isinstance(data, ArrearsStatement)
    pdf = registry.render("statement", data)
    assert len(data.service_fees) == 44 and data.service_fees[0].month == "2017-08"
    assert_amounts(pdf, data.settlement.total.payable)
    pdfcheck.assert_shows(
        pdf,
        formatting.amount(data.service_fee_total),
        formatting.amount(data.utilities_total),
        formatting.amount(data.late_fee_total),
        *(formatting.amount(line.concession) for line in data.settlement.lines),
    )
    # The statement quotes the same settlement as the agreement.
    agreement = built(db, cid, "agreement")
    assert data.settlement == agreement.settlement


def test_the_other_documents_read_back_what_the_case_recorded(finished: tuple[Database, int]) -> None:
    db, cid = finished
    intake = registry.render("intake", built(db, cid, "intake"))
    pdfcheck.assert_shows(intake, OWNER_ID, "2,151.20", "14,474.72", "6,917.68", "23,543.60")
    record = registry.render("record", built(db, cid, "record", item=1))
    pdfcheck.assert_shows(record, "车某", "陈志明", "业主对欠费清单无异议")
    confirmation = built(db, cid, "confirmation")
    pdf = registry.render("confirmation", confirmation)
    pdfcheck.assert_shows(pdf, confirmation.agreement_number, "福建省莆田市荔城区人民法院")
    followup = built(db, cid, "followup")
    pdf = registry.render("followup", followup)
    assert_amounts(pdf, followup.total_paid)
    closing = built(db, cid, "closing")
    pdf = registry.render("closing", closing)
    assert closing.agreed == closing.paid and closing.balance == 0
    assert closing.ending.outcome is Outcome.PERFORMED
    assert_amounts(pdf, closing.claimed, closing.paid)
    pdfcheck.assert_shows(pdf, closing.ending.wording(), formatting.rmb(Decimal("0.00")))
    pdfcheck.assert_shows(pdf, "2021年3月10日", "2021年6月20日")
    case_file = built(db, cid, "file")
    assert isinstance(case_file, CaseFile)
    pdf = registry.render("file", case_file)
    titles = [item.title for item in pdfcheck.reader(pdf).outline if not isinstance(item, list)]
    assert len(titles) == len(case_file.sections) + 3  # cover, contents, closing sheet


def test_final_documents_rerender_to_their_stored_bytes(finished: tuple[Database, int]) -> None:
    db, cid = finished
    for kind in kinds():
        with db.unit_of_work(SYSTEM) as uow:
            final = documents.finalise(uow, cid, kind, registry.render)
        assert documents.rerender(final, registry.render) == final.content, kind


def test_print_writes_a_final_document_byte_for_byte_and_verify_spots_one_changed_byte(
    finished: tuple[Database, int], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid = finished
    draft = tmp_path / "statement-draft.pdf"
    assert main(["print", CASE_NUMBER, "--doc", "statement", "--out", str(draft), "--db", db_url]) == 0
    info = pdfcheck.reader(draft.read_bytes()).metadata
    assert info is not None and info.title is not None
    assert info.title == _("{title} (draft)").format(title=_("Arrears Statement") + " " + CASE_NUMBER)
    pdfcheck.assert_fonts_embedded(draft.read_bytes())
    assert main(["verify", str(draft), "--db", db_url]) == 1  # a draft is no final document

    printed = tmp_path / "agreement.pdf"
    assert main(["print", CASE_NUMBER, "--doc", "agreement", "--out", str(printed), "--db", db_url]) == 0
    with db.read() as session:
        final = documents.final_document(session, cid, "agreement")
    assert final is not None and printed.read_bytes() == final.content
    capsys.readouterr()
    assert main(["verify", str(printed), "--db", db_url]) == 0
    assert final.number in capsys.readouterr().out
    changed = tmp_path / "changed.pdf"
    content = bytearray(printed.read_bytes())
    content[len(content) // 2] ^= 0x01
    changed.write_bytes(bytes(content))
    assert main(["verify", str(changed), "--db", db_url]) == 1

    statement = tmp_path / "statement.pdf"
    assert (
        run_signed_in(
            ["print", CASE_NUMBER, "--doc", "statement", "--final", "--out", str(statement), "--db", db_url]
        )
        == 0
    )
    again = tmp_path / "statement-again.pdf"
    assert main(["print", CASE_NUMBER, "--doc", "statement", "--out", str(again), "--db", db_url]) == 0
    assert again.read_bytes() == statement.read_bytes()
    assert main(["verify", str(again), "--db", db_url]) == 0


def test_a_case_without_an_agreement_gets_a_clear_message_and_no_file(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    centre_case(db, until="in_mediation")
    folder = tmp_path / "printed"
    folder.mkdir()
    target = folder / "agreement.pdf"
    assert main(["print", CASE_NUMBER, "--doc", "agreement", "--out", str(target), "--db", db_url]) == 2
    error = capsys.readouterr().err
    assert (
        _("no settlement agreement has been recorded for this case yet (record the agreed terms).") in error
    )
    assert not list(folder.iterdir())  # no file, not even a partial one


def test_the_monthly_report_reads_back_the_months_figures(db: Database, db_url: str, tmp_path: Path) -> None:
    centre_case(db)
    target = tmp_path / "monthly.pdf"
    assert main(["report", "monthly", "--month", "2021-03", "--out", str(target), "--db", db_url]) == 0
    pdf = target.read_bytes()
    pdfcheck.assert_fonts_embedded(pdf)
    pdfcheck.assert_page_numbers(pdf)
    pdfcheck.assert_shows(
        pdf, _("Monthly Statistics of Property Disputes"), "23,543.60"
    )  # the claim received
    # The case closed performed in June, the last instalment paid: its agreement counts there.
    june = tmp_path / "june.pdf"
    assert main(["report", "monthly", "--month", "2021-06", "--out", str(june), "--db", db_url]) == 0
    pdfcheck.assert_shows(june.read_bytes(), "14,557.94")  # 14,474.72 − 2,067.98 + 2,151.20


def test_finalise_command_says_whether_it_made_a_document_or_found_it_unchanged(
    finished: tuple[Database, int], db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid = finished
    assert run_signed_in(["finalise", CASE_NUMBER, "--doc", "record", "--item", "1", "--db", db_url]) == 0
    made = capsys.readouterr().out
    assert run_signed_in(["finalise", CASE_NUMBER, "--doc", "record", "--item", "1", "--db", db_url]) == 0
    found = capsys.readouterr().out
    with db.read() as session:
        final = documents.final_document(session, cid, "record", item=1)
    assert final is not None and final.sha256 in made and final.sha256 in found and made != found
    assert run_signed_in(["finalise", CASE_NUMBER, "--doc", "agreement", "--item", "1", "--db", db_url]) == 2
