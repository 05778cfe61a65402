"""A case entered through intake like 车某's, with the late-fee rate left blank, on SQLite and
PostgreSQL: the company claims a late fee of ¥6,917.68 but no terms are on file.

Its settlement keeps the late fee as a line on the claimed figure, with ``recomputed: null`` and
the reason; an agreement reached on a waiver or on a fixed reduction waives or reduces that
figure — never a late fee of ¥0.00 (the issue's "放弃主张违约金人民币零元整（¥0.00）"); and the
utilities claimed for 2017-08-01…2021-02-28 print as that period, not as the month of the
stand-in bill ("2021年2月的公摊水电费").
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import pytest

from mediation_app.cli import main
from mediation_app.clock import CHINA, FixedClock
from mediation_app.demo.centre import organisations_staff_companies
from mediation_app.demo.centre_case import centre_case_form
from mediation_app.domain.actor import SYSTEM
from mediation_app.domain.party import Party
from mediation_app.fees import Discount, FixedDiscount, LateFeeWaiver
from mediation_app.i18n import _
from mediation_app.money import uppercase_rmb
from mediation_app.services.agreement import terms as agreement
from mediation_app.services.cases import assignment, consents
from mediation_app.services.cases import status as case_workflow
from mediation_app.services.cases.intake import intake_case
from mediation_app.services.documents.registry import DocumentRef, build
from mediation_app.services.settlement import proposals, statements
from mediation_app.storage.uow import Database
from mediation_app.workflow.consent import ConsentMethod
from reports import registry
from tests.support.pdfcheck import pdftotext, squeeze

T = TypeVar("T")
INTAKE = dt.datetime(2021, 3, 10, 9, 10, tzinfo=CHINA)
NUMBER = "荔物调〔2021〕0001号"
LATE_FEE = Decimal("6917.68")


def _take_in_without_late_fee_terms(db: Database) -> tuple[int, Callable[..., Any]]:
    """车某's intake form as the clerk submits it with the late-fee rate left blank; the case is
    then accepted, consented to and assigned. No utility bills are on file (intake takes none)."""
    assert isinstance(db.clock, FixedClock)
    db.clock.current = INTAKE
    ids = organisations_staff_companies(db, random.Random(7))
    form = centre_case_form(ids)
    form.late_fee_daily_rate = ""

    def run(service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with db.unit_of_work(SYSTEM) as uow:
            return service(uow, *args, **kwargs)

    case_id = run(intake_case, form).id
    run(case_workflow.accept, case_id)
    today = db.clock.today()
    run(consents.record_consent, case_id, Party.COMPANY, ConsentMethod.SIGNED_FORM, today)
    run(consents.record_consent, case_id, Party.OWNER, ConsentMethod.SMS_REPLY, today)
    run(assignment.start_mediation, case_id, ids["org"]["区物业人调委"], ids["staff"]["mediator.chen"])
    return case_id, run


@pytest.mark.parametrize(
    ("name", "discounts", "late_fee_conceded"),
    [
        ("免除违约金", [LateFeeWaiver(Decimal(1))], LATE_FEE),
        ("违约金减半", [LateFeeWaiver(Decimal("0.5"))], Decimal("3458.84")),
        ("一次性减免1000元", [FixedDiscount(Decimal("1000.00"))], Decimal("1000.00")),
    ],
)
def test_a_late_fee_claimed_without_terms_is_settled_on_the_claim_and_never_waived_as_zero(
    db: Database,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    name: str,
    discounts: Sequence[Discount],
    late_fee_conceded: Decimal,
) -> None:
    case_id, run = _take_in_without_late_fee_terms(db)
    run(statements.compute_statement, case_id, as_of=INTAKE.date())
    proposal = run(proposals.propose, case_id, name, discounts)
    today = db.clock.today()
    run(
        agreement.reach_agreement,
        case_id,
        agreement.AgreementTerms(
            reached_on=today,
            pay_method="微信转账",
            pay_place="荔景花园物业服务中心",
            proposal_id=proposal.id,
            due_on=today + dt.timedelta(days=10),
        ),
    )
    with db.read() as session:
        document = build(session, case_id, DocumentRef("agreement"), today=today)
        statement = build(session, case_id, DocumentRef("statement"), today=today)
    agreement_text = squeeze(pdftotext(registry.render("agreement", document)))
    statement_text = squeeze(pdftotext(registry.render("statement", statement)))
    db.dispose()  # the command opens the database itself

    assert main(["case", "show", NUMBER, "--json", "--db", db_url]) == 0
    settlement = json.loads(capsys.readouterr().out)["settlement"]
    assert settlement == document.settlement.to_dict()
    utilities, _service_fee, late_fee = settlement["lines"]
    # The late fee stays a line of its own, on the claimed figure, saying why it is not recomputed.
    assert (late_fee["item"], late_fee["claimed"], late_fee["recomputed"], late_fee["base"]) == (
        "late_fee",
        str(LATE_FEE),
        None,
        "claimed",
    )
    assert late_fee["reasons"][0] == _("No late-fee terms are on file: the late fee cannot be recomputed.")
    assert late_fee["concession"] == str(late_fee_conceded)
    assert Decimal(late_fee["payable"]) == LATE_FEE - late_fee_conceded

    # The concession is printed for what it is worth, never as nothing.
    for text in (agreement_text, statement_text):
        assert "零元整" not in text and "¥0.00" not in text
    assert uppercase_rmb(late_fee_conceded) in agreement_text
    assert f"¥{late_fee_conceded:,}" in agreement_text

    # The utilities as claimed, over their period — not the month of the stand-in bill.
    assert (utilities["from"], utilities["to"]) == ("2017-08-01", "2021-02-28")
    assert "2017年8月1日至2021年2月28日的公摊水电费" in agreement_text
    assert "2021年2月的公摊水电费" not in agreement_text
