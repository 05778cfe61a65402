"""帮助 → 使用手册 (F1): the user manual in the interface language, with its screenshots.

The text always ships (``resources/manual``); the screenshots are made by ``mediation-app
manual``. When none have been made yet (a checkout of the repository, not the installed bundle),
a bar above the text offers to make them, in a separate process so the window stays usable.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QProcess, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mediation_app.i18n import _, language
from ui import manual


class HelpWindow(QDialog):
    """The manual in a browser that follows its own links and opens web links outside."""

    def __init__(self, parent: QWidget | None = None, *, language_code: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(_("User manual"))
        self.language = language_code or language()
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("manualText")
        self.browser.setOpenExternalLinks(True)
        self.missing = QWidget(self)
        self.missing.setObjectName("picturesMissing")
        self.missing_text = QLabel(
            _("The manual's screenshots have not been made on this computer yet."), self.missing
        )
        self.missing_text.setWordWrap(True)
        self.make_button = QPushButton(_("Make the screenshots (about a minute)"), self.missing)
        self.make_button.setObjectName("makeScreenshots")
        self.make_button.clicked.connect(self.make_pictures)
        bar = QHBoxLayout(self.missing)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.missing_text, 1)
        bar.addWidget(self.make_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.missing)
        layout.addWidget(self.browser, 1)
        self.process: QProcess | None = None
        self.browser.viewport().installEventFilter(self)
        self.resize(900, 760)
        self.load()

    def load(self) -> None:
        """(Re)read the manual and show it with the pictures found."""
        folder = manual.pictures_folder(self.language)
        self.missing.setVisible(folder is None)
        text = manual.text_path(self.language).read_text(encoding="utf-8")
        if folder is not None:
            self.browser.setSearchPaths([str(folder)])
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(folder) + "/"))
        self.browser.setMarkdown(text)
        self._fit_pictures()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_pictures()
        return super().eventFilter(watched, event)

    def _fit_pictures(self) -> None:
        """Scale each screenshot to the text's width, so a page never scrolls sideways."""
        width = max(200, self.browser.viewport().width() - 40)
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                picture = fragment.charFormat().toImageFormat()
                shown = self._natural_width(picture.name()) if picture.isValid() else 0
                if fragment.isValid() and shown and picture.width() != min(shown, width):
                    picture.setWidth(min(shown, width))
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(picture)
                fragments += 1
            block = block.next()

    def _natural_width(self, name: str) -> int:
        image = self.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        if isinstance(image, (QImage, QPixmap)):
            return image.width()
        return 0

    def make_pictures(self) -> None:
        """Run ``mediation-app manual`` and reload when it is done."""
        command = manual.build_command()
        process = QProcess(self)
        process.finished.connect(self._made)
        self.make_button.setEnabled(False)
        self.missing_text.setText(_("Making the screenshots of every screen…"))
        self.process = process
        process.start(command[0], command[1:])

    def _made(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        self.process = None
        self.make_button.setEnabled(True)
        if exit_code == 0:
            self.missing_text.setText(_("The manual's screenshots have not been made on this computer yet."))
            self.load()
        else:
            self.missing_text.setText(
                _("The screenshots could not be made (exit status {code}); see the log file.").format(
                    code=exit_code
                )
            )
