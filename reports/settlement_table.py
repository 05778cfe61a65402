"""The reconciled settlement as a table: one row per item claimed — its period, the claimed and
the recomputed figure, what the recomputation took off (核减), what the company conceded, what
the owner pays — the totals, the total in 大写, and under it why each figure is what it is.

The agreement, the application for judicial confirmation and the arrears statement all print
the settlement through this one table, so they cannot tell different stories.
"""

from __future__ import annotations

from reportlab.platypus import Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.fees.reconciliation import Settlement, SettlementLine, recomputed_cell
from mediation_app.i18n import _
from reports import blocks, styles
from reports import format as fmt
from reports.linebreak import glued
from reports.text import Para, Run


def _period(line: SettlementLine) -> str:
    if line.start is not None and line.end is not None:
        return formatting.period(line.start, line.end, whole=glued)
    if line.end is not None:
        return _("up to {date}").format(date=formatting.date(line.end))
    return ""


def table(settlement: Settlement) -> Flowable:
    rows: list[list[str]] = [
        [
            line.label,
            _period(line),
            formatting.amount(line.claimed),
            recomputed_cell(line, formatting.amount(line.in_recomputed_total), whole=glued),
            formatting.amount(line.adjustment),
            formatting.amount(line.concession),
            formatting.amount(line.payable),
        ]
        for line in settlement.lines
    ]
    total = settlement.total
    rows.append(
        [
            _("Total"),
            "",
            formatting.amount(total.claimed),
            formatting.amount(total.recomputed),
            formatting.amount(total.adjustment),
            formatting.amount(total.concession),
            formatting.amount(total.payable),
        ]
    )
    return blocks.grid(
        [
            _("Item"),
            _("Period"),
            _("Claimed"),
            _("Recomputed"),
            _("Taken off on checking"),
            _("Conceded"),
            _("Payable"),
        ],
        rows,
        widths=[0.13, 0.25, 0.125, 0.125, 0.125, 0.12, 0.125],
        aligns=["left", "center", "right", "right", "right", "right", "right"],
        bold_rows=[len(rows) - 1],
        style=styles.CELL.but(size=styles.CELL.size - 0.5),
    )


def flowables(settlement: Settlement, notes: tuple[str, ...] = ()) -> list[Flowable]:
    """The table, the payable in words, and the notes (the reasons), small, under it."""
    result: list[Flowable] = [
        Spacer(1, 2),
        table(settlement),
        Spacer(1, 2),
        Para(
            [
                Run(_("Payable in all: "), bold=True),
                _("{words} ({figures})").format(
                    words=settlement.payable_uppercase, figures=formatting.yuan(settlement.total.payable)
                ),
            ],
            styles.NOTE,
        ),
    ]
    result += [Para([fmt.item_number(n), note], styles.NOTE) for n, note in enumerate(notes, start=1)]
    result.append(Spacer(1, 4))
    return result


__all__ = ["flowables", "table"]
