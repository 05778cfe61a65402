"""The closing report names how the case really ended: an agreement signed and not performed is
协议未履行, never 调解不成; a case with a signed agreement states what was agreed, paid and left
unpaid; every way of ending has its own words, in the report, on the case file's cover and in
the PDF as a reader sees it (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from mediation_app import formatting
from mediation_app.documents.case_file import CaseFile
from mediation_app.documents.closing import ClosingReport
from mediation_app.errors import WorkflowError
from mediation_app.i18n import _
from mediation_app.services.documents import finalise as documents
from mediation_app.storage.uow import Database
from mediation_app.workflow.outcomes import Outcome
from reports import registry
from tests.support import pdfcheck
from tests.support.endings import CLOSING, HALF, LITIGATION, Endings, every_ending
from tests.support.workflow_setup import TOTAL

# Each way of ending: its outcome, and its result as the clerk writes it (the message id).
EXPECTED = {
    "performed": (Outcome.PERFORMED, "Settled; the agreement was performed in full"),
    "not_performed_to_litigation": (Outcome.NOT_PERFORMED, "Agreement not performed; handed to litigation"),
    "not_performed_confirmed": (
        Outcome.NOT_PERFORMED,
        "Agreement not performed; judicially confirmed, enforcement may be applied for",
    ),
    "not_performed": (Outcome.NOT_PERFORMED, "Agreement not performed"),
    "confirmation_refused": (
        Outcome.CONFIRMATION_REJECTED,
        "Judicial confirmation refused; handed to litigation",
    ),
    "failed": (Outcome.FAILED, "Mediation failed; handed to litigation"),
    "failed_unsigned": (Outcome.FAILED, "Mediation failed; handed to litigation"),
    "withdrawn": (Outcome.WITHDRAWN, "Application withdrawn by the applicant"),
    "not_accepted": (Outcome.NOT_ACCEPTED, "Not accepted"),
}
# What the signed agreement's money came to: (paid, unpaid); None: no agreement was signed.
MONEY = {
    "performed": (TOTAL, Decimal("0.00")),
    "not_performed_to_litigation": (HALF, HALF),
    "not_performed_confirmed": (Decimal("1000.00"), TOTAL - Decimal("1000.00")),
    "not_performed": (Decimal("0.00"), TOTAL),
    "confirmation_refused": (Decimal("0.00"), TOTAL),
}


@pytest.fixture
def endings(db: Database) -> Iterator[Endings]:
    yield every_ending(db)


def closing(db: Database, case_id: int) -> ClosingReport:
    data = documents.build_document(db, case_id, "closing")
    assert isinstance(data, ClosingReport)
    return data


def test_every_way_of_ending_has_its_words_and_its_money(db: Database, endings: Endings) -> None:
    assert set(EXPECTED) == set(endings.concluded)
    for name, case_id in endings.concluded.items():
        data = closing(db, case_id)
        outcome, words = EXPECTED[name]
        assert data.ending.outcome is outcome, name
        assert data.ending.wording() == _(words), name
        assert data.closing_date == (LITIGATION if name == "not_performed_to_litigation" else CLOSING), name
        if name in MONEY:
            paid, unpaid = MONEY[name]
            assert (data.agreed, data.paid, data.balance) == (TOTAL, paid, unpaid), name
        else:
            assert data.agreed is None and data.balance is None and data.paid == 0, name
        assert data.summary[-1] == _("The case was closed on {date}: {outcome}.").format(
            date=formatting.date(data.closing_date), outcome=_(words)
        )
    assert closing(db, endings.not_performed_to_litigation).days == 49


def test_an_agreement_half_paid_and_sued_on_reads_as_not_performed_with_the_balance(
    db: Database, endings: Endings
) -> None:
    """The demo's 〔2025〕0017号: signed, half paid, then handed to litigation."""
    data = closing(db, endings.not_performed_to_litigation)
    pdf = registry.render("closing", data)
    text = pdfcheck.flat_text(pdf)
    assert pdfcheck.squeeze(_("Agreement not performed; handed to litigation")) in text
    assert pdfcheck.squeeze(_("Mediation failed; handed to litigation")) not in text
    pdfcheck.assert_shows(
        pdf,
        _("Paid under the agreement"),
        _("Unpaid balance"),
        formatting.rmb(TOTAL),
        formatting.rmb(HALF),
        _(
            "On {date} the parties reached a settlement agreement for {total}; {paid} has been paid under it "
            "and {balance} remains unpaid."
        ).format(
            date=formatting.date(data.intake_date),
            total=formatting.yuan(TOTAL),
            paid=formatting.yuan(HALF),
            balance=formatting.yuan(HALF),
        ),
        "协议未经司法确认，业主不履行，转诉讼处理",
    )


def test_each_closing_report_prints_its_result_and_only_the_money_it_has(
    db: Database, endings: Endings
) -> None:
    for name, case_id in endings.concluded.items():
        data = closing(db, case_id)
        pdf = registry.render("closing", data)
        pdfcheck.assert_inside_margins(pdf)
        pdfcheck.assert_shows(pdf, data.ending.wording(), formatting.rmb(data.claimed))
        if data.balance is None:
            pdfcheck.assert_shows(pdf, _("no agreement signed"))
            assert pdfcheck.squeeze(_("Unpaid balance")) not in pdfcheck.flat_text(pdf), name
        else:
            pdfcheck.assert_shows(pdf, formatting.rmb(data.paid), formatting.rmb(data.balance))


def test_the_words_of_the_path_say_what_became_of_the_agreement_and_the_ruling(
    db: Database, endings: Endings
) -> None:
    unsigned = closing(db, endings.failed_unsigned)
    assert any(
        paragraph
        == _("On {date} the parties reached an agreement for {total}, but it was never signed.").format(
            date=formatting.date(unsigned.intake_date), total=formatting.yuan(TOTAL)
        )
        for paragraph in unsigned.summary
    )
    refused = closing(db, endings.confirmation_refused)
    reason = "协议部分条款约定不明确，不符合司法确认条件"
    assert sum(reason in paragraph for paragraph in refused.summary) == 1  # said once, with the ruling


def test_the_case_file_cover_gives_the_same_result(db: Database, endings: Endings) -> None:
    data = documents.build_document(db, endings.not_performed_to_litigation, "file")
    assert isinstance(data, CaseFile) and data.ending is not None
    assert data.ending == closing(db, endings.not_performed_to_litigation).ending
    pdfcheck.assert_shows(registry.render("file", data), _("Agreement not performed; handed to litigation"))


def test_a_case_that_has_not_concluded_has_no_closing_report(db: Database, endings: Endings) -> None:
    for case_id in (endings.open_in_mediation, endings.open_rejected):
        with pytest.raises(WorkflowError):
            documents.build_document(db, case_id, "closing")
