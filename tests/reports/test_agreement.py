"""The settlement agreement of the centre's own case, read back from the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from mediation_app import formatting
from mediation_app.documents.canonical import content_hash
from mediation_app.documents.verification import parse_payload
from mediation_app.errors import ValidationError
from mediation_app.i18n import _
from mediation_app.money import uppercase_rmb
from reports import agreement as renderer
from reports import format as fmt
from tests.support import pdfcheck
from tests.support import sample_case as case

SETTLED_IN_FULL = (
    "Once this agreement has been performed, the dispute between the parties over the property "
    "service fees, shared utilities, late fees and every other charge for the flat up to and "
    "including {date} is settled in full, and neither party will make any further claim "
    "against the other for it."
)
ACCELERATION = (
    "If Party A fails to pay any instalment in full when due, Party B may demand the whole "
    "unpaid balance at once."
)


@pytest.fixture
def lump_sum() -> bytes:
    return renderer.render(case.agreement())


@pytest.fixture
def instalments() -> bytes:
    return renderer.render(case.agreement(instalments=True))


def test_names_every_party_with_the_details_the_law_asks_for(lump_sum: bytes) -> None:
    owner, company = case.OWNER, case.COMPANY
    assert company.agent is not None
    pdfcheck.assert_shows(
        lump_sum,
        _("Settlement Agreement"),
        case.AGREEMENT_NUMBER,
        owner.name,
        formatting.date(owner.birth_date),
        owner.id_number,
        owner.address,
        owner.phone,
        company.name,
        company.domicile,
        company.credit_code,
        company.legal_representative,
        company.agent.name,
        case.ORGANISATION.name,
        "陈某",
        formatting.date(case.AGREEMENT_DATE),
    )


def test_states_each_amount_in_figures_and_in_uppercase(lump_sum: bytes) -> None:
    settlement = case.agreement().settlement
    for line in settlement.lines:  # each line of the table: claimed, taken off, conceded, payable
        pdfcheck.assert_shows(
            lump_sum,
            formatting.amount(line.claimed),
            formatting.amount(line.adjustment),
            formatting.amount(line.concession),
        )
        pdfcheck.assert_shows(lump_sum, formatting.amount(line.payable))
    pdfcheck.assert_shows(
        lump_sum, formatting.amount(settlement.total.claimed), formatting.amount(settlement.total.concession)
    )
    pdfcheck.assert_shows(
        lump_sum, formatting.rmb(case.AGREED_TOTAL), "人民币壹万肆仟伍佰伍拾柒元玖角肆分", "14,557.94"
    )


def test_the_figures_add_up_on_the_face_of_the_page(lump_sum: bytes) -> None:
    """What a judge does with a pencil: each line's claimed − taken off − conceded = payable, and
    the payables add up to the total in words."""
    settlement = case.agreement().settlement
    for line in settlement.lines:
        assert line.claimed - line.adjustment - line.concession == line.payable, line.label
    assert sum(line.payable for line in settlement.lines) == case.AGREED_TOTAL
    assert case.CLAIM_SERVICE - case.REDUCTION_WORTH == case.AGREED_SERVICE  # 14,474.72 − 2,067.98
    pdfcheck.assert_shows(
        lump_sum, formatting.amount(case.AGREED_SERVICE), formatting.amount(case.REDUCTION_WORTH)
    )


def test_numbers_the_terms_in_order_and_ends_with_settlement_copies_and_effect(lump_sum: bytes) -> None:
    text = pdfcheck.flat_text(lump_sum)
    count = len(case.agreement().clauses)
    positions = [text.find(fmt.clause_number(n)) for n in range(1, count + 1)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    assert fmt.clause_number(count + 1) not in text
    # The start of the clause, in whatever language the catalogue gives (the whole msgid is what
    # the catalogue translates, so translate it whole and compare its opening words).
    settled = pdfcheck.squeeze(_(SETTLED_IN_FULL).split("{date}")[0])[:6]
    assert settled in text


def test_instalments_are_a_table_with_each_amount_in_words(instalments: bytes) -> None:
    data = case.agreement(instalments=True)
    for instalment in data.payment.instalments:
        pdfcheck.assert_shows(
            instalments, formatting.date(instalment.due), formatting.amount(instalment.amount)
        )
        pdfcheck.assert_shows(instalments, uppercase_rmb(instalment.amount))
    pdfcheck.assert_shows(instalments, _("Amount in words"), _("Total"), uppercase_rmb(data.total))
    text = pdfcheck.flat_text(instalments)
    assert pdfcheck.squeeze(_(ACCELERATION)) in text


def test_every_page_is_numbered_and_every_font_embedded(lump_sum: bytes, instalments: bytes) -> None:
    for pdf in (lump_sum, instalments):
        assert 2 <= pdfcheck.assert_page_numbers(pdf) <= 4
        pdfcheck.assert_fonts_embedded(pdf)


def test_same_data_same_bytes_and_metadata_from_the_data(lump_sum: bytes) -> None:
    assert renderer.render(case.agreement()) == lump_sum
    info = pdfcheck.reader(lump_sum).metadata
    assert info is not None
    assert info.creation_date is not None and info.creation_date.date() == case.AGREEMENT_DATE
    assert info.subject == case.CASE_NUMBER and info.author == case.ORGANISATION.name
    changed = dataclasses.replace(case.agreement(), place="荔城区物业纠纷调处中心调解室")
    assert renderer.render(changed) != lump_sum


def test_the_qr_code_decodes_at_150_dpi_to_the_number_the_data_hash_and_the_command(lump_sum: bytes) -> None:
    pages = len(pdfcheck.page_texts(lump_sum))
    payloads = pdfcheck.qr_payloads(lump_sum, pages, dpi=150)
    digest = content_hash(case.agreement())
    assert payloads == [f"{case.AGREEMENT_NUMBER} SHA256:{digest[:16]} mediation-app verify"]
    code = parse_payload(payloads[0])
    assert code.document_number == case.AGREEMENT_NUMBER
    assert code.matches(digest)


def test_beside_the_qr_code_the_same_in_words_and_how_to_check(lump_sum: bytes) -> None:
    digest = content_hash(case.agreement())
    pdfcheck.assert_shows(
        lump_sum,
        _("Document number: {number}").format(number=case.AGREEMENT_NUMBER),
        _(
            "Content digest: the first {digits} hex digits of the SHA-256 of the document's recorded data: "
            "{digest}"
        ).format(digits=16, digest=digest[:16]),
        "mediation-app verify",
    )


def test_the_content_hash_follows_the_values_not_their_spelling() -> None:
    data = case.agreement()
    respelled = dataclasses.replace(data, unit=dataclasses.replace(data.unit, area=Decimal("119.420")))
    assert content_hash(respelled) == content_hash(data)
    later = dataclasses.replace(data, date=dt.date(2021, 3, 23))
    assert content_hash(later) != content_hash(data)


def test_inconsistent_figures_are_refused_naming_the_field() -> None:
    data = case.agreement()
    broken = dataclasses.replace(
        data.settlement,
        total=dataclasses.replace(data.settlement.total, payable=data.total + Decimal("0.01")),
    )
    with pytest.raises(ValidationError) as wrong_total:
        dataclasses.replace(data, settlement=broken)
    assert wrong_total.value.field == "settlement"
    plan = case.agreement(instalments=True).payment
    short = dataclasses.replace(plan, instalments=plan.instalments[:2])
    with pytest.raises(ValidationError) as wrong_plan:
        dataclasses.replace(data, payment=short)
    assert wrong_plan.value.field == "payment.instalments"
    with pytest.raises(ValidationError) as few_copies:
        dataclasses.replace(data, copies=2)
    assert few_copies.value.field == "copies"


def test_another_process_renders_the_same_bytes(lump_sum: bytes) -> None:
    """Re-rendering a final document happens later, in another process: nothing may depend on
    the process (hash seed, registration order, caches)."""
    import hashlib
    import os
    import subprocess
    import sys
    from pathlib import Path

    from mediation_app.i18n import language

    script = (
        "import hashlib, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})\n"
        "from mediation_app.i18n import set_language\n"
        f"set_language({language()!r})\n"
        "from reports import agreement\n"
        "from tests.support import sample_case\n"
        "print(hashlib.sha256(agreement.render(sample_case.agreement())).hexdigest())\n"
    )
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True
    )
    assert result.stdout.strip() == hashlib.sha256(lump_sum).hexdigest()
