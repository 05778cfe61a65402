"""回访记录: render a :class:`~mediation_app.documents.followup.FollowUpRecord` — the visit's
particulars, the instalments with what was paid and whether each is on time, overdue or not yet
due on the day of the visit, the parties' feedback, and signatures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reportlab.platypus import Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.followup import FollowUpRecord, InstalmentStatus
from mediation_app.i18n import _
from reports import blocks
from reports.page import PageDecor, PdfInfo, build_pdf


def status(item: InstalmentStatus, on: dt.date) -> str:
    """Paid in time, paid late, part paid, overdue, or not yet due, as of the visit."""
    if item.paid >= item.amount:
        if item.paid_on is not None and item.paid_on > item.due:
            return _("paid late")
        return _("paid")
    if item.due < on:
        return _("overdue") if item.paid == 0 else _("part paid, overdue")
    return _("not yet due") if item.paid == 0 else _("part paid")


def schedule_table(data: FollowUpRecord) -> Flowable:
    rows: list[list[str]] = [
        [
            _("Instalment {n}").format(n=item.number),
            formatting.date(item.due),
            formatting.amount(item.amount),
            formatting.amount(item.paid),
            formatting.date(item.paid_on) if item.paid_on else "—",
            status(item, data.visit_date),
        ]
        for item in data.schedule
    ]
    rows.append(
        ["", _("Total"), formatting.amount(data.total_due), formatting.amount(data.total_paid), "", ""]
    )
    return blocks.grid(
        [_("Instalment"), _("Due"), _("Amount"), _("Paid"), _("Paid on"), _("Status")],
        rows,
        widths=[0.13, 0.2, 0.15, 0.15, 0.2, 0.17],
        aligns=["center", "center", "right", "right", "center", "center"],
        bold_rows=[len(rows) - 1],
    )


def story(data: FollowUpRecord) -> list[Flowable]:
    form = blocks.Form()
    form.pair(_("Case number"), data.case_number, _("Agreement"), data.agreement_number)
    form.pair(_("Date of visit"), formatting.date(data.visit_date), _("Method"), data.method)
    form.pair(_("Visited by"), data.visitor, _("Spoken to"), _(", ").join(data.contacted))
    outstanding = data.total_due - data.total_paid
    flowables: list[Flowable] = [
        blocks.title(_("Follow-up Record")),
        form.table(),
        Spacer(1, 6),
        blocks.heading(_("Performance of the agreement")),
        schedule_table(data),
        Spacer(1, 4),
        blocks.body(
            _("Paid so far {paid}; outstanding {outstanding}.").format(
                paid=formatting.rmb(data.total_paid), outstanding=formatting.rmb(max(outstanding, Decimal(0)))
            )
        ),
        blocks.body(data.performance),
        blocks.labelled(_("Owner's feedback"), data.owner_feedback),
        blocks.labelled(_("Company's feedback"), data.company_feedback),
        blocks.labelled(_("Satisfaction"), data.satisfaction),
    ]
    if data.next_visit is not None:
        flowables.append(blocks.labelled(_("Next follow-up"), formatting.date(data.next_visit)))
    if data.remarks:
        flowables.append(blocks.labelled(_("Remarks"), data.remarks))
    return blocks.signed_ending(
        flowables, [blocks.signature_rows([_("Visited by {name} (signature)").format(name=data.visitor)])]
    )


def info(data: FollowUpRecord) -> PdfInfo:
    return PdfInfo(
        title=_("Follow-up Record") + " " + data.case_number,
        author=data.organisation.name,
        subject=data.case_number,
        keywords=data.agreement_number,
        created=data.visit_date,
    )


def decor(data: FollowUpRecord) -> PageDecor:
    return PageDecor(data.organisation.name, data.case_number)


def render(data: FollowUpRecord) -> bytes:
    """The follow-up record as PDF bytes (deterministic for the same data)."""
    return build_pdf(story(data), info(data), decor(data))


__all__ = ["render", "status", "story"]
