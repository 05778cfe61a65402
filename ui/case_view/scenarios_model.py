"""Settlement scenarios side by side: a column each for the claim, the recomputed statement, every
proposal, and the live preview of the discounts being typed; a row for each figure.

The figures come from the services (:func:`~mediation_app.services.settlement.proposals.compare_scenarios`,
:func:`~mediation_app.services.settlement.preview.preview`); the model only lays them out. The
live column is replaced on its own (:meth:`ScenariosModel.set_live`), so a recalculation repaints
one column.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from mediation_app import formatting
from mediation_app.i18n import N_, _
from mediation_app.services.settlement.preview import ProposalPreview
from mediation_app.services.settlement.proposals import Claimed, ProposalColumn
from mediation_app.services.settlement.statements import Figures, StatementRow

Index = QModelIndex | QPersistentModelIndex

ROWS: tuple[tuple[str, str], ...] = (
    ("service_fee", N_("Service fee")),
    ("utilities", N_("Shared utilities")),
    ("paid", N_("Paid")),
    ("principal", N_("Still owed")),
    ("late_fee", N_("Late fee")),
    ("discounts", N_("Discounts")),
    ("payable", N_("Payable")),
    ("concession", N_("Given up against the claim")),
    ("share", N_("Share of the claim given up")),
)
ROW_KEYS = tuple(key for key, _label in ROWS)
LIVE_BACKGROUND = "#eef4fb"
ACCEPTED_BACKGROUND = "#eef6ee"


@dataclass(frozen=True)
class Scenario:
    title: str
    values: dict[str, Decimal | None]
    notes: str = ""  # the discounts in words (tooltip)
    proposal_id: int | None = None
    accepted: bool = False
    live: bool = False


def _figures(figures: Figures) -> dict[str, Decimal | None]:
    return {
        "service_fee": figures.service_fee,
        "utilities": figures.utilities,
        "paid": figures.paid,
        "principal": figures.principal,
        "late_fee": figures.late_fee,
        "discounts": figures.discount_total,
        "payable": figures.payable,
    }


def claimed_scenario(claimed: Claimed) -> Scenario:
    values: dict[str, Decimal | None] = {
        "service_fee": claimed.service_fee,
        "utilities": claimed.utilities,
        "late_fee": claimed.late_fee,
        "payable": claimed.total,
    }
    return Scenario(_("Claimed"), values, _("As the company stated it"))


def recomputed_scenario(statement: StatementRow | None) -> Scenario:
    if statement is None:
        return Scenario(_("Recomputed"), {}, _("No statement is kept yet: compute it on the Fees page."))
    return Scenario(
        _("Recomputed"),
        _figures(statement.figures),
        _("The calculator's figures as of {date}").format(date=formatting.date(statement.as_of)),
    )


def proposal_scenario(proposal: ProposalColumn) -> Scenario:
    values = _figures(proposal.figures)
    values["concession"] = proposal.concession
    values["share"] = proposal.concession_share
    title = proposal.name + (" ✓" if proposal.accepted else "")
    notes = "\n".join(
        formatting.labelled(d.description, formatting.money(d.amount)) for d in proposal.discounts
    )
    return Scenario(title, values, notes, proposal.id, proposal.accepted)


def live_scenario(preview: ProposalPreview | None) -> Scenario:
    if preview is None:
        return Scenario(_("Being edited"), {}, live=True)
    values: dict[str, Decimal | None] = (
        _figures(preview.figures)
        if preview.figures is not None
        else {"payable": preview.settlement.total.payable}
    )
    values["concession"] = preview.concession
    values["share"] = preview.concession_share
    notes = "\n".join(
        formatting.labelled(d.description, formatting.money(d.amount)) for d in preview.discounts
    )
    return Scenario(_("Being edited"), values, notes, live=True)


class ScenariosModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: list[Scenario] = []

    def set_scenarios(self, scenarios: list[Scenario]) -> None:
        self.beginResetModel()
        self._columns = list(scenarios)
        self.endResetModel()

    def scenario(self, column: int) -> Scenario | None:
        return self._columns[column] if 0 <= column < len(self._columns) else None

    def set_live(self, scenario: Scenario) -> None:
        """Replace the live column (the last one) and repaint only it."""
        if not self._columns or not self._columns[-1].live:
            return
        column = len(self._columns) - 1
        self._columns[column] = scenario
        self.dataChanged.emit(self.index(0, column), self.index(len(ROWS) - 1, column))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ROWS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                scenario = self._columns[section]
                if role == Qt.ItemDataRole.DisplayRole:
                    return scenario.title
                if role == Qt.ItemDataRole.ToolTipRole:
                    return scenario.notes or None
            return None
        if 0 <= section < len(ROWS) and role == Qt.ItemDataRole.DisplayRole:
            return _(ROWS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (
            0 <= index.row() < len(ROWS) and 0 <= index.column() < len(self._columns)
        ):
            return None
        scenario = self._columns[index.column()]
        key = ROW_KEYS[index.row()]
        value = scenario.values.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return "—"
            return formatting.percent(value) if key == "share" else formatting.money(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return scenario.notes or None
        if role == Qt.ItemDataRole.FontRole and key == "payable":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if scenario.live:
                return QBrush(QColor(LIVE_BACKGROUND))
            if scenario.accepted:
                return QBrush(QColor(ACCEPTED_BACKGROUND))
        return None
