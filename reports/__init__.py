"""Print-ready PDF documents of a case, made with reportlab.

Each document has a module with ``render(data) -> bytes``; ``data`` is the frozen dataclass of the
same name in :mod:`mediation_app.documents` (plain values: str, Decimal, date). Rendering is pure
and deterministic: the same data gives the same bytes, so a final document can be re-rendered
from the stored data and compared byte for byte.

The toolkit underneath: :mod:`reports.fonts` (the embedded faces), :mod:`reports.linebreak` (the
Chinese line-breaking rules), :mod:`reports.text` (the paragraph flowable using them),
:mod:`reports.page` (the A4 page, header, footer, page numbers, metadata), :mod:`reports.qr` (the
verification QR code) and :mod:`reports.blocks` (the pieces documents share: titles, party
blocks, tables, signature lines). See ``reports/README.md`` for the design.

This package imports the core and reportlab; never the UI or Qt.
"""
