"""Printing a batch's accepted agreements in one go: each finalised through the ordinary path and
written as its own PDF, and all of them as one combined print job; printing again takes the final
documents as they are; Cancel stops with no combined job."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from mediation_app.errors import WorkflowError
from mediation_app.services.batch import agreements_to_print, apply_terms, print_agreements
from mediation_app.services.documents.finalise import verify_file
from mediation_app.storage.uow import Database
from reports import registry
from reports.batch import combine, render_documents
from tests.support.batch_setup import TERMS, accept, imported_batch, owner_rows
from tests.support.workflow_setup import Centre


class Stop(Exception):
    pass


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def accepted(db: Database, tmp_path: Path) -> tuple[Centre, int, list[int]]:
    """Three owners offered the terms; the first and the third accepted."""
    centre = Centre.build(db)
    batch_id, case_ids = imported_batch(centre, tmp_path, owner_rows(3))
    centre.run(apply_terms, batch_id, TERMS)
    accept(centre, case_ids[0])
    accept(centre, case_ids[2])
    return centre, batch_id, case_ids


def test_the_accepted_agreements_print_one_pdf_each_and_one_combined_job(
    accepted: tuple[Centre, int, list[int]], tmp_path: Path
) -> None:
    centre, batch_id, case_ids = accepted
    waiting = agreements_to_print(centre.db, batch_id)
    assert [a.case_id for a in waiting] == [case_ids[0], case_ids[2]]
    assert all(not a.document_number for a in waiting)
    seen: list[tuple[int, int]] = []
    job = print_agreements(
        centre.db,
        centre.actor("mediator.wu"),
        batch_id,
        tmp_path / "out",
        registry.render,
        combine,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 2), (2, 2)]
    assert [a.case_id for a in job.agreements] == [case_ids[0], case_ids[2]] and job.finalised_now == 2
    combined = job.combined.read_bytes()
    singles = [a.path.read_bytes() for a in job.agreements]
    assert _pages(combined) == sum(_pages(pdf) for pdf in singles)
    with centre.db.read() as session:
        for agreement, pdf in zip(job.agreements, singles, strict=True):
            found = verify_file(session, pdf)  # each file is the final document, byte for byte
            assert found.found and found.document_number == agreement.document_number
            assert agreement.owner in _text(pdf) and agreement.document_number in _text(pdf)
    text = _text(combined)
    assert text.index(job.agreements[0].document_number) < text.index(job.agreements[1].document_number)

    again = print_agreements(
        centre.db, centre.actor("mediator.wu"), batch_id, tmp_path / "again", registry.render, combine
    )
    assert again.finalised_now == 0
    assert [a.document_number for a in again.agreements] == [a.document_number for a in job.agreements]
    assert [a.path.read_bytes() for a in again.agreements] == singles


def _counting(calls: list[str]):  # type: ignore[no-untyped-def]
    def render(kind: str, data: object, *, locale: str | None = None) -> bytes:
        calls.append(kind)
        return registry.render(kind, data, locale=locale)

    return render


def test_rendered_together_first_the_agreements_are_the_ones_finalising_makes(
    accepted: tuple[Centre, int, list[int]], tmp_path: Path
) -> None:
    centre, batch_id, _ids = accepted
    calls: list[str] = []
    job = print_agreements(
        centre.db,
        centre.actor("mediator.wu"),
        batch_id,
        tmp_path / "out",
        _counting(calls),
        combine,
        render_many=lambda items, **kw: render_documents(items, workers=2, **kw),
    )
    assert calls == []  # every agreement was the one rendered beforehand
    with centre.db.read() as session:
        for agreement in job.agreements:
            pdf = agreement.path.read_bytes()
            assert verify_file(session, pdf).found
            assert agreement.document_number in _text(pdf)


def test_a_wrong_guess_of_the_numbers_only_costs_a_rendering(
    accepted: tuple[Centre, int, list[int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    centre, batch_id, _ids = accepted
    from mediation_app.services.batch import printing

    real = printing._as_finalise_will_make_them

    def off_by_ten(session, items, today):  # type: ignore[no-untyped-def]
        import dataclasses

        return [
            (kind, dataclasses.replace(data, number=data.number + "X"))
            for kind, data in real(session, items, today)
        ]

    monkeypatch.setattr(printing, "_as_finalise_will_make_them", off_by_ten)
    calls: list[str] = []
    job = print_agreements(
        centre.db,
        centre.actor("mediator.wu"),
        batch_id,
        tmp_path / "out",
        _counting(calls),
        combine,
        render_many=render_documents,
    )
    assert calls == ["agreement", "agreement"]
    with centre.db.read() as session:
        assert all(verify_file(session, a.path.read_bytes()).found for a in job.agreements)
        assert all("X" not in a.document_number for a in job.agreements)


def test_cancel_stops_printing_with_no_combined_job(
    accepted: tuple[Centre, int, list[int]], tmp_path: Path
) -> None:
    centre, batch_id, _ids = accepted

    def cancel(done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        print_agreements(
            centre.db,
            centre.actor("mediator.wu"),
            batch_id,
            tmp_path / "out",
            registry.render,
            combine,
            progress=cancel,
        )
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 1


def test_a_batch_with_nobody_agreed_has_nothing_to_print(db: Database, tmp_path: Path) -> None:
    centre = Centre.build(db)
    batch_id, _ids = imported_batch(centre, tmp_path, owner_rows(2))
    with pytest.raises(WorkflowError):
        print_agreements(
            centre.db, centre.actor("mediator.wu"), batch_id, tmp_path / "out", registry.render, combine
        )
    assert not (tmp_path / "out").exists()
