"""The case list's filter bar: status, track, level, organisation, company, community, dates.

Status, track and level take several values (a drop-down of check boxes); organisation, company
and community one (a combo whose first entry means "all"); a date range with either end open, on
the intake date or on the closing date (chosen beside it: the closing date finds the cases the
monthly statistics count as closed in a month). Every change emits :attr:`CaseFilterBar.changed`; :meth:`filters` returns the choice
as a :class:`~mediation_app.queries.case_list.CaseFilter` without search text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from mediation_app.domain.enums import CaseStatus, Level, Track, label
from mediation_app.i18n import _
from mediation_app.queries.case_list import CaseFilter
from mediation_app.queries.lookups import CommunityChoice, CompanyChoice, OrganizationChoice
from ui.widgets.multi_select import MultiSelectButton
from ui.widgets.optional_date import OptionalDateEdit

COMBO_CHARS = 9  # a combo shows about this many characters; its list opens as wide as needed
INTAKE, CLOSED = "intake", "closed"  # the date the range filters


class CaseFilterBar(QWidget):
    changed = Signal()

    def __init__(
        self,
        organizations: Sequence[OrganizationChoice],
        companies: Sequence[CompanyChoice],
        communities: Sequence[CommunityChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseFilterBar")
        self.statuses = MultiSelectButton(_("Status"), [(s.value, label(s)) for s in CaseStatus], self)
        self.statuses.setObjectName("filterStatus")
        self.tracks = MultiSelectButton(_("Track"), [(t.value, label(t)) for t in Track], self)
        self.tracks.setObjectName("filterTrack")
        self.levels = MultiSelectButton(_("Level"), [(lv.value, label(lv)) for lv in Level], self)
        self.levels.setObjectName("filterLevel")
        self.organization = self._combo(
            "filterOrganization",
            _("All organisations"),
            [(o.id, o.shown_name, o.name) for o in organizations],
        )
        self.company = self._combo(
            "filterCompany", _("All companies"), [(c.id, c.name, c.name) for c in companies]
        )
        self.community = self._combo(
            "filterCommunity", _("All communities"), [(c.id, c.name, c.name) for c in communities]
        )
        self.date_field = QComboBox(self)
        self.date_field.setObjectName("filterDateField")
        self.date_field.addItem(_("Intake"), INTAKE)
        self.date_field.addItem(_("Closed"), CLOSED)
        self.date_field.setToolTip(
            _("The date the range applies to: the intake date, or the closing date (a case concluded)")
        )
        self.date_from = OptionalDateEdit(self)
        self.date_from.setObjectName("filterDateFrom")
        self.date_from.setToolTip(_("From this day (empty: no limit)"))
        self.date_to = OptionalDateEdit(self)
        self.date_to.setObjectName("filterDateTo")
        self.date_to.setToolTip(_("Up to this day (empty: no limit)"))
        self.clear_button = QPushButton(_("Clear filters"), self)
        self.clear_button.setObjectName("filterClear")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.statuses,
            self.tracks,
            self.levels,
            self.organization,
            self.company,
            self.community,
        ):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(self.date_field)
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("–", self))
        layout.addWidget(self.date_to)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)

        for button in (self.statuses, self.tracks, self.levels):
            button.selection_changed.connect(self.changed)
        for combo in (self.organization, self.company, self.community):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.date_field.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.date_from.value_changed.connect(self.changed)
        self.date_to.value_changed.connect(self.changed)
        self.clear_button.clicked.connect(self.clear)

    def _combo(self, name: str, everything: str, items: list[tuple[int, str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_CHARS)
        # At least wide enough for "All …", in whichever language.
        combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance(everything) + 40)
        combo.addItem(everything, None)
        for value, text, tooltip in items:
            combo.addItem(text, value)
            combo.setItemData(combo.count() - 1, tooltip, 3)  # Qt.ToolTipRole
        view = combo.view()
        view.setMinimumWidth(max(view.sizeHintForColumn(0) + 24, 200))
        return combo

    # --- the choice as a filter ---------------------------------------------------------------

    def filters(self) -> CaseFilter:
        start, end = self.date_from.value(), self.date_to.value()
        closing = self.date_field.currentData() == CLOSED
        return CaseFilter(
            statuses=frozenset(CaseStatus(v) for v in self.statuses.selected()),
            tracks=frozenset(Track(v) for v in self.tracks.selected()),
            levels=frozenset(Level(v) for v in self.levels.selected()),
            organization_id=self.organization.currentData(),
            company_id=self.company.currentData(),
            community_id=self.community.currentData(),
            intake_from=None if closing else start,
            intake_to=None if closing else end,
            closed_from=start if closing else None,
            closed_to=end if closing else None,
        )

    def set_filters(self, case_filter: CaseFilter) -> None:
        """Show ``case_filter`` (emits :attr:`changed` once at the end, not per widget)."""
        self.blockSignals(True)
        try:
            self.statuses.set_selected(s.value for s in case_filter.statuses)
            self.tracks.set_selected(t.value for t in case_filter.tracks)
            self.levels.set_selected(lv.value for lv in case_filter.levels)
            for combo, value in (
                (self.organization, case_filter.organization_id),
                (self.company, case_filter.company_id),
                (self.community, case_filter.community_id),
            ):
                index = combo.findData(value) if value is not None else 0
                combo.setCurrentIndex(max(index, 0))
            # One range is shown: the closing date's when it is set, else the intake date's.
            closing = case_filter.closed_from is not None or case_filter.closed_to is not None
            self.date_field.setCurrentIndex(self.date_field.findData(CLOSED if closing else INTAKE))
            self.date_from.set_value(case_filter.closed_from if closing else case_filter.intake_from)
            self.date_to.set_value(case_filter.closed_to if closing else case_filter.intake_to)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def clear(self) -> None:
        self.set_filters(CaseFilter())

    def is_active(self) -> bool:
        return self.filters() != CaseFilter()
