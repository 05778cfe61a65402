"""A read-only summary of one case: number, status, parties, unit, claim items and its path.

Shown when a case is opened and the full case view (``ui/case_view``) is not installed, and
usable on its own wherever a glance is enough. Identity numbers and phones are masked for roles
that may not see them in full.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import label
from mediation_app.i18n import _
from mediation_app.queries.case_summary import CaseSummary, case_summary
from mediation_app.security.privacy import shown_id_number, shown_phone
from mediation_app.storage.uow import Database


class CaseSummaryDialog(QDialog):
    def __init__(self, summary: CaseSummary, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseSummaryDialog")
        self.summary = summary
        self.setWindowTitle(_("Case {number}").format(number=summary.number))
        self.resize(900, 760)

        heading = QLabel(summary.number, self)
        heading.setObjectName("caseSummaryNumber")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        facts = QFormLayout()
        facts.addRow(_("Status"), self._value(label(summary.status), "caseSummaryStatus"))
        facts.addRow(_("Track"), self._value(label(summary.track)))
        facts.addRow(_("Handled by"), self._value(f"{summary.organization}（{label(summary.level)}）"))
        facts.addRow(_("Source"), self._value(label(summary.source)))
        facts.addRow(_("Intake date"), self._value(formatting.date(summary.intake_date)))
        if summary.next_deadline:
            facts.addRow(_("Next deadline"), self._value(formatting.date(summary.next_deadline)))
        if summary.assigning_court:
            facts.addRow(_("Assigning court"), self._value(summary.assigning_court))

        owner = QGroupBox(_("Owner"), self)
        owner_form = QFormLayout(owner)
        owner_form.addRow(_("Name"), self._value(summary.owner_name, "caseSummaryOwner"))
        owner_form.addRow(_("ID number"), self._value(shown_id_number(actor, summary.owner_id_number)))
        owner_form.addRow(_("Phone"), self._value(shown_phone(actor, summary.owner_phone)))
        owner_form.addRow(_("Address"), self._value(summary.owner_address))

        company = QGroupBox(_("Property company"), self)
        company_form = QFormLayout(company)
        company_form.addRow(_("Company name"), self._value(summary.company_name))
        company_form.addRow(_("Credit code"), self._value(summary.company_credit_code))
        company_form.addRow(_("Agent"), self._value(summary.company_agent))
        company_form.addRow(_("Agent's phone"), self._value(shown_phone(actor, summary.company_agent_phone)))

        unit = QGroupBox(_("Unit"), self)
        unit_form = QFormLayout(unit)
        unit_form.addRow(
            _("Community, building, room"),
            self._value(f"{summary.community} {summary.building} {summary.room}", "caseSummaryUnit"),
        )
        unit_form.addRow(_("Building area"), self._value(formatting.area(summary.area)))
        unit_form.addRow(_("Handover date"), self._value(formatting.date(summary.handover_date) or "—"))

        claims = QGroupBox(_("Claim as stated by the company"), self)
        claims_layout = QVBoxLayout(claims)
        self.claims_table = self._claims_table(summary)
        claims_layout.addWidget(self.claims_table)
        total = QLabel(
            _("Total claimed: {amount}").format(amount=formatting.money(summary.claimed_total)), claims
        )
        total.setObjectName("caseSummaryTotal")
        total.setAlignment(Qt.AlignmentFlag.AlignRight)
        claims_layout.addWidget(total)
        if summary.claim_summary:
            note = QLabel(summary.claim_summary, claims)
            note.setWordWrap(True)
            claims_layout.addWidget(note)

        path = QGroupBox(_("Path of the case"), self)
        path_layout = QVBoxLayout(path)
        self.path_list = QListWidget(path)
        self.path_list.setObjectName("caseSummaryPath")
        self.path_list.addItems(list(summary.path))
        rows = max(3, min(len(summary.path), 12))
        self.path_list.setMinimumHeight(rows * self.path_list.fontMetrics().height() + 16)
        path_layout.addWidget(self.path_list)

        grid = QGridLayout()
        grid.addWidget(owner, 0, 0)
        grid.addWidget(company, 0, 1)
        grid.addWidget(unit, 1, 0, 1, 2)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        # Everything in a scroll area: a long path or claim never squeezes the parties' boxes.
        body = QWidget(self)
        content = QVBoxLayout(body)
        content.addWidget(heading)
        content.addLayout(facts)
        content.addLayout(grid)
        content.addWidget(claims)
        content.addWidget(path)
        content.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _value(self, text: str, name: str = "") -> QLabel:
        value = QLabel(text, self)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if name:
            value.setObjectName(name)
        return value

    def _claims_table(self, summary: CaseSummary) -> QTableWidget:
        headers = [
            _("Item"),
            _("Description"),
            _("Period from"),
            _("Period to"),
            _("Amount"),
            _("Owner's answer"),
        ]
        table = QTableWidget(len(summary.claims), len(headers), self)
        table.setObjectName("caseSummaryClaims")
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, claim in enumerate(summary.claims):
            cells = [
                label(claim.kind),
                claim.description,
                formatting.short_date(claim.period_from),
                formatting.short_date(claim.period_to),
                formatting.money(claim.amount),
                label(claim.owner_position),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setDefaultSectionSize(26)
        height = header.sizeHint().height() + 26 * max(len(summary.claims), 1) + 6
        table.setMinimumHeight(height)
        table.setMaximumHeight(height)
        return table

    @classmethod
    def show_case(
        cls, db: Database, actor: Actor, case_id: int, parent: QWidget | None = None
    ) -> CaseSummaryDialog:
        """Read the case and show its summary (non-modal, so the list stays usable beside it)."""
        with db.read() as session:
            summary = case_summary(session, case_id)
        dialog = cls(summary, actor, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog
