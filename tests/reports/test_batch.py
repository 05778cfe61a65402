"""Batch rendering: every document comes back, in order, byte for byte what a single render
gives, with progress reported; the fonts cover the characters of personal names."""

from __future__ import annotations

import dataclasses

from reports import statement
from reports.batch import render_all
from reports.fonts import faces, has_glyph
from tests.support import sample_case as case


def test_a_batch_on_two_workers_gives_each_statement_in_order_and_reports_progress() -> None:
    base = case.statement()
    items = [dataclasses.replace(base, case_number=f"荔物调〔2026〕{n:04d}号") for n in range(1, 7)]
    seen: list[tuple[int, int]] = []
    pdfs = list(
        render_all(
            items, statement.render, workers=2, progress=lambda done, total: seen.append((done, total))
        )
    )
    assert pdfs == [statement.render(item) for item in items]
    assert seen == [(n, 6) for n in range(1, 7)]


def test_the_document_face_has_rare_name_characters_and_a_real_bold() -> None:
    face = faces()
    for char in "车某欧阳䶮堃琤犇昇喆祎":
        assert has_glyph(face.regular, char) and has_glyph(face.bold, char), char
    assert face.bold != face.regular
