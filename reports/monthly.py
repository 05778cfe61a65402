"""月度统计报表: render a :class:`~mediation_app.documents.monthly.MonthlyReport`.

Page one: the month in figures (with last month beside it), the daily intake, the cases by
organisation and the cases by track as charts. Then the tables by level, track, organisation and
company, each with success rate, average days and the money claimed, agreed and collected; the
definitions; the preparer and the seal.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.monthly import MonthlyReport, StatsRow
from mediation_app.i18n import _
from reports import blocks, charts, styles
from reports import format as fmt
from reports.page import FRAME_WIDTH, PageDecor, PdfInfo, build_pdf
from reports.text import Para, Run

SMALL = styles.CELL.but(size=9, leading=12)


def _days(value: Decimal | None) -> str:
    return "—" if value is None else formatting.number(value, 1)


def _section(number: int, title: str) -> list[Flowable]:
    return [
        CondPageBreak(40 * mm),
        Para([Run(fmt.clause_number(number)), title], styles.HEADING.but(keep_with_next=False)),
    ]


def _month_name(data: MonthlyReport) -> str:
    return formatting.month(data)


def summary(data: MonthlyReport) -> str:
    total = data.total
    text = _(
        "In {month}, {received} cases were received and {closed} closed; {settled} agreements were reached "
        "and {failed} mediations failed; the success rate was {rate} and a closed case took {days} days on "
        "average. Claimed in the cases received: {claimed}; agreed in the agreements reached: {agreed}; "
        "collected under agreements: {collected}."
    ).format(
        month=_month_name(data),
        received=total.received,
        closed=total.closed,
        settled=total.settled,
        failed=total.failed,
        rate=formatting.percent(total.success_rate),
        days=_days(total.average_days),
        claimed=formatting.yuan(total.claimed),
        agreed=formatting.yuan(total.agreed),
        collected=formatting.yuan(total.collected),
    )
    if data.previous is not None:
        previous = data.previous
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
    total = data.total
    previous = data.previous
    figures = [
        (_("Received"), str(total.received), str(previous.received) if previous else "—"),
        (_("Closed"), str(total.closed), str(previous.closed) if previous else "—"),
        (_("Settled"), str(total.settled), str(previous.settled) if previous else "—"),
        (
            _("Success rate"),
            formatting.percent(total.success_rate),
            formatting.percent(previous.success_rate) if previous else "—",
        ),
        (_("Average days"), _days(total.average_days), _days(previous.average_days) if previous else "—"),
        (
            _("Collected (yuan)"),
            formatting.amount(total.collected),
            formatting.amount(previous.collected) if previous else "—",
        ),
    ]
    return blocks.grid(
        ["", *(name for name, _this, _last in figures)],
        [
            [_("This month"), *(this for _name, this, _last in figures)],
            [_("Last month"), *(last for _name, _this, last in figures)],
        ],
        widths=[0.14, 0.13, 0.13, 0.13, 0.15, 0.14, 0.18],
        aligns=["center"] * 7,
        bold_rows=[0],
    )


def stats_table(first_column: str, rows: tuple[StatsRow, ...], total: StatsRow) -> Flowable:
    def cells(row: StatsRow) -> list[str]:
        return [
            row.name,
            str(row.received),
            str(row.closed),
            str(row.settled),
            str(row.failed),
            formatting.percent(row.success_rate),
            _days(row.average_days),
            formatting.amount(row.claimed),
            formatting.amount(row.agreed),
            formatting.amount(row.collected),
        ]

    data = [cells(row) for row in rows]
    data.append(cells(StatsRow(_("Total"), *(getattr(total, f) for f in _FIELDS))))
    return blocks.grid(
        [
            first_column,
            _("Received"),
            _("Closed"),
            _("Settled"),
            _("Failed"),
            _("Success rate"),
            _("Average days"),
            _("Claimed"),
            _("Agreed"),
            _("Collected"),
        ],
        data,
        widths=[0.19, 0.06, 0.06, 0.06, 0.06, 0.08, 0.07, 0.14, 0.14, 0.14],
        aligns=["left", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
        bold_rows=[len(data) - 1],
        style=SMALL,
    )


_FIELDS = ("received", "closed", "settled", "failed", "average_days", "claimed", "agreed", "collected")


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
        _("Cases by organisation"),
        [row.name for row in data.by_organisation],
        [
            (_("Received"), [float(row.received) for row in data.by_organisation]),
            (_("Settled"), [float(row.settled) for row in data.by_organisation]),
        ],
        FRAME_WIDTH * 0.58,
        80 * mm,
    )
    by_track = charts.pie_chart(
        _("Cases received by track"),
        [(row.name, float(row.received)) for row in data.by_track],
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
        *_section(1, _("By level")),
        stats_table(_("Level"), data.by_level, data.total),
        *_section(2, _("By track")),
        stats_table(_("Track"), data.by_track, data.total),
        *_section(3, _("By organisation")),
        stats_table(_("Organisation"), data.by_organisation, data.total),
        *_section(4, _("By company")),
        stats_table(_("Property company"), data.by_company, data.total),
        Spacer(1, 3 * mm),
        Para(
            _(
                "Received: cases whose intake date is in the month. Closed: cases closed in the month "
                "(performed, handed to litigation, withdrawn or not accepted). Settled: agreements reached in "
                "the month. Failed: cases handed to litigation or withdrawn in the month. Success rate = "
                "settled ÷ (settled + failed). Average days: from intake to closing, over the cases closed "
                "in the month other than those not accepted. Amounts in yuan: claimed in the cases received, "
                "agreed in the agreements reached, collected under agreements in the month."
            ),
            styles.NOTE,
        ),
    ]
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


__all__ = ["render", "story", "summary"]
