"""The dashboard: cases by status, track and level; due soon and overdue; success rate; money.

Figures come from :func:`mediation_app.queries.dashboard.dashboard` (through the page's view
model :class:`~ui.viewmodels.dashboard.DashboardViewModel`); this page only draws them
(QtCharts). Money is plotted as float for the bars' heights only; every amount a person reads
(tiles, axis, tooltips) is formatted by :mod:`mediation_app.formatting`.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QPieSlice,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import CaseStatus, label
from mediation_app.i18n import _
from mediation_app.queries.dashboard import Dashboard
from ui.error_reporting import show_failure
from ui.tasks import TaskHandle, run_in_background
from ui.viewmodels.dashboard import DashboardViewModel

SLICE_LABEL_MIN = Decimal("0.12")  # smaller slices carry no label (it would not fit: "3%" was cut)
LEGEND_MARKER_ROOM = 48  # the colour marker, its gap and the legend's own margins
COLORS = ("#2f6f9f", "#e08a2c", "#4d9a5b", "#b0453d", "#7b5ea7", "#8c6d46", "#c9669e", "#6f7f8f")


class Tile(QFrame):
    """One figure with its caption."""

    def __init__(self, caption: str, name: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tooltip)
        self.value = QLabel("—", self)
        self.value.setObjectName(name + "Value")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str, color: str | None = None) -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"color: {color};" if color else "")


class DashboardPage(QScrollArea):
    def __init__(self, model: DashboardViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._dashboard = model
        self.figures: Dashboard | None = None
        self._loading: TaskHandle | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)

        self.total_tile = Tile(_("Cases in all"), "tileTotal", _("Every case on record"), body)
        self.due_tile = Tile(
            _("Due soon"),
            "tileDueSoon",
            _("Open cases whose next deadline is within 5 days (today included)"),
            body,
        )
        self.overdue_tile = Tile(_("Overdue"), "tileOverdue", _("Open cases past their deadline"), body)
        self.success_tile = Tile(
            _("Success rate"),
            "tileSuccess",
            _(
                "Over the cases closed in the last 12 months: those that ended with a signed agreement "
                "(performed or not), over all of them but the ones not accepted"
            ),
            body,
        )
        self.agreed_tile = Tile(
            _("Agreed, last 12 months"),
            "tileAgreed",
            _("Totals of the agreements of the settled cases closed in the last 12 months"),
            body,
        )
        self.collected_tile = Tile(
            _("Collected, last 12 months"),
            "tileCollected",
            _("Payments made under agreements in the last 12 months"),
            body,
        )
        tiles = QHBoxLayout()
        for tile in (
            self.total_tile,
            self.due_tile,
            self.overdue_tile,
            self.success_tile,
            self.agreed_tile,
            self.collected_tile,
        ):
            tiles.addWidget(tile, 1)

        self.status_view = self._chart_view("chartStatus", 360)
        self.track_view = self._chart_view("chartTrack", 280)
        self.level_view = self._chart_view("chartLevel", 280)
        self.money_view = self._chart_view("chartMoney", 320)

        grid = QGridLayout()
        grid.addWidget(self.status_view, 0, 0, 2, 1)
        grid.addWidget(self.track_view, 0, 1)
        grid.addWidget(self.level_view, 1, 1)
        grid.addWidget(self.money_view, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.as_of = QLabel(body)
        self.as_of.setObjectName("dashboardAsOf")
        layout = QVBoxLayout(body)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        layout.addWidget(self.as_of)

    def _chart_view(self, name: str, height: int) -> QChartView:
        view = QChartView(self)
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(height)
        return view

    # --- figures ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures off the GUI thread (a year of statistics takes a moment at volume)."""
        if self._loading is not None:
            return
        model = self._dashboard

        def work(_task: TaskHandle) -> Dashboard:
            return model.figures()

        self.as_of.setText(_("Reading the figures …"))
        self._loading = run_in_background(work, on_done=self._loaded, on_error=self._failed, parent=self)

    def _loaded(self, figures: object) -> None:
        self._loading = None
        if isinstance(figures, Dashboard):
            self.show_figures(figures)

    def _failed(self, error: BaseException) -> None:
        self._loading = None
        self.as_of.setText(_("The figures could not be read."))
        show_failure(self, error)

    def show_figures(self, figures: Dashboard) -> None:
        self.figures = figures
        self.total_tile.set_value(formatting.count(figures.total))
        self.due_tile.set_value(formatting.count(figures.due_soon), "#b86e00" if figures.due_soon else None)
        self.overdue_tile.set_value(formatting.count(figures.overdue), "#b0453d" if figures.overdue else None)
        rate = figures.success_rate
        self.success_tile.set_value(formatting.percent(rate))
        self.success_tile.caption.setText(
            _("Success rate, last 12 months ({succeeded} of {concluded})").format(
                succeeded=formatting.count(figures.succeeded), concluded=formatting.count(figures.concluded)
            )
        )
        self.agreed_tile.set_value(formatting.money(figures.agreed_total))
        self.collected_tile.set_value(formatting.money(figures.collected_total))
        self.status_view.setChart(self._status_chart(figures))
        self.track_view.setChart(
            self._pie(_("By track"), [(label(t), n) for t, n in figures.by_track.items()])
        )
        self.level_view.setChart(
            self._pie(_("By level"), [(label(lv), n) for lv, n in figures.by_level.items()])
        )
        self.money_view.setChart(self._money_chart(figures))
        self.as_of.setText(_("As of {date}").format(date=formatting.date(figures.today)))

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        font = QFont(self.font())
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setFont(self.font())
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def _status_chart(self, figures: Dashboard) -> QChart:
        chart = self._chart(_("Cases by status"))
        statuses = [s for s in CaseStatus]
        bars = QBarSet(_("Cases"))
        bars.setColor(QColor(COLORS[0]))
        for status in reversed(statuses):  # horizontal bars are drawn bottom-up
            bars.append(figures.by_status[status])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([label(s) for s in reversed(statuses)])
        categories.setLabelsFont(self.font())
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setRange(0, max(1, max(figures.by_status.values())) * 1.15)
        values.applyNiceNumbers()
        values.setLabelsFont(self.font())
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        chart.legend().setVisible(False)
        return chart

    def _pie(self, title: str, slices: list[tuple[str, int]]) -> QChart:
        chart = self._chart(title)
        series = QPieSeries()
        total = sum(n for _name, n in slices)
        for index, (name, count) in enumerate(slices):
            if not count:
                continue
            # The legend names the group and its count; the share sits on its slice, so a long
            # English name does not push the figure out of the legend.
            piece = series.append(f"{name}  {formatting.count(count)}", count)
            piece.setColor(QColor(COLORS[index % len(COLORS)]))
            share = Decimal(count) / Decimal(total)
            if share >= SLICE_LABEL_MIN:
                piece.setLabel(formatting.percent(share))
                piece.setLabelVisible(True)
                piece.setLabelPosition(QPieSlice.LabelPosition.LabelInsideHorizontal)
                piece.setLabelColor(QColor("white"))
                piece.setLabelFont(self.font())
        chart.addSeries(series)
        for marker, (name, count) in zip(
            chart.legend().markers(series), [(n, c) for n, c in slices if c], strict=True
        ):
            marker.setLabel(f"{name}  {formatting.count(count)}")
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        # The legend as wide as its longest entry (marker, name and count), so no entry is cut
        # ("Administrative mediation…" hid its count); the pie takes what is left.
        metrics = QFontMetrics(legend.font())
        widest = max((metrics.horizontalAdvance(m.label()) for m in legend.markers(series)), default=0)
        legend.setMinimumWidth(widest + LEGEND_MARKER_ROOM)
        return chart

    def _money_chart(self, figures: Dashboard) -> QChart:
        chart = self._chart(_("Agreed and collected by month"))
        agreed = QBarSet(_("Agreed"))
        agreed.setColor(QColor(COLORS[0]))
        collected = QBarSet(_("Collected"))
        collected.setColor(QColor(COLORS[2]))
        for month in figures.months:
            agreed.append(float(month.agreed))  # bar height only; the text is formatted below
            collected.append(float(month.collected))
        series = QBarSeries()
        series.append(agreed)
        series.append(collected)
        months = figures.months

        def hovered(status: bool, index: int, bar: QBarSet) -> None:
            if status and 0 <= index < len(months):
                amount = months[index].agreed if bar is agreed else months[index].collected
                QToolTip.showText(
                    self.cursor().pos(),
                    formatting.labelled(f"{months[index].month} {bar.label()}", formatting.money(amount)),
                )

        series.hovered.connect(hovered)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([m.month for m in months])
        categories.setLabelsFont(self.font())
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        highest = max([m.agreed for m in months] + [m.collected for m in months] + [Decimal(1)])
        values = QValueAxis()
        values.setRange(0, float(highest) * 1.1)
        values.applyNiceNumbers()
        values.setLabelFormat("%.0f")
        values.setTitleText(_("Yuan"))
        values.setLabelsFont(self.font())
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        return chart
