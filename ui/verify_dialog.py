"""File → Verify a document: is a PDF an unaltered final document, does a paper copy's code match?

Two ways in, as the verification block printed on a final document says: open the PDF file (its
SHA-256 is looked up), or enter the text of the QR code — scanned with a phone or a code reader,
or typed from the words printed beside it — for a paper copy or a scan of the signed paper. The
finding is shown in the dialog, green when found, red when not.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediation_app.errors import MediationError
from mediation_app.i18n import _
from ui.case_view.files import OpenFile
from ui.viewmodels.verification import Finding, VerificationViewModel

FOUND_STYLE = "color: #1b6e20;"
NOT_FOUND_STYLE = "color: #b00020;"


class VerifyDialog(QDialog):
    def __init__(self, model: VerificationViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setWindowTitle(_("Verify a document"))
        self.setMinimumWidth(560)
        self.model = model
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Open the PDF file of a document, or enter the text of the verification code printed on a paper "
                "copy (scan its QR code, or type the line printed beside it)."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.open_button = QPushButton(_("Open a PDF file …"), self)
        self.open_button.setObjectName("verifyOpenFile")
        self.open_button.clicked.connect(lambda _checked=False: self.open_file())
        layout.addWidget(self.open_button)
        row = QHBoxLayout()
        self.code = QLineEdit(self)
        self.code.setObjectName("verifyCode")
        self.code.setPlaceholderText(
            _("e.g. {example}").format(
                example="荔物调协〔2021〕0001号 SHA256:0123abcd4567ef89 mediation-app verify"
            )
        )
        # The example shows whole: the line printed beside a QR code is this long.
        self.code.setMinimumWidth(self.code.fontMetrics().horizontalAdvance(self.code.placeholderText()) + 24)
        self.code.returnPressed.connect(self.check_code)
        row.addWidget(self.code, 1)
        self.code_button = QPushButton(_("Check the code"), self)
        self.code_button.setObjectName("verifyCheckCode")
        self.code_button.clicked.connect(lambda _checked=False: self.check_code())
        row.addWidget(self.code_button)
        layout.addLayout(row)
        self.finding_label = QLabel(self)
        self.finding_label.setObjectName("verifyResult")
        self.finding_label.setWordWrap(True)
        self.finding_label.setMinimumHeight(64)
        layout.addWidget(self.finding_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_finding(self, finding: Finding) -> None:
        self.finding_label.setStyleSheet(FOUND_STYLE if finding.found else NOT_FOUND_STYLE)
        self.finding_label.setText(finding.message)

    def say(self, text: str) -> None:
        self.finding_label.setStyleSheet(NOT_FOUND_STYLE)
        self.finding_label.setText(text)

    def open_file(self) -> None:
        path = OpenFile.ask(self, _("Verify a document"), _("PDF documents (*.pdf);;All files (*)"))
        if path is None:
            return
        try:
            content = path.read_bytes()
        except OSError as error:
            self.say(_("The file could not be read: {reason}").format(reason=error.strerror or error))
            return
        self.show_finding(self.model.check_file(content))

    def check_code(self) -> None:
        text = self.code.text().strip()
        if not text:
            self.say(_("Enter the text of the verification code first."))
            return
        try:
            self.show_finding(self.model.check_code(text))
        except MediationError as error:
            self.say(error.message)

    @classmethod
    def ask(cls, model: VerificationViewModel, parent: QWidget | None = None) -> None:
        cls(model, parent).exec()
