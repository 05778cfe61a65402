"""欠费明细表: render an :class:`~mediation_app.documents.statement.ArrearsStatement`.

Sections: the case and the fee terms; the service fee month by month; the shared-utilities
bills; the payments; the late fee with its annualised rate and the 1.3 × LPR yardstick; the
discounts; the company's claim beside the recomputed figures, with the totals in words; the
warnings (possibly time-barred charges, an excessive late fee, credit); signatures of the
preparer, the owner and the company. Long tables run over pages with their header repeated.

Statements are printed in batches (a company files hundreds of cases at once), so the tables use
the fast path of :func:`reports.blocks.grid`: short cells are drawn directly, only long text is
laid out as paragraphs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.statement import ArrearsStatement, LateFeeBasis
from mediation_app.domain.enums import label
from mediation_app.fees import Month
from mediation_app.i18n import _
from reports import blocks, settlement_table, styles
from reports import format as fmt
from reports.page import PageDecor, PdfInfo, build_pdf
from reports.text import Para, Run

SMALL = styles.CELL.but(size=9, leading=12)
TABLE_START = 45 * mm  # a heading, a table header and four rows
MARK = "※"


def _month(text: str) -> str:
    """A month as the statement's data keeps it (``2017-08``), in words."""
    return formatting.month(Month.parse(text))


def _period(text: str) -> str:
    """A bill's period as stored: a month (``2020-12``) or a range (``2020-10-01..2020-12-31``)."""
    if ".." not in text:
        return _month(text)
    start, end = text.split("..")
    return formatting.period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def _section(number: int, title: str) -> list[Flowable]:
    """A section heading. Sections open with long tables, which must be free to start on the
    current page and run on, so the heading is not tied to what follows: instead it moves to the
    next page when less than a few table rows' height is left."""
    return [
        CondPageBreak(TABLE_START),
        Para([Run(fmt.clause_number(number)), title], styles.HEADING.but(keep_with_next=False)),
    ]


def _basis_text(basis: LateFeeBasis | None) -> str:
    if basis is None:
        return _("no late fee agreed")
    parts = [
        _("{rate} a day ({annual} a year)").format(
            rate=formatting.exact_percent(basis.daily_rate),
            annual=formatting.exact_percent(basis.annual_rate),
        ),
        _("from the day after the due date plus {days} days of grace").format(days=basis.grace_days)
        if basis.grace_days
        else _("from the day after the due date"),
        _("charged on: {kinds}").format(kinds=_("; ").join(label(kind) for kind in basis.applies_to)),
    ]
    if basis.cap_ratio is not None:
        parts.append(
            _("at most {ratio} of the amount outstanding").format(
                ratio=formatting.exact_percent(basis.cap_ratio)
            )
        )
    return blocks.listing(parts)


def _heading_form(data: ArrearsStatement) -> Flowable:
    form = blocks.Form()
    form.pair(_("Case number"), data.case_number, _("Computed to"), formatting.date(data.as_of))
    form.pair(_("Owner"), _(", ").join(data.owners), _("Property company"), data.company)
    form.wide(_("The flat"), data.unit.address)
    form.pair(
        _("Building area"),
        formatting.area(data.unit.area),
        _("Fee standard"),
        _("; ").join(
            _("{rate} from {month}").format(rate=formatting.fee_rate(item.rate), month=_month(item.month))
            for item in data.rates
        ),
    )
    form.wide(_("Late fee terms"), _basis_text(data.late_fee_basis))
    return form.table()


def _days(days: int, days_in_month: int) -> str:
    return str(days) if days == days_in_month else f"{days}/{days_in_month}"


def service_fee_table(data: ArrearsStatement) -> Flowable:
    rows: list[list[str]] = [
        [
            _month(line.month),
            _days(line.days, line.days_in_month),
            format(line.rate, "f"),
            formatting.amount(line.amount),
            formatting.date(line.due),
            formatting.amount(line.outstanding),
            formatting.amount(line.late_fee),
            MARK if line.time_barred else "",
        ]
        for line in data.service_fees
    ]
    rows.append(
        [
            _("Total"),
            "",
            "",
            formatting.amount(data.service_fee_total),
            "",
            formatting.amount(sum((line.outstanding for line in data.service_fees), Decimal(0))),
            formatting.amount(sum((line.late_fee for line in data.service_fees), Decimal(0))),
            "",
        ]
    )
    return blocks.grid(
        [_("Month"), _("Days"), _("Rate"), _("Amount"), _("Due"), _("Outstanding"), _("Late fee"), MARK],
        rows,
        widths=[0.14, 0.08, 0.08, 0.14, 0.18, 0.14, 0.13, 0.05],
        aligns=["center", "center", "right", "right", "center", "right", "right", "center"],
        bold_rows=[len(rows) - 1],
        style=SMALL,
    )


def utilities_table(data: ArrearsStatement) -> Flowable:
    rows: list[list[str]] = [
        [
            _period(line.period),
            formatting.amount(line.amount),
            formatting.date(line.due),
            formatting.amount(line.outstanding),
            formatting.amount(line.late_fee),
            MARK if line.time_barred else "",
        ]
        for line in data.utilities
    ]
    rows.append(
        [
            _("Total"),
            formatting.amount(data.utilities_total),
            "",
            formatting.amount(sum((line.outstanding for line in data.utilities), Decimal(0))),
            formatting.amount(sum((line.late_fee for line in data.utilities), Decimal(0))),
            "",
        ]
    )
    return blocks.grid(
        [_("Period"), _("Amount"), _("Due"), _("Outstanding"), _("Late fee"), MARK],
        rows,
        widths=[0.18, 0.18, 0.22, 0.18, 0.17, 0.07],
        aligns=["center", "right", "center", "right", "right", "center"],
        bold_rows=[len(rows) - 1],
        style=SMALL,
    )


def _payments(data: ArrearsStatement) -> list[Flowable]:
    if not data.payments:
        return [blocks.body(_("No payment was made in the period."))]
    rows: list[list[str]] = [
        [formatting.date(line.date), formatting.amount(line.amount), line.applied_to]
        for line in data.payments
    ]
    rows.append([_("Total"), formatting.amount(data.paid_total), ""])
    return [
        blocks.grid(
            [_("Date"), _("Amount"), _("Applied to")],
            rows,
            widths=[0.22, 0.18, 0.6],
            aligns=["center", "right", "left"],
            bold_rows=[len(rows) - 1],
            style=SMALL,
        )
    ]


def _late_fee(data: ArrearsStatement) -> list[Flowable]:
    text = _("Computed to {date}, the late fee comes to {amount}.").format(
        date=formatting.date(data.as_of), amount=formatting.yuan(data.late_fee_computed)
    )
    if data.late_fee_cap is not None:
        text = _("{sentence} {next}").format(
            sentence=text,
            next=_("The agreed cap is {cap}; the late fee counted is {total}.").format(
                cap=formatting.yuan(data.late_fee_cap), total=formatting.yuan(data.late_fee_total)
            ),
        )
    if data.yardstick is not None:
        text = _("{sentence} {next}").format(
            sentence=text,
            next=_(
                "For comparison, interest on the same balances over the same days at 1.3 times the one-year "
                "loan prime rate would be {yardstick}."
            ).format(yardstick=formatting.yuan(data.yardstick)),
        )
    return [blocks.body(text)]


def _summary(data: ArrearsStatement) -> Flowable:
    settlement = data.settlement
    return blocks.body(
        _(
            "Recomputed to {date}, the owner owes {principal} of fees and {late_fee} of late fee. Against the "
            "company's claim of {claimed}, the items are settled as the table shows; the amount payable is "
            "{payable}."
        ).format(
            date=formatting.date(data.as_of),
            principal=formatting.yuan(data.principal_outstanding),
            late_fee=formatting.yuan(data.late_fee_total),
            claimed=formatting.yuan(settlement.total.claimed),
            payable=formatting.rmb(settlement.total.payable),
        )
    )


def warnings(data: ArrearsStatement) -> list[str]:
    """The warnings the statement prints, in the user's language."""
    result: list[str] = []
    if data.time_barred_count:
        result.append(
            _(
                "{count} charges marked {mark}, {principal} in all, fell due more than three years before "
                "{date} with no recorded interruption and may be time-barred (Civil Code, art. 188). Only "
                "the owner can raise limitation; the court does not apply it of its own motion (art. 193). "
                "This is a warning only: nothing has been deducted from the totals."
            ).format(
                count=data.time_barred_count,
                mark=MARK,
                principal=formatting.yuan(data.time_barred_principal),
                date=formatting.date(data.limitation_date or data.as_of),
            )
        )
    if data.yardstick_exceeded:
        assert data.yardstick is not None
        annual = data.late_fee_basis.annual_rate if data.late_fee_basis else None
        result.append(
            _(
                "The late fee of {late_fee} ({annual} a year) is more than the {yardstick} that 1.3 times "
                "the one-year loan prime rate would give on the same balances. Where a late fee is "
                "excessively higher than the loss, the court may reduce it at a party's request (Civil "
                "Code, art. 585)."
            ).format(
                late_fee=formatting.yuan(data.late_fee_total),
                annual=formatting.exact_percent(annual) if annual is not None else "—",
                yardstick=formatting.yuan(data.yardstick),
            )
        )
    if data.credit:
        result.append(
            _("The payments exceed every charge by {credit}; it is shown as credit and not deducted.").format(
                credit=formatting.yuan(data.credit)
            )
        )
    result += list(data.notes)
    return result


def story(data: ArrearsStatement) -> list[Flowable]:
    flowables: list[Flowable] = [
        blocks.title(_("Arrears Statement")),
        blocks.number_line(data.case_number),
        _heading_form(data),
        *_section(1, _("Property service fee")),
        service_fee_table(data),
        Para(
            _(
                "Days: days charged / days in the month, for a part month. {mark}: possibly time-barred."
            ).format(mark=MARK),
            styles.NOTE,
        ),
        *_section(2, _("Shared water and electricity")),
        utilities_table(data) if data.utilities else blocks.body(_("No shared-utilities bill.")),
        *_section(3, _("Payments")),
        *_payments(data),
        *_section(4, _("Late fee")),
        *_late_fee(data),
        *_section(5, _("Claimed, recomputed, conceded and payable")),
        *settlement_table.flowables(data.settlement, data.settlement.notes()),
        _summary(data),
    ]
    notes = warnings(data)
    if notes:
        flowables += _section(6, _("Warnings"))
        flowables += [Para([fmt.item_number(n), text], styles.BODY) for n, text in enumerate(notes, start=1)]
    return blocks.signed_ending(
        flowables,
        [
            Spacer(1, 4),
            blocks.signature_rows(
                [
                    _("Prepared by {name} (signature)").format(name=data.prepared_by),
                    _("Owner, checked (signature)"),
                    _("Property company (seal)"),
                ]
            ),
        ],
    )


def info(data: ArrearsStatement) -> PdfInfo:
    return PdfInfo(
        title=_("Arrears Statement") + " " + data.case_number,
        author=data.organisation.name,
        subject=data.case_number,
        keywords=data.case_number,
        created=data.date,
    )


def decor(data: ArrearsStatement) -> PageDecor:
    return PageDecor(data.organisation.name, data.case_number)


def render(data: ArrearsStatement) -> bytes:
    """The statement as PDF bytes (deterministic for the same data)."""
    return build_pdf(story(data), info(data), decor(data))


__all__ = ["render", "story", "warnings"]
