"""Charts for the statistics report (reportlab.graphics): bars and a pie, in the document face,
in tones that stay distinct when printed in black and white."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, white

from reports.fonts import faces

# Dark to light, so neighbouring series and slices differ in grey level too.
TONES = (
    Color(0.12, 0.28, 0.49),
    Color(0.55, 0.69, 0.85),
    Color(0.33, 0.33, 0.33),
    Color(0.80, 0.80, 0.80),
    Color(0.25, 0.50, 0.45),
    Color(0.93, 0.75, 0.45),
)
LABEL_SIZE = 8


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose renderer starts in the document face (reportlab's default, Helvetica,
    would otherwise be set and listed in the PDF without being embedded)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = faces().regular
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def _title(drawing: Drawing, text: str, width: float, height: float) -> None:
    drawing.add(String(width / 2, height - 12, text, fontName=faces().bold, fontSize=10, textAnchor="middle"))


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    width: float,
    height: float,
    *,
    slanted: bool = False,
    label_every: int = 1,
) -> Drawing:
    """Bars per category, one colour per series, with a legend when there is more than one."""
    regular = faces().regular
    drawing = _drawing(width, height)
    _title(drawing, title, width, height)
    chart = VerticalBarChart()
    bottom = 48 if slanted else 22
    chart.x, chart.y = 34, bottom
    chart.width = width - 44
    chart.height = height - bottom - (34 if len(series) > 1 else 22)
    chart.data = [tuple(values) for _name, values in series]
    names = [name if index % label_every == 0 else "" for index, name in enumerate(categories)]
    chart.categoryAxis.categoryNames = names
    labels = chart.categoryAxis.labels
    labels.fontName, labels.fontSize = regular, LABEL_SIZE
    if slanted:
        labels.angle, labels.boxAnchor, labels.dx, labels.dy = 30, "ne", 4, -2
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin = 0
    top = max((max(values, default=0) for _name, values in series), default=0)
    chart.valueAxis.valueMax = max(top * 1.15, 4)
    chart.valueAxis.labelTextFormat = "%d" if top >= 4 else "%.1f"
    chart.barSpacing = 1
    chart.groupSpacing = 4 if len(categories) < 15 else 2
    for index in range(len(series)):
        chart.bars[index].fillColor = TONES[index % len(TONES)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.fontName, legend.fontSize = regular, LABEL_SIZE
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.x, legend.y = 40, height - 22
        legend.dx = legend.dy = 7
        legend.deltax = 70
        legend.colorNamePairs = [(TONES[i % len(TONES)], name) for i, (name, _values) in enumerate(series)]
        drawing.add(legend)
    return drawing


def horizontal_bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    width: float,
    height: float,
    *,
    label_width: float = 110,
) -> Drawing:
    """Bars running right, for categories with long names (organisations): the names sit on the
    left, in reading order from the top."""
    regular = faces().regular
    drawing = _drawing(width, height)
    _title(drawing, title, width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 16
    chart.width = width - label_width - 12
    chart.height = height - 16 - (34 if len(series) > 1 else 22)
    # reportlab draws the first category at the bottom: reverse, so the list reads top down.
    chart.data = [tuple(reversed(list(values))) for _name, values in series]
    chart.categoryAxis.categoryNames = list(reversed(list(categories)))
    labels = chart.categoryAxis.labels
    labels.fontName, labels.fontSize = regular, LABEL_SIZE
    labels.boxAnchor, labels.dx = "e", -3
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin = 0
    top = max((max(values, default=0) for _name, values in series), default=0)
    chart.valueAxis.valueMax = max(top * 1.1, 4)
    chart.valueAxis.labelTextFormat = "%d"
    chart.barSpacing = 0.5
    chart.groupSpacing = 3
    for index in range(len(series)):
        chart.bars[index].fillColor = TONES[index % len(TONES)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.fontName, legend.fontSize = regular, LABEL_SIZE
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.x, legend.y = label_width, height - 22
        legend.dx = legend.dy = 7
        legend.deltax = 70
        legend.colorNamePairs = [(TONES[i % len(TONES)], name) for i, (name, _values) in enumerate(series)]
        drawing.add(legend)
    return drawing


def pie_chart(title: str, slices: Sequence[tuple[str, float]], width: float, height: float) -> Drawing:
    """A pie with a legend naming each slice and its figure."""
    regular = faces().regular
    drawing = _drawing(width, height)
    _title(drawing, title, width, height)
    shown = [(name, value) for name, value in slices if value > 0]
    size = min(height - 40, width / 2 - 10)
    pie = Pie()
    pie.x, pie.y = 14, (height - 20 - size) / 2
    pie.width = pie.height = size
    pie.data = [value for _name, value in shown] or [1]
    pie.labels = None
    pie.slices.strokeColor = white
    pie.slices.strokeWidth = 0.8
    for index in range(len(pie.data)):
        pie.slices[index].fillColor = TONES[index % len(TONES)]
    drawing.add(pie)
    legend = Legend()
    legend.fontName, legend.fontSize = regular, LABEL_SIZE + 1
    legend.alignment = "right"
    legend.columnMaximum = max(len(shown), 1)
    legend.x, legend.y = size + 30, height / 2 + 8 * len(shown)
    legend.dx = legend.dy = 8
    legend.deltay = 14
    legend.colorNamePairs = [
        (TONES[i % len(TONES)], f"{name}  {value:g}") for i, (name, value) in enumerate(shown)
    ]
    drawing.add(legend)
    return drawing


__all__ = ["bar_chart", "horizontal_bar_chart", "pie_chart"]
