"""结案报告: render a :class:`~mediation_app.documents.closing.ClosingReport` — the case at a
glance with its result as the case really ended, its course through tracks and organisations,
the money (claimed; for a signed agreement agreed, paid and unpaid), the days it took, the
mediator's summary, the reviewer's approval and the seal."""

from __future__ import annotations

from reportlab.platypus import Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.closing import ClosingReport
from mediation_app.domain.enums import label
from mediation_app.i18n import _, ngettext
from reports import blocks
from reports.page import PageDecor, PdfInfo, build_pdf


def course_table(data: ClosingReport) -> Flowable:
    rows = [
        [formatting.date(step.date), label(step.track), step.organisation, step.note] for step in data.course
    ]
    return blocks.grid(
        [_("Date"), _("Track"), _("Organisation"), _("Reason")],
        rows,
        widths=[0.2, 0.18, 0.3, 0.32],
        aligns=["center", "center", "left", "left"],
    )


def story(data: ClosingReport) -> list[Flowable]:
    form = blocks.Form()
    form.pair(_("Case number"), data.case_number, _("Result"), data.ending.wording())
    form.pair(_("Owner"), _(", ").join(data.owners), _("Property company"), data.company)
    form.wide(_("The flat"), data.unit_address)
    form.pair(
        _("Intake date"),
        formatting.date(data.intake_date),
        _("Closing date"),
        formatting.date(data.closing_date),
    )
    form.pair(
        _("Days taken"),
        ngettext("{n} day", "{n} days", data.days).format(n=data.days),
        _("Sessions"),
        ngettext("{n} session", "{n} sessions", data.sessions).format(n=data.sessions),
    )
    money = [blocks.labelled(_("Claimed"), formatting.rmb(data.claimed))]
    if data.agreed is None or data.balance is None:
        money.append(blocks.labelled(_("Agreed"), _("no agreement signed")))
    else:
        money += [
            blocks.labelled(_("Agreed"), formatting.rmb(data.agreed)),
            blocks.labelled(_("Paid under the agreement"), formatting.rmb(data.paid)),
            blocks.labelled(_("Unpaid balance"), formatting.rmb(data.balance)),
        ]
    if data.agreement_number:
        money.append(blocks.labelled(_("Settlement agreement"), data.agreement_number))
    flowables: list[Flowable] = [
        blocks.title(_("Closing Report")),
        form.table(),
        Spacer(1, 6),
        blocks.heading(_("Course of the case")),
        course_table(data),
        blocks.heading(_("Amounts")),
        *money,
        blocks.heading(_("Summary")),
        *[blocks.body(paragraph) for paragraph in data.summary],
    ]
    return blocks.signed_ending(
        flowables,
        [
            blocks.signature_rows(
                [
                    _("Mediator {name} (signature)").format(name=data.mediator),
                    _("Approved by {name} (signature)").format(name=data.reviewer),
                ]
            ),
            *blocks.seal_block(data.organisation.name, formatting.date(data.date)),
        ],
    )


def info(data: ClosingReport) -> PdfInfo:
    return PdfInfo(
        title=_("Closing Report") + " " + data.case_number,
        author=data.organisation.name,
        subject=data.case_number,
        keywords=data.ending.wording(),
        created=data.date,
    )


def decor(data: ClosingReport) -> PageDecor:
    return PageDecor(data.organisation.name, data.case_number)


def render(data: ClosingReport) -> bytes:
    """The closing report as PDF bytes (deterministic for the same data)."""
    return build_pdf(story(data), info(data), decor(data))


__all__ = ["render", "story"]
