"""受理登记表: render an :class:`~mediation_app.documents.intake.IntakeRecord` as a one-page form
(the case, the owner, the company, the flat, the claim item by item with its total, the request,
the consent to pre-litigation mediation, who registered it), signed by the applicant and the
clerk."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.intake import ClaimLine, IntakeRecord
from mediation_app.documents.parties import Owner
from mediation_app.domain.enums import label
from mediation_app.i18n import _
from reports import blocks, styles
from reports.page import PageDecor, PdfInfo, build_pdf
from reports.text import Para


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _period(line: ClaimLine) -> str:
    if line.start and line.end:
        return formatting.period(line.start, line.end)
    if line.end:
        return _("up to {date}").format(date=formatting.date(line.end))
    return ""


def _consent(data: IntakeRecord) -> str:
    def one(who: str, day: dt.date | None) -> str:
        if day is None:
            return _("{who}: not yet").format(who=who)
        return _("{who}: agreed on {date}").format(who=who, date=formatting.date(day))

    return _("; ").join([one(_("Owner"), data.owner_consent), one(_("Company"), data.company_consent)])


def _owner_rows(form: blocks.Form, owner: Owner, index: int, count: int) -> None:
    title = _("Owner") if count == 1 else _("Owner {n}").format(n=index)
    form.section(title)
    form.pair(_("Name"), owner.name, _("Sex"), label(owner.sex) if owner.sex else "")
    form.pair(
        _("Date of birth"),
        formatting.date(owner.birth_date) if owner.birth_date else "",
        _("Ethnicity"),
        owner.ethnicity,
    )
    form.pair(_("ID number"), owner.id_number, _("Phone"), owner.phone)
    form.wide(_("Address"), owner.address)


def claims_table(data: IntakeRecord) -> Flowable:
    rows: list[list[str]] = [
        [line.label, _period(line), formatting.amount(line.amount)] for line in data.claims
    ]
    rows.append([_("Total claimed"), "", formatting.amount(data.claimed_total)])
    return blocks.grid(
        [_("Item"), _("Period"), _("Amount (yuan)")],
        rows,
        widths=[0.3, 0.45, 0.25],
        aligns=["left", "center", "right"],
        bold_rows=[len(rows) - 1],
    )


def story(data: IntakeRecord) -> list[Flowable]:
    form = blocks.Form()
    form.pair(_("Case number"), data.case_number, _("Intake date"), formatting.date(data.intake_date))
    source = label(data.source)
    if data.source_detail:
        source = _("{source} ({detail})").format(source=source, detail=data.source_detail)
    form.pair(_("Source"), source, _("Track"), label(data.track))
    form.pair(
        _("Accepted by"),
        data.organisation.name,
        _("Applicant"),
        _("Property company") if data.applicant_is_company else _("Owner"),
    )
    for index, owner in enumerate(data.owners, start=1):
        _owner_rows(form, owner, index, len(data.owners))
    company = data.company
    form.section(_("Property service company"))
    form.wide(_("Company name"), company.name)
    form.pair(_("Credit code"), company.credit_code, _("Phone"), company.phone)
    form.wide(_("Domicile"), company.domicile)
    agent = company.agent
    form.pair(
        _("Legal representative"),
        blocks.listing([company.legal_representative, company.legal_representative_title]),
        _("Authorised agent"),
        blocks.listing([agent.name, agent.capacity, agent.phone]) if agent else "",
    )
    unit = data.unit
    form.section(_("The flat"))
    form.wide(_("Address"), unit.address)
    form.pair(
        _("Building area"),
        formatting.area(unit.area),
        _("Keys handed over"),
        formatting.date(unit.handover_date) if unit.handover_date else "",
    )
    form.pair(
        _("Community"),
        unit.community,
        _("Fee standard"),
        formatting.fee_rate(data.fee_standard) if data.fee_standard is not None else "",
    )
    form.section(_("The claim"))
    # The claim items are a table of their own, full width, between the two parts of the form
    # (a table nested in a form cell would double its rules).
    rest = blocks.Form()
    rest.wide(_("Request"), data.request)
    rest.wide(_("Dispute in brief"), data.summary, height=12 * mm)
    rest.wide(_("Consent to mediation"), _consent(data))
    rest.pair(
        _("Electronic service"),
        _yes_no(data.electronic_service),
        _("Assigned to"),
        data.assigned_to or _("not yet assigned"),
    )
    rest.pair(_("Registered by"), data.received_by, _("Remarks"), data.remarks)
    rest.pair(
        _("Applicant (signature or seal)"),
        Para(_("The applicant confirms that the above is true."), styles.NOTE.but(size=9, leading=13)),
        _("Registered by (signature)"),
        "",
        height=15 * mm,
    )
    return [
        blocks.title(_("Intake Form for Property Disputes")),
        form.table(),
        claims_table(data),
        rest.table(),
    ]


def info(data: IntakeRecord) -> PdfInfo:
    return PdfInfo(
        title=_("Intake Form for Property Disputes") + " " + data.case_number,
        author=data.organisation.name,
        subject=data.case_number,
        keywords=data.case_number,
        created=data.intake_date,
    )


def decor(data: IntakeRecord) -> PageDecor:
    return PageDecor(data.organisation.name, data.case_number)


def render(data: IntakeRecord) -> bytes:
    """The intake form as PDF bytes (deterministic for the same data)."""
    return build_pdf(story(data), info(data), decor(data))


__all__ = ["render", "story"]
