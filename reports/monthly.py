"""月度统计报表: render a :class:`~mediation_app.documents.monthly.MonthlyReport`.

Page one: the month in words and in figures (with last month beside it), the daily intake, the
cases by organisation and the cases by track as charts. Then, by level, track, organisation and
company, two tables: how many cases were received and closed and how the closed ones ended (with
the success rate and the average days over them), and the money (claimed by the cases received;
agreed, paid and unpaid in the settled cases closed; paid in the month), each group of columns
headed by the cases it counts. Then the definitions (the same the export states), the preparer
and the seal. Rates and averages are rounded once, here, by the formatter.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.monthly import (
    AMOUNT_COLUMNS,
    COLUMNS,
    COUNT_COLUMNS,
    DEFINITIONS,
    Column,
    Figures,
    Kind,
    MonthlyReport,
    StatsRow,
)
from mediation_app.i18n import _
from mediation_app.workflow.outcomes import Outcome
from reports import blocks, charts, styles
from reports import format as fmt
from reports.fonts import faces
from reports.page import FRAME_WIDTH, PageDecor, PdfInfo, build_pdf
from reports.text import Para, Run

TABLE_SIZE = 8.5
HEAD = styles.CELL_HEAD.but(size=TABLE_SIZE, leading=11)
NAME = styles.CELL.but(size=TABLE_SIZE, leading=11)


def shown(column: Column, figures: Figures) -> str:
    """A figure as the tables print it (rates and averages rounded here, once)."""
    value = column.value(figures)
    if value is None:
        return "—"
    if column.kind is Kind.RATE:
        return formatting.percent(value)  # type: ignore[arg-type]
    if column.kind is Kind.DAYS:
        return formatting.number(value, 1)  # type: ignore[arg-type]
    if column.kind is Kind.AMOUNT:
        return formatting.amount(value)  # type: ignore[arg-type]
    return formatting.count(int(value))


def _days(value: object) -> str:
    return "—" if value is None else formatting.number(value, 1)  # type: ignore[arg-type]


def _section(number: int, title: str) -> list[Flowable]:
    return [
        CondPageBreak(60 * mm),
        Para([Run(fmt.clause_number(number)), title], styles.HEADING.but(keep_with_next=False)),
    ]


def _month_name(data: MonthlyReport) -> str:
    return formatting.month(data)


def summary(data: MonthlyReport) -> str:
    total = data.total.figures
    text = _(
        "In {month}, {received} cases were received and {closed} closed: {performed} with the agreement "
        "performed, {not_performed} with the agreement not performed, {rejected} with judicial confirmation "
        "refused, {failed} in which mediation failed, {withdrawn} withdrawn and {not_accepted} not accepted. "
        "Of the {mediated} closed cases that had been accepted, {settled} were settled (success rate {rate}); "
        "a closed case took {days} days on average. The settled cases closed agreed {agreed}, of which "
        "{paid} has been paid and {unpaid} is unpaid. In the month {paying} cases paid {collected} under "
        "their agreements; the cases received claim {claimed}."
    ).format(
        month=_month_name(data),
        received=total.received,
        closed=total.closed,
        performed=total.performed,
        not_performed=total.not_performed,
        rejected=total.confirmation_rejected,
        failed=total.failed,
        withdrawn=total.withdrawn,
        not_accepted=total.not_accepted,
        mediated=total.mediated,
        settled=total.settled,
        rate=formatting.percent(total.success_rate),
        days=_days(total.average_days),
        agreed=formatting.yuan(total.agreed),
        paid=formatting.yuan(total.paid),
        unpaid=formatting.yuan(total.unpaid),
        paying=total.paying,
        collected=formatting.yuan(total.collected),
        claimed=formatting.yuan(total.claimed),
    )
    if data.previous is not None:
        previous = data.previous.figures
        text = _("{sentence} {next}").format(
            sentence=text,
            next=_("Last month: {received} received, {closed} closed, success rate {rate}.").format(
                received=previous.received,
                closed=previous.closed,
                rate=formatting.percent(previous.success_rate),
            ),
        )
    return text


def _kpis(data: MonthlyReport) -> Flowable:
    columns = {column.key: column for column in COLUMNS}
    figures = [
        (columns[key].title(), columns[key])
        for key in (
            "received",
            "closed",
            "settled",
            Outcome.NOT_PERFORMED.value,
            "success_rate",
            "average_days",
        )
    ]
    figures.append((_("Paid in the month (yuan)"), columns["collected"]))
    last = data.previous
    return blocks.grid(
        ["", *(name for name, _column in figures)],
        [
            [_("This month"), *(shown(column, data.total.figures) for _name, column in figures)],
            [
                _("Last month"),
                *(shown(column, last.figures) if last is not None else "—" for _name, column in figures),
            ],
        ],
        widths=[0.13, 0.11, 0.11, 0.11, 0.13, 0.12, 0.12, 0.17],
        aligns=["center"] * 8,
        bold_rows=[0],
    )


def stats_table(
    first_column: str,
    columns: Sequence[Column],
    rows: Sequence[StatsRow],
    total: StatsRow,
    widths: Sequence[float],
) -> Flowable:
    """A breakdown's table: a row per group and the total, under two heading rows — the cases each
    group of columns counts, then the figures."""
    groups: list[tuple[int, int, str]] = []  # first column, last column, population
    for index, column in enumerate(columns, start=1):
        if groups and groups[-1][2] == column.population:
            groups[-1] = (groups[-1][0], index, column.population)
        else:
            groups.append((index, index, column.population))
    top: list[Flowable | str] = [Para(first_column, HEAD)] + [""] * len(columns)
    second: list[Flowable | str] = [""] + [Para(column.title(), HEAD) for column in columns]
    for first, last, population in groups:
        if first == last:  # a group of one: its heading says both, over both rows
            top[first], second[first] = Para(_(population), HEAD), ""
        else:
            top[first] = Para(_(population), HEAD)
    body = [[Para(row.name, NAME), *(shown(column, row.figures) for column in columns)] for row in rows]
    body.append(
        [Para(_("Total"), NAME.but(bold=True)), *(shown(column, total.figures) for column in columns)]
    )
    scale = FRAME_WIDTH / sum(widths)
    last_row = len(body) + 1
    commands: list[tuple[object, ...]] = [
        *blocks.base_commands(TABLE_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("BACKGROUND", (0, 0), (-1, 1), styles.LIGHT),
        ("BACKGROUND", (0, last_row), (-1, last_row), styles.LIGHT),
        ("FONTNAME", (1, last_row), (-1, last_row), faces().bold),
        ("SPAN", (0, 0), (0, 1)),
        *(("SPAN", (first, 0), (last, 0 if last > first else 1)) for first, last, _population in groups),
    ]
    return Table(
        [top, second, *body],
        colWidths=[width * scale for width in widths],
        repeatRows=2,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


COUNT_WIDTHS = (0.17, 0.07, 0.07, *(0.076,) * len(Outcome), 0.085, 0.075)
AMOUNT_WIDTHS = (0.17, 0.06, 0.125, 0.065, 0.125, 0.125, 0.12, 0.065, 0.125)


def _breakdown(
    number: int, title: str, first_column: str, rows: Sequence[StatsRow], total: StatsRow
) -> list[Flowable]:
    return [
        *_section(number, title),
        stats_table(first_column, COUNT_COLUMNS, rows, total, COUNT_WIDTHS),
        Spacer(1, 3 * mm),
        stats_table(first_column, AMOUNT_COLUMNS, rows, total, AMOUNT_WIDTHS),
    ]


def _charts(data: MonthlyReport) -> list[Flowable]:
    days = [str(day) for day in range(1, len(data.daily_received) + 1)]
    daily = charts.bar_chart(
        _("Cases received each day"),
        days,
        [(_("Received"), [float(n) for n in data.daily_received])],
        FRAME_WIDTH,
        52 * mm,
        label_every=1,
    )
    by_organisation = charts.horizontal_bar_chart(
        _("Cases received and closed by organisation"),
        [row.name for row in data.by_organisation],
        [
            (_("Received"), [float(row.figures.received) for row in data.by_organisation]),
            (_("Closed"), [float(row.figures.closed) for row in data.by_organisation]),
        ],
        FRAME_WIDTH * 0.58,
        80 * mm,
    )
    by_track = charts.pie_chart(
        _("Cases received by track"),
        [(row.name, float(row.figures.received)) for row in data.by_track],
        FRAME_WIDTH * 0.42,
        80 * mm,
    )
    pair = Table(
        [[by_organisation, by_track]],
        colWidths=[FRAME_WIDTH * 0.58, FRAME_WIDTH * 0.42],
        style=TableStyle(
            [
                *blocks.base_commands(),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    return [daily, Spacer(1, 4 * mm), pair]


def definitions() -> list[Flowable]:
    """What each figure counts, numbered (the export states the same sentences)."""
    return [
        Para([fmt.item_number(n), _(definition)], styles.NOTE)
        for n, definition in enumerate(DEFINITIONS, start=1)
    ]


def story(data: MonthlyReport) -> list[Flowable]:
    flowables: list[Flowable] = [
        blocks.title(_("Monthly Statistics of Property Disputes")),
        Para(
            _("{district}, {month}").format(district=data.district, month=_month_name(data)),
            styles.SUBTITLE.but(bold=False, size=13),
        ),
        Spacer(1, 3 * mm),
        blocks.body(summary(data)),
        Spacer(1, 2 * mm),
        _kpis(data),
        Spacer(1, 4 * mm),
        *_charts(data),
        *_breakdown(1, _("By level"), _("Level"), data.by_level, data.total),
        *_breakdown(2, _("By track"), _("Track"), data.by_track, data.total),
        *_breakdown(3, _("By organisation"), _("Organisation"), data.by_organisation, data.total),
        *_breakdown(4, _("By company"), _("Property company"), data.by_company, data.total),
        *_section(5, _("Definitions")),
        *definitions(),
    ]
    if data.audit_checkpoint:
        flowables += [*_section(6, _("Audit trail")), Para(data.audit_checkpoint, styles.NOTE)]
    return blocks.signed_ending(
        flowables,
        [
            Spacer(1, 2 * mm),
            blocks.signature_rows([_("Prepared by {name} (signature)").format(name=data.prepared_by)]),
            *blocks.seal_block(data.organisation.name, formatting.date(data.date)),
        ],
    )


def info(data: MonthlyReport) -> PdfInfo:
    return PdfInfo(
        title=_("Monthly Statistics of Property Disputes") + " " + f"{data.year:04d}-{data.month:02d}",
        author=data.organisation.name,
        subject=data.district,
        keywords=f"{data.year:04d}-{data.month:02d}",
        created=data.date,
    )


def decor(data: MonthlyReport) -> PageDecor:
    return PageDecor(data.organisation.name, _month_name(data))


def render(data: MonthlyReport) -> bytes:
    """The monthly report as PDF bytes (deterministic for the same data)."""
    return build_pdf(story(data), info(data), decor(data))


__all__ = ["render", "shown", "story", "summary"]
