"""``mediation-app case show`` / ``cases find`` / ``cases due`` on SQLite and PostgreSQL: JSON with
stable ids, readable text, and one-line errors with exit status 2."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mediation_app.cli import main
from mediation_app.clock import CHINA
from mediation_app.domain.enums import CaseStatus, Track
from mediation_app.services.cases import routing
from mediation_app.services.documents.registry import DocumentRef, build
from mediation_app.storage.models import Case
from mediation_app.storage.uow import Database
from tests.support.document_setup import CASE_NUMBER, centre_case
from tests.support.workflow_setup import TOTAL, Centre

LONG_AGO = dt.datetime(2021, 3, 10, 9, 0, tzinfo=CHINA)


@pytest.fixture
def centre(db: Database) -> Centre:
    """Cases from 2021, so their deadlines are long past whatever day the suite runs."""
    c = Centre.build(db, start=LONG_AGO)
    in_mediation = c.to(CaseStatus.IN_MEDIATION)
    c.run(routing.transfer_track, in_mediation, Track.INDUSTRY, c.org("区物业协会"), "涉及服务质量评价")
    c.to(CaseStatus.WITHDRAWN)
    db.dispose()  # the commands open the database themselves
    return c


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_case_show_json_has_stable_ids_and_the_whole_history(
    centre: Centre, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _err = _run(capsys, "case", "show", "荔物调〔2021〕0002号", "--json", "--db", db_url)
    assert status == 0
    shown = json.loads(out)
    assert (shown["number"], shown["status"], shown["track"]) == (
        "荔物调〔2021〕0002号",
        "in_mediation",
        "industry",
    )
    assert shown["organisation"]["name"] == "荔城区物业管理行业协会"
    assert shown["organisation"]["level"] == "district"
    assert shown["deadline"] == "2021-04-09" and shown["deadline_kind"] == "mediation_period"
    assert shown["urgency"] == "overdue"
    history = shown["history"]
    assert [h["kind"] for h in history][:3] == ["status", "accept", "consent"]
    assert all(set(h) >= {"at", "kind", "from", "to", "by", "reason"} for h in history)
    moves = [
        (h["from"], h["to"]) for h in history if h["kind"] in ("accept", "start_mediation", "transfer_track")
    ]
    assert moves == [
        ("intake", "awaiting_consent"),
        ("awaiting_consent", "in_mediation"),
        ("people", "industry"),
    ]
    assert "record_session" in shown["allowed_actions"] and "sign" not in shown["allowed_actions"]


def test_case_show_json_gives_the_settlement_the_agreement_is_printed_from(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # 车某's agreement on the proposal lowering the fee standard by 0.40 and waiving the late fee;
    # another reached on an agreed total without a proposal; a third still in mediation.
    c, che = centre_case(db, until="signed")
    on_total, undecided = c.to(CaseStatus.SIGNED), c.to(CaseStatus.IN_MEDIATION)
    printed = {}
    with db.read() as session:
        for case_id in (che, on_total):
            document = build(session, case_id, DocumentRef("agreement"), today=c.clock.today())
            printed[case_id] = document.settlement.to_dict()
        numbers = {case_id: session.get(Case, case_id).number for case_id in (che, on_total, undecided)}  # type: ignore[union-attr]
    db.dispose()  # the command opens the database itself

    def shown(case_id: int) -> dict[str, object]:
        status, out, _err = _run(capsys, "case", "show", numbers[case_id], "--json", "--db", db_url)
        assert status == 0
        return json.loads(out)  # type: ignore[no-any-return]

    che_shown = shown(che)
    assert che_shown["number"] == CASE_NUMBER
    settlement = che_shown["settlement"]
    assert settlement == printed[che]
    assert settlement["total"]["claimed"] == "23543.60"
    assert [line["item"] for line in settlement["lines"]] == ["utilities", "service_fee", "late_fee"]
    assert settlement["payable_uppercase"].startswith("人民币")
    assert che_shown["agreement"]["total"] == settlement["total"]["payable"]
    total_shown = shown(on_total)
    assert total_shown["settlement"] == printed[on_total]
    assert total_shown["settlement"]["total"]["payable"] == str(TOTAL)
    assert shown(undecided)["settlement"] is None


def test_case_show_text_is_readable(centre: Centre, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = _run(capsys, "case", "show", "荔物调〔2021〕0003号", "--db", db_url)
    assert status == 0
    first, *rest = out.splitlines()
    assert first.startswith("荔物调〔2021〕0003号")
    assert any("物业公司撤回申请" in line for line in rest)  # the withdrawal's reason


def test_cases_find_and_due(centre: Centre, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = _run(capsys, "cases", "find", "车某", "--json", "--db", db_url)
    assert status == 0
    assert [(r["number"], r["owner"], r["status"]) for r in json.loads(out)] == [
        ("荔物调〔2021〕0001号", "车某", "intake")
    ]
    status, out, _err = _run(capsys, "cases", "find", "荔景花园", "--json", "--db", db_url)
    assert len(json.loads(out)) == 3
    status, out, _err = _run(capsys, "cases", "due", "--days", "3", "--json", "--db", db_url)
    assert status == 0
    due = json.loads(out)
    assert due["days"] == 3 and due["due_soon"] == []
    assert [(r["number"], r["status"], r["deadline_kind"]) for r in due["overdue"]] == [
        ("荔物调〔2021〕0002号", "in_mediation", "mediation_period")
    ]
    status, out, _err = _run(capsys, "cases", "due", "--db", db_url)
    assert status == 0 and "荔物调〔2021〕0002号" in out


def test_errors_are_one_line_and_exit_2(
    centre: Centre, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    status, out, err = _run(capsys, "case", "show", "荔物调〔2099〕0001号", "--db", db_url)
    assert (status, out) == (2, "") and err.count("\n") == 1 and "荔物调〔2099〕0001号" in err
    status, _out, err = _run(capsys, "cases", "due", "--days", "-1", "--db", db_url)
    assert status == 2 and err.count("\n") == 1
    status, _out, err = _run(capsys, "cases", "find", " ", "--db", db_url)
    assert status == 2 and err.count("\n") == 1
    status, _out, err = _run(capsys, "cases", "due", "--db", f"sqlite:///{tmp_path}/missing.sqlite3")
    assert status == 2 and "missing.sqlite3" in err
