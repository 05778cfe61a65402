"""The reconciled settlement on screen: one row per item the company claimed — its period, the
claimed and the recomputed figure, the basis it is settled on, what checking took off, what is
conceded, what the owner pays — the totals, the payable in 大写, and each row's reasons as its
tooltip (and, for the selected row, under the table).

The figures are the core's (:class:`~mediation_app.fees.reconciliation.Settlement`): the agreement
prints the same rows. While a proposal is being edited, the basis of each row is a choice — the
lower figure (the default, said in plain words), the claimed or the recomputed one — and changing
it emits :attr:`ReconciliationTable.choices_changed`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.fees.reconciliation import Base, Settlement, SettlementLine, recomputed_cell
from mediation_app.i18n import N_, _

HEADERS = (
    N_("Item"),
    N_("Period"),
    N_("Claimed"),
    N_("Recomputed"),
    N_("Basis"),
    N_("Taken off on checking"),
    N_("Conceded"),
    N_("Payable"),
)
BASIS_COLUMN = 4
DEFAULT = ""  # the basis combo's "lower of the two" entry


def _period(line: SettlementLine) -> str:
    if line.start is not None and line.end is not None:
        return formatting.period(line.start, line.end)
    if line.end is not None:
        return _("up to {date}").format(date=formatting.date(line.end))
    return ""


def basis_label(base: Base) -> str:
    return _("the claim") if base is Base.CLAIMED else _("the recomputation")


class ReconciliationTable(QWidget):
    choices_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reconciliation")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("reconciliationTitle")
        layout.addWidget(self.title)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("reconciliationTable")
        self.table.setHorizontalHeaderLabels([_(text) for text in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the period takes the slack
        self.table.itemSelectionChanged.connect(self._show_reasons)
        layout.addWidget(self.table, 1)
        self.uppercase = QLabel(self)
        self.uppercase.setObjectName("payableUppercase")
        self.uppercase.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.uppercase)
        self.reasons = QLabel(self)
        self.reasons.setObjectName("lineReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("color: #444;")
        layout.addWidget(self.reasons)
        self.settlement: Settlement | None = None
        self._combos: dict[str, QComboBox] = {}
        self._editable = False

    # --- showing -------------------------------------------------------------------------------

    def show_settlement(self, settlement: Settlement | None, title: str, *, editable: bool = False) -> None:
        """Show ``settlement`` (None: clear); ``editable`` offers a basis choice on each row."""
        self.settlement = settlement
        self.title.setText(title)
        keys = [line.key for line in settlement.lines] if settlement is not None else []
        if settlement is None or editable != self._editable or keys != list(self._combos) or not editable:
            self._rebuild(settlement, editable)
        else:
            self._fill(settlement)
        self._show_reasons()

    def _rebuild(self, settlement: Settlement | None, editable: bool) -> None:
        chosen = self.choices() if self._editable else {}
        self._editable = editable
        self._combos = {}
        self.table.clearContents()
        rows = len(settlement.lines) + 1 if settlement is not None else 0
        self.table.setRowCount(rows)
        if settlement is None:
            self.uppercase.setText("")
            return
        for row, line in enumerate(settlement.lines):
            if editable:
                combo = QComboBox(self.table)
                combo.setObjectName(f"basis_{line.key}")
                combo.addItem(_("the lower of the two"), DEFAULT)
                combo.addItem(_("the claim"), Base.CLAIMED.value)
                if line.recomputed is not None:
                    combo.addItem(_("the recomputation"), Base.RECOMPUTED.value)
                wanted = chosen.get(line.key)
                if wanted is not None:
                    combo.setCurrentIndex(max(0, combo.findData(wanted.value)))
                combo.currentIndexChanged.connect(lambda _i: self.choices_changed.emit())
                self.table.setCellWidget(row, BASIS_COLUMN, combo)
                self._combos[line.key] = combo
        self._fill(settlement)

    def _fill(self, settlement: Settlement) -> None:
        for row, line in enumerate(settlement.lines):
            values = (
                line.label,
                _period(line),
                formatting.money(line.claimed),
                recomputed_cell(line, formatting.money(line.in_recomputed_total)),
                "" if self._editable else basis_label(line.base),
                formatting.money(line.adjustment),
                formatting.money(line.concession),
                formatting.money(line.payable),
            )
            self._set_row(row, values, "\n".join(line.reasons), bold=False)
        total = settlement.total
        self._set_row(
            len(settlement.lines),
            (
                _("Total"),
                _("settled up to {date}").format(date=formatting.date(settlement.as_of)),
                formatting.money(total.claimed),
                formatting.money(total.recomputed),
                "",
                formatting.money(total.adjustment),
                formatting.money(total.concession),
                formatting.money(total.payable),
            ),
            "",
            bold=True,
        )
        self.uppercase.setText(
            _("Payable in all: {words} ({figures})").format(
                words=settlement.payable_uppercase, figures=formatting.money(total.payable)
            )
        )

    def _set_row(self, row: int, values: tuple[str, ...], tip: str, *, bold: bool) -> None:
        for column, text in enumerate(values):
            if column == BASIS_COLUMN and self._editable and not bold:
                continue
            item = QTableWidgetItem(text)
            if column >= 2 and column != BASIS_COLUMN:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            item.setToolTip(tip)
            self.table.setItem(row, column, item)

    def _show_reasons(self) -> None:
        settlement = self.settlement
        rows = self.table.selectionModel().selectedRows()
        if settlement is None:
            self.reasons.setText("")
            return
        if rows and rows[0].row() < len(settlement.lines):
            line = settlement.lines[rows[0].row()]
            self.reasons.setText(
                _("{label}: {reasons}").format(label=line.label, reasons=" ".join(line.reasons))
            )
        else:
            self.reasons.setText(_("Select a row to see why its figures are what they are."))

    # --- the mediator's choices ----------------------------------------------------------------

    def choices(self) -> dict[str, Base]:
        """The basis chosen per line key (lines left on "the lower of the two" are absent)."""
        chosen: dict[str, Base] = {}
        for key, combo in self._combos.items():
            data = combo.currentData()
            if data:
                chosen[key] = Base(str(data))
        return chosen

    def choose(self, key: str, base: Base | None) -> None:
        combo = self._combos.get(key)
        if combo is not None:
            combo.setCurrentIndex(max(0, combo.findData(base.value if base else DEFAULT)))

    def clear_choices(self) -> None:
        for combo in self._combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)


__all__ = ["ReconciliationTable", "basis_label"]
