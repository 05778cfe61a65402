"""Bad input: search terms and imported text cannot inject SQL; received file names cannot
escape the attachments folder; oversized files are refused. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from mediation_app.adapters import attachment_store as attachments
from mediation_app.errors import ValidationError
from mediation_app.paths import data_dir
from mediation_app.queries.case_list import CaseFilter, case_ids
from mediation_app.services.cases import evidence
from mediation_app.services.cases.intake import intake_case
from mediation_app.storage.models import Attachment, Case, Owner
from mediation_app.storage.uow import Database
from tests.support.intake_setup import CLERK, intake_centre, intake_form

HOSTILE_NAMES = [
    "../../etc/passwd",
    "..\\..\\..\\Windows\\win.ini",
    "/tmp/evil.sh",
    "收据\x00.exe.pdf",
    "C:\\Users\\x\\Desktop\\照片.jpg",
    "照" * 5000 + ".png",
    "CON.txt",
    "....",
]


def _case(db: Database, **owner: str) -> int:
    org_id, community_id = intake_centre(db)
    with db.unit_of_work(CLERK) as uow:
        return intake_case(uow, intake_form(org_id, community_id, **owner)).id


def _files_outside_attachments() -> set[Path]:
    root = data_dir()
    found = set()
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            if path.parent != root / "attachments":
                found.add(path)
    return found


def test_hostile_file_names_land_only_in_the_attachments_folder(db: Database, tmp_path: Path) -> None:
    case_id = _case(db)
    before = _files_outside_attachments()
    for n, name in enumerate(HOSTILE_NAMES):
        with db.unit_of_work(CLERK) as uow:
            row = evidence.attach_evidence(
                uow,
                case_id,
                title=f"证据{n}",
                filename=name,
                content=f"file {n}".encode(),
                submitted_by="owner",
            )
        assert "/" not in row.filename and "\\" not in row.filename and "\x00" not in row.filename
        assert len(row.filename) <= 200
    assert _files_outside_attachments() == before
    stored = sorted(p.name for p in (data_dir() / "attachments").iterdir())
    assert len(stored) == len(HOSTILE_NAMES) and all(len(name.split(".")[0]) == 64 for name in stored)
    assert not (tmp_path.parent / "etc").exists()
    with db.read() as session:
        names = list(session.scalars(select(Attachment.filename).order_by(Attachment.id)))
        assert names[0] == "passwd" and names[1] == "win.ini" and names[3] == "收据.exe.pdf"
        assert names[6] == "_CON.txt" and names[7] == "file"
        assert attachments.read(session, 1) == b"file 0"


def test_a_tampered_stored_name_cannot_read_outside(db: Database) -> None:
    case_id = _case(db)
    secret = data_dir() / "secret.txt"
    secret.write_text("not an attachment")
    with db.unit_of_work(CLERK) as uow:
        evidence.attach_evidence(
            uow, case_id, title="合同", filename="合同.pdf", content=b"%PDF-", submitted_by="company"
        )
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE attachment SET stored_name = '../secret.txt'"))
    with db.read() as session, pytest.raises(ValidationError):
        attachments.read(session, 1)


def test_an_oversized_file_is_refused_before_anything_is_written(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _case(db)
    monkeypatch.setattr(attachments, "MAX_SIZE", 1024)
    with db.unit_of_work(CLERK) as uow, pytest.raises(ValidationError, match="MB"):
        evidence.attach_evidence(
            uow, case_id, title="视频", filename="v.mp4", content=b"x" * 1025, submitted_by="owner"
        )
    folder = data_dir() / "attachments"
    assert not folder.exists() or not any(folder.iterdir())
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Attachment)) == 0


@pytest.mark.parametrize(
    "term",
    [
        '\'; DROP TABLE "case"; --',
        "' OR '1'='1",
        '" OR 1=1 --',
        "%",
        "_",
        "\\",
        "车某%' UNION SELECT id_number FROM owner --",
    ],
)
def test_search_terms_match_literally_and_inject_nothing(db: Database, term: str) -> None:
    _case(db)
    with db.read() as session:
        assert case_ids(session, CaseFilter(text=term)) == []
        assert session.scalar(select(func.count()).select_from(Case)) == 1
        assert case_ids(session, CaseFilter(text="车某")) == [1]


def test_imported_text_with_sql_in_it_is_stored_verbatim(db: Database) -> None:
    name = "车某'); DROP TABLE owner; --"
    case_id = _case(db, name=name)
    with db.read() as session:
        assert session.scalar(select(Owner.name)) == name
        assert case_ids(session, CaseFilter(text="DROP")) == [case_id]
        assert session.scalar(select(func.count()).select_from(Owner)) == 1


def test_a_file_of_an_unknown_kind_or_posing_as_a_signed_scan_is_refused_naming_the_field(
    db: Database,
) -> None:
    case_id = _case(db)
    for kind in ("signed_scan", "passport"):  # a signed scan belongs to its final document
        with db.unit_of_work(CLERK) as uow, pytest.raises(ValidationError) as refused:
            evidence.attach_evidence(
                uow,
                case_id,
                kind=kind,
                title="身份证",
                filename="id.png",
                content=b"png",
                submitted_by="owner",
            )
        assert refused.value.field == "attachment.kind"
    with db.unit_of_work(CLERK) as uow:
        row = evidence.attach_evidence(
            uow,
            case_id,
            kind="identity",
            title="身份证",
            filename="id.png",
            content=b"png",
            submitted_by="owner",
        )
    assert row.kind == "identity"
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Attachment)) == 1  # nothing half-written
