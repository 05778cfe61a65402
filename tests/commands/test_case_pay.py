"""``mediation-app case pay``: the payment that settles the agreement closes the case only with
``--close-as-performed``; a bad amount is one line with exit status 2. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation_app.cli import main
from mediation_app.clock import CHINA
from mediation_app.domain.enums import CaseStatus
from mediation_app.storage.models import Case, PerformancePayment
from mediation_app.storage.uow import Database
from tests.support.cli_sign_in import run_signed_in
from tests.support.workflow_setup import TOTAL, Centre

LONG_AGO = dt.datetime(2021, 3, 10, 9, 0, tzinfo=CHINA)


def _state(db: Database, number: str) -> tuple[CaseStatus, int]:
    from sqlalchemy import func, select

    with db.read() as session:
        case = session.scalars(select(Case).where(Case.number == number)).one()
        payments = session.scalar(
            select(func.count()).select_from(PerformancePayment).where(PerformancePayment.case_id == case.id)
        )
        return case.status, payments or 0


@pytest.mark.parametrize("flag", [False, True])
def test_the_completing_payment_closes_the_case_only_with_the_flag(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str], english: None, flag: bool
) -> None:
    centre = Centre.build(db, start=LONG_AGO)
    cid = centre.to(CaseStatus.PERFORMING)
    with db.read() as session:
        case = session.get(Case, cid)
        assert case is not None
        number = case.number
    argv = ["case", "pay", number, "--date", "2021-03-10", "--amount", str(TOTAL), "--db", db_url]
    status = run_signed_in([*argv, "--close-as-performed"] if flag else argv)
    out, _err = capsys.readouterr()
    assert status == 0
    assert _state(db, number) == ((CaseStatus.PERFORMED if flag else CaseStatus.PERFORMING), 1)
    assert ("closed as performed" in out) if flag else ("--close-as-performed" in out)


def test_a_bad_amount_is_one_line_and_writes_nothing(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    centre = Centre.build(db, start=LONG_AGO)
    cid = centre.to(CaseStatus.PERFORMING)
    with db.read() as session:
        case = session.get(Case, cid)
        assert case is not None
        number = case.number
    status = main(["case", "pay", number, "--date", "2021-03-10", "--amount", "-5", "--db", db_url])
    _out, err = capsys.readouterr()
    assert status == 2 and len(err.strip().splitlines()) == 1 and "金额" in err
    assert _state(db, number) == (CaseStatus.PERFORMING, 0)
