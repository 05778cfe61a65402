"""Printing a PDF through the system's print dialog: each page rendered by QtPdf onto the printer.

:class:`PrinterChoice` is the print dialog (tests replace it with a chosen printer);
:func:`print_pdf` renders every page of the PDF at up to :data:`MAX_DPI` onto the printer's page,
scaled to fit and centred, through QPainter. The dialog is titled with the document's name
in the UI language (``打印 调解协议书 荔物调〔2026〕0301号``) and offers one copy per party plus one
for the centre. Printing is handed to the system (CUPS on Linux,
the spooler on Windows) when the painter ends.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from mediation_app.errors import MediationError
from mediation_app.i18n import _

MAX_DPI = 300  # sharp on paper; a whole A4 page at the printer's 1200 dpi would be ~500 MB


class PrintFailed(MediationError):
    """The printer could not be started or the PDF could not be read."""


class PrinterChoice:
    @classmethod
    def dialog(
        cls, parent: QWidget | None, doc_name: str, title: str, copies: int
    ) -> tuple[QPrinter, QPrintDialog]:
        """The print dialog on its printer, titled with the document's name in the UI language,
        ``copies`` preset."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(doc_name)  # ASCII: print queues and PDF printers name files from it
        printer.setCopyCount(max(1, copies))
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_("Print {document}").format(document=title or doc_name))
        return printer, dialog

    @classmethod
    def ask(cls, parent: QWidget | None, doc_name: str, title: str = "", copies: int = 1) -> QPrinter | None:
        printer, dialog = cls.dialog(parent, doc_name, title, copies)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_pdf(pdf: bytes, printer: QPrinter, doc_name: str) -> int:
    """Print every page of ``pdf`` on ``printer``; returns the number of pages sent."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount()
    if document.status() != QPdfDocument.Status.Ready or pages == 0:
        raise PrintFailed(_("The document could not be read for printing."))
    printer.setDocName(doc_name)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(
            _("The printer {name} could not be started; check that it is installed and switched on.").format(
                name=printer.printerName() or _("(none)")
            )
        )
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for page in range(pages):
            if page:
                printer.newPage()
            size = document.pagePointSize(page)
            image = document.render(
                page, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi))
            )
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            target = QRectF(
                area.left() + (area.width() - width) / 2,
                area.top() + (area.height() - height) / 2,
                width,
                height,
            )
            painter.drawImage(target, image)
    finally:
        painter.end()
        document.close()
        buffer.close()
    return pages
