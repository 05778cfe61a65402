"""A paper copy checked by its verification code: the code printed on the final agreement (its
QR code, or the same words beside it) names the document and the start of its content hash; the
check finds the final version issued with that data, refuses a digest that matches no version, an
unknown number and text that is no code, reads codes printed before the readable format, and the
``verify --code`` command answers with the exit status. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from mediation_app.cli import main
from mediation_app.documents.canonical import content_hash, load
from mediation_app.documents.verification import VerificationCode
from mediation_app.domain.actor import SYSTEM
from mediation_app.errors import ValidationError
from mediation_app.i18n import _
from mediation_app.services.documents import finalise as documents
from mediation_app.services.documents.verify_code import verify_code
from mediation_app.storage.uow import Database
from reports import registry
from tests.support.document_setup import CASE_NUMBER, centre_case


@pytest.fixture
def issued(db: Database) -> tuple[Database, documents.FinalDocument]:
    _c, cid = centre_case(db, until="signed")
    with db.unit_of_work(SYSTEM) as uow:
        return db, documents.finalise(uow, cid, "agreement", registry.render)


def test_the_printed_code_matches_the_version_issued_with_that_data(
    issued: tuple[Database, documents.FinalDocument],
) -> None:
    db, final = issued
    code = VerificationCode(final.number, content_hash(load(final.data_json)))
    with db.read() as session:
        found = verify_code(session, code.payload())
    assert found.found and found.case_number == CASE_NUMBER and found.version == 1
    message = found.message()
    assert final.number in message and CASE_NUMBER in message and _("Settlement Agreement") in message


def test_a_digest_of_other_data_an_unknown_number_and_no_code_are_told_apart(
    issued: tuple[Database, documents.FinalDocument],
) -> None:
    db, final = issued
    with db.read() as session:
        forged = verify_code(session, f"{final.number} SHA256:{'0' * 16} mediation-app verify")
        unknown = verify_code(session, f"荔物调协〔2020〕9999号 SHA256:{'0' * 16} mediation-app verify")
        with pytest.raises(ValidationError) as refused:
            verify_code(session, "not a code")
    assert not forged.found and forged.known_number and "0" * 16 in forged.message()
    assert not unknown.found and not unknown.known_number and "荔物调协〔2020〕9999号" in unknown.message()
    assert refused.value.field == "code"


def test_a_code_printed_before_the_readable_format_is_still_read(
    issued: tuple[Database, documents.FinalDocument],
) -> None:
    db, final = issued
    old = f"MDOC1|{CASE_NUMBER}|{final.number}|{content_hash(load(final.data_json))}"
    with db.read() as session:
        assert verify_code(session, old).found


def test_the_verify_command_checks_a_code(
    issued: tuple[Database, documents.FinalDocument], db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _db, final = issued
    code = VerificationCode(final.number, content_hash(load(final.data_json))).payload()
    assert main(["verify", "--code", code, "--db", db_url]) == 0
    assert final.number in capsys.readouterr().out
    assert main(["verify", "--code", code.replace("SHA256:", "SHA256:f"), "--db", db_url]) == 1
    assert main(["verify", "--code", "hello", "--db", db_url]) == 2
    assert _("Verification code") in capsys.readouterr().err
