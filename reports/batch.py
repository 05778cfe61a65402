"""Rendering many documents in one go (a company files hundreds of cases at once): in order,
with progress, on every core; and joining many into one print job (:func:`combine`).

Each document is rendered by a worker process; the fonts are registered before the workers
start, so with ``fork`` they inherit them, and each worker speaks the caller's language. With
one worker, or a handful of documents, everything runs in the calling process. The bytes are
the same either way: rendering is deterministic.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from pypdf import PdfReader, PdfWriter

from mediation_app.i18n import language, set_language
from reports.fonts import faces

T = TypeVar("T")

Progress = Callable[[int, int], None]


def _start_worker(language_code: str) -> None:
    set_language(language_code)
    faces()


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def render_all(
    items: Sequence[T],
    render: Callable[[T], bytes],
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Iterator[bytes]:
    """Yield ``render(item)`` for each item, in order; ``progress(done, total)`` after each.

    ``render`` must be a module-level function (it is sent to the workers), such as
    ``reports.statement.render``.
    """
    total = len(items)
    count = default_workers() if workers is None else max(1, workers)
    if count == 1 or total < 2 * count:
        for done, item in enumerate(items, start=1):
            yield render(item)
            if progress:
                progress(done, total)
        return
    faces()  # registered here, inherited by forked workers
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    chunk = max(1, min(16, total // (count * 8)))
    with context.Pool(count, initializer=_start_worker, initargs=(language(),)) as pool:
        for done, pdf in enumerate(pool.imap(render, items, chunksize=chunk), start=1):
            yield pdf
            if progress:
                progress(done, total)


def _render_document(item: tuple[str, Any, str | None]) -> bytes:
    from reports import registry  # here: the registry imports every renderer

    kind, data, locale = item
    return registry.render(kind, data, locale=locale)


def render_documents(
    items: Sequence[tuple[str, Any]],
    *,
    locale: str | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Iterator[bytes]:
    """Each ``(kind, data)`` rendered by :func:`reports.registry.render` in ``locale``, in order, on
    every core (:func:`render_all`): what the core's batch printing is handed to render with."""
    return render_all(
        [(kind, data, locale) for kind, data in items], _render_document, progress=progress, workers=workers
    )


def combine(pdfs: Sequence[bytes]) -> bytes:
    """The PDFs one after the other as one file (a batch's print job): every page of each, in
    order, with one bookmark per document at its first page."""
    writer = PdfWriter()
    for pdf in pdfs:
        reader = PdfReader(io.BytesIO(pdf))
        title = reader.metadata.title if reader.metadata is not None else None
        writer.append(reader, outline_item=title or None)
    target = io.BytesIO()
    writer.write(target)
    return target.getvalue()


__all__ = ["Progress", "combine", "default_workers", "render_all", "render_documents"]
