"""司法确认申请书: render a :class:`~mediation_app.documents.confirmation.ConfirmationApplication`
in the form courts expect: the applicants; the request; the facts and reasons with the agreed
terms; the undertakings the Supreme People's Court's rules on judicial confirmation require of
the applicants; 此致 the court; the signatures; the attachments."""

from __future__ import annotations

from reportlab.platypus import Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.confirmation import ConfirmationApplication
from mediation_app.i18n import _
from reports import blocks, styles
from reports import format as fmt
from reports.agreement import clause_flowables
from reports.page import PageDecor, PdfInfo, build_pdf
from reports.text import Para


def story(data: ConfirmationApplication) -> list[Flowable]:
    flowables: list[Flowable] = [blocks.title(_("Application for Judicial Confirmation")), Spacer(1, 8)]
    for owner in data.owners:
        flowables += blocks.owner_block(_("Applicant (owner)"), owner)
    flowables += blocks.company_block(_("Applicant (property service provider)"), data.company)
    agreement = _(
        "the settlement agreement No. {number} that the applicants reached on {date} under the mediation of {organisation}"
    ).format(
        number=data.agreement_number,
        date=formatting.date(data.agreement_date),
        organisation=data.organisation.name,
    )
    flowables += [
        blocks.heading(_("Request")),
        blocks.body(_("That the court confirm {agreement} to be valid.").format(agreement=agreement)),
        blocks.heading(_("Facts and reasons")),
        blocks.body(data.facts),
        blocks.body(_("The agreement provides:")),
    ]
    if data.parties_named:
        flowables.append(blocks.body(data.parties_named))
    for number, clause in enumerate(data.terms, start=1):
        flowables += clause_flowables(number, clause, data.settlement, data.instalments)
    flowables += [
        blocks.body(
            _(
                "The agreement was reached by the applicants of their own free will, its content does not "
                "break the law, and it has taken effect. Under {law}, the applicants jointly apply to your "
                "court for its judicial confirmation."
            ).format(law=data.law)
        ),
        blocks.heading(_("Undertakings of the applicants")),
        Para(
            [
                fmt.item_number(1),
                _(
                    "we reached the agreement in order to resolve the dispute, of our own free will, without "
                    "malicious collusion and without evading the law;"
                ),
            ],
            styles.BODY,
        ),
        Para(
            [
                fmt.item_number(2),
                _(
                    "if the agreement harms another person, we will bear the civil liability and other legal "
                    "liability for it;"
                ),
            ],
            styles.BODY,
        ),
        Para(
            [fmt.item_number(3), _("the materials we submit are true and what we state is true.")],
            styles.BODY,
        ),
    ]
    if data.service_addresses:
        flowables += _service_addresses(data)
    closing: list[Flowable] = [
        Spacer(1, 8),
        Para(_("To"), styles.BODY_FLUSH.but(indent=2)),
        Para(data.court, styles.BODY_FLUSH),
        Spacer(1, 6),
        blocks.signature_rows(
            [
                _("Applicant {name} (signature and fingerprint)").format(name=owner.name)
                for owner in data.owners
            ]
            + [_("Applicant {name} (seal)").format(name=data.company.name)]
        ),
        Para(formatting.date(data.date), styles.SIGN.but(align="right", space_before=6)),
    ]
    flowables = blocks.signed_ending(flowables, closing)
    if data.attachments:
        flowables.append(blocks.heading(_("Attachments")))
        flowables += [
            Para([f"{n}. ", item], styles.BODY_FLUSH) for n, item in enumerate(data.attachments, start=1)
        ]
    return flowables


def _service_addresses(data: ConfirmationApplication) -> list[Flowable]:
    """送达地址确认: each applicant confirms where the court's documents reach them."""
    rows = [
        [
            item.applicant,
            item.address,
            item.phone,
            _("Yes, by SMS to this number") if item.electronic else _("No"),
            "",
        ]
        for item in data.service_addresses
    ]
    return [
        blocks.heading(_("Confirmation of addresses for service")),
        blocks.body(
            _(
                "Each applicant confirms that the court's documents in this matter may be served at the address "
                "below, and undertakes to tell the court at once of any change; documents served there count as "
                "served even if they are returned."
            )
        ),
        blocks.grid(
            [_("Applicant"), _("Address for service"), _("Phone"), _("Electronic service"), _("Signature")],
            rows,
            widths=[0.22, 0.34, 0.14, 0.16, 0.14],
            aligns=["left", "left", "center", "center", "center"],
        ),
    ]


def info(data: ConfirmationApplication) -> PdfInfo:
    return PdfInfo(
        title=_("Application for Judicial Confirmation") + " " + data.case_number,
        author=data.organisation.name,
        subject=data.case_number,
        keywords=data.agreement_number,
        created=data.date,
    )


def decor(data: ConfirmationApplication) -> PageDecor:
    return PageDecor(data.court, data.case_number)


def render(data: ConfirmationApplication) -> bytes:
    """The application as PDF bytes (deterministic for the same data)."""
    return build_pdf(story(data), info(data), decor(data))


__all__ = ["render", "story"]
