"""``mediation-app batch list`` / ``batch propose`` on SQLite and PostgreSQL: the batches, a preview
that writes nothing, ``--yes`` storing one proposal per open case, each owner's settlement in the
shape of ``case show --json``'s, and a bad discounts file refused in one line with exit status 2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mediation_app.cli import main
from mediation_app.clock import SystemClock
from mediation_app.storage.models import Case, Proposal
from mediation_app.storage.uow import Database
from tests.support.batch_setup import accept, imported_batch, owner_rows
from tests.support.cli_sign_in import run_signed_in
from tests.support.import_sheets import good_row, unique_id_number
from tests.support.workflow_setup import Centre

pytestmark = pytest.mark.usefixtures("english")

TERMS = [{"type": "rate_reduction", "per_m2": "0.40"}, {"type": "late_fee_waiver", "ratio": "0.5"}]


@pytest.fixture
def batch(db: Database, tmp_path: Path) -> tuple[Centre, int, list[int]]:
    """Four owners; the fourth claims no late fee, so half the late fee cannot be offered to it."""
    centre = Centre.build(db)
    rows = owner_rows(3)
    rows.append(good_row(3, building="9幢", room="104", id_number=unique_id_number(9999), late_fee=None))
    batch_id, case_ids = imported_batch(centre, tmp_path, rows)
    return centre, batch_id, case_ids


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run_signed_in(argv) if "propose" in argv else main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _terms(tmp_path: Path, content: object = TERMS) -> str:
    path = tmp_path / "terms.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def _proposals(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Proposal)) or 0


def _numbers(db: Database, case_ids: list[int]) -> list[str]:
    with db.read() as session:
        return [session.get(Case, case_id).number for case_id in case_ids]  # type: ignore[union-attr]


def test_batch_list_gives_id_company_created_and_cases(
    batch: tuple[Centre, int, list[int]], db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _centre, batch_id, _ids = batch
    status, out, _err = _run(capsys, "batch", "list", "--json", "--db", db_url)
    assert status == 0
    (shown,) = json.loads(out)
    assert (shown["id"], shown["company"], shown["cases"]) == (batch_id, "莆田市荔安物业服务有限公司", 4)
    assert shown["created"].startswith("2026-03-02")
    status, out, _err = _run(capsys, "batch", "list", "--db", db_url)
    assert status == 0 and f"#{batch_id}" in out and "4 cases" in out


def test_propose_without_yes_previews_and_writes_nothing(
    batch: tuple[Centre, int, list[int]],
    db: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _centre, batch_id, case_ids = batch
    status, out, _err = _run(
        capsys, "batch", "propose", str(batch_id), "--discounts", _terms(tmp_path), "--json", "--db", db_url
    )
    assert status == 0 and _proposals(db) == 0
    shown = json.loads(out)
    numbers = _numbers(db, case_ids)
    assert set(shown) == {"batch", "as_of", "cases", "refused"}
    assert shown["batch"] == batch_id
    assert (
        dt.date.fromisoformat(shown["as_of"]) == SystemClock().today()
    )  # the command runs on the real clock
    assert [c["number"] for c in shown["cases"]] == numbers[:3]
    assert shown["refused"] == [{"number": numbers[3], "reason": "no late fee was claimed to waive."}]
    for case in shown["cases"]:
        total = case["settlement"]["total"]
        assert set(total) == {"claimed", "recomputed", "concession", "payable"}
        assert float(total["concession"]) > 0
        lines = case["settlement"]["lines"]
        assert sum(float(line["payable"]) for line in lines) == pytest.approx(float(total["payable"]))
    status, out, _err = _run(
        capsys, "batch", "propose", str(batch_id), "--discounts", _terms(tmp_path), "--db", db_url
    )
    assert status == 0 and "nothing was written" in out and "3 proposals" in out and _proposals(db) == 0


def test_yes_stores_the_proposals_and_each_settlement_is_what_case_show_prints_once_accepted(
    batch: tuple[Centre, int, list[int]],
    db: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    centre, batch_id, case_ids = batch
    status, out, _err = _run(
        capsys,
        "batch",
        "propose",
        str(batch_id),
        "--discounts",
        _terms(tmp_path),
        "--name",
        "示范调解",
        "--json",
        "--yes",
        "--db",
        db_url,
    )
    assert status == 0 and _proposals(db) == 3
    proposed = json.loads(out)
    accept(centre, case_ids[0])
    number = _numbers(db, case_ids)[0]
    status, out, _err = _run(capsys, "case", "show", number, "--json", "--db", db_url)
    assert status == 0
    assert json.loads(out)["settlement"] == proposed["cases"][0]["settlement"]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("[{", "not valid JSON"),
        ([{"type": "discount_of_my_choice"}], "discounts[0].type"),
        ([{"type": "late_fee_waiver", "ratio": "1.5"}], "discounts[0].ratio"),
        ({"type": "late_fee_waiver"}, "discounts"),
        ([], "at least one discount"),
    ],
)
def test_a_bad_discounts_file_is_one_line_and_exit_2(
    batch: tuple[Centre, int, list[int]],
    db: Database,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: object,
    said: str,
) -> None:
    _centre, batch_id, _ids = batch
    status, out, err = _run(
        capsys,
        "batch",
        "propose",
        str(batch_id),
        "--discounts",
        _terms(tmp_path, content),
        "--yes",
        "--db",
        db_url,
    )
    assert status == 2 and out == "" and _proposals(db) == 0
    assert said in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_missing_file_or_an_unknown_batch_is_one_line_and_exit_2(
    batch: tuple[Centre, int, list[int]], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = _run(
        capsys, "batch", "propose", "1", "--discounts", str(tmp_path / "nowhere.json"), "--db", db_url
    )
    assert status == 2 and "nowhere.json" in err and len(err.strip().splitlines()) == 1
    status, _out, err = _run(
        capsys, "batch", "propose", "999", "--discounts", _terms(tmp_path), "--db", db_url
    )
    assert status == 2 and "999" in err and len(err.strip().splitlines()) == 1
