"""诉前调解告知书（当事人权利义务告知）: render a
:class:`~mediation_app.documents.notice.RightsNotice`.

The sections: pre-litigation mediation (free of charge, the period, the limitation period is
interrupted, judicial confirmation, the way to court); the parties' rights (People's Mediation
Law art. 23) and duties (art. 24); the Civil Code's articles on property-service contracts
quoted in full; the organisation's seal; each party's acknowledgement of receipt.
"""

from __future__ import annotations

from reportlab.platypus import Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.notice import LegalArticle, RightsNotice
from mediation_app.domain.enums import Track
from mediation_app.i18n import _
from mediation_app.workflow.legal_basis import confirmation_law
from reports import blocks, styles
from reports import format as fmt
from reports.page import PageDecor, PdfInfo, build_pdf
from reports.text import Para, Run

QUOTE = styles.BODY.but(size=11, leading=19)


def _section(number: int, title: str) -> Para:
    return Para([Run(fmt.clause_number(number)), title], styles.HEADING)


def _items(items: list[str]) -> list[Flowable]:
    return [Para([fmt.item_number(n), text], styles.BODY) for n, text in enumerate(items, start=1)]


def _article(article: LegalArticle) -> list[Flowable]:
    first, *rest = article.paragraphs
    flowables: list[Flowable] = [Para([Run(article.heading + "\u3000", bold=True), first], QUOTE)]
    flowables += [Para(paragraph, QUOTE) for paragraph in rest]
    return flowables


def title(data: RightsNotice) -> str:
    """诉前调解告知书 for a case a court assigned before filing; 调解告知书 when the parties applied."""
    return _("Pre-litigation Mediation Notice") if data.pre_litigation else _("Mediation Notice")


def story(data: RightsNotice) -> list[Flowable]:
    parties = _(" and ").join(data.addressees)
    lead = (
        _(
            "The property service contract dispute between {parties} (case {number}) was assigned by the people's "
            "court for mediation before litigation, and is mediated by {organisation} with the agreement of both "
            "parties. So that you can protect your rights, we inform you of the following."
        )
        if data.pre_litigation
        else _(
            "The property service contract dispute between {parties} (case {number}) is mediated by "
            "{organisation} at the parties' request, with the agreement of both parties. So that you can protect "
            "your rights, we inform you of the following."
        )
    )
    flowables: list[Flowable] = [
        blocks.title(title(data)),
        Para(_("(rights and duties of the parties)"), styles.SUBTITLE.but(bold=False, size=13)),
        blocks.number_line(data.case_number),
        Para(_("To {names}:").format(names=_(", ").join(data.addressees)), styles.BODY_FLUSH.but(bold=True)),
        blocks.body(
            lead.format(parties=parties, number=data.case_number, organisation=data.organisation.name)
        ),
        _section(1, _("Pre-litigation mediation") if data.pre_litigation else _("Mediation")),
        *_items(
            [
                _(
                    "Mediation follows the principles of free will, equality and legality; people's mediation "
                    "charges no fee (People's Mediation Law, arts. 3 and 4)."
                ),
                _(
                    "The mediation period is {days} days from the day mediation starts; it may be extended if "
                    "both parties agree. If no agreement is reached within the period, the mediation ends."
                ).format(days=data.mediation_days),
                _(
                    "A request to a people's mediation committee, or another organisation entitled to resolve "
                    "the dispute, to protect a civil right interrupts the limitation period (Civil Code, "
                    "art. 195; Supreme People's Court Provisions on Limitation of Actions, art. 11)."
                ),
                _(
                    "If an agreement is reached, the parties may jointly apply to {court} for judicial "
                    "confirmation within 30 days of the agreement taking effect; if a party then refuses to "
                    "perform a confirmed agreement, the other may apply to the people's court for enforcement "
                    "({law})."
                ).format(
                    court=data.court, law=data.law or confirmation_law(Track.PEOPLE, data.date).citation()
                ),
                _(
                    "If mediation fails, a party may bring a lawsuit in the people's court according to law "
                    "(People's Mediation Law, art. 26)."
                ),
            ]
        ),
        _section(2, _("Your rights")),
        blocks.body(
            _(
                "In people's mediation the parties have the following rights (People's Mediation Law, art. 23):"
            )
        ),
        *_items(
            [
                _("to choose or accept a people's mediator;"),
                _("to accept mediation, refuse it, or ask for it to end;"),
                _("to ask for the mediation to be held in public or in private;"),
                _("to express their wishes freely and to reach an agreement of their own free will."),
            ]
        ),
        _section(3, _("Your duties")),
        blocks.body(
            _(
                "In people's mediation the parties have the following duties (People's Mediation Law, art. 24):"
            )
        ),
        *_items(
            [
                _("to state the facts of the dispute truthfully;"),
                _("to keep order at the mediation and respect the people's mediator;"),
                _("to respect the other party's exercise of its rights."),
            ]
        ),
        _section(4, _("The law on property service contracts")),
        blocks.body(
            _(
                "Chapter 24, property service contracts, of Book Three of the Civil Code of the People's "
                "Republic of China provides:"
            )
        ),
    ]
    for article in data.articles:
        flowables += _article(article)
    closing: list[Flowable] = []
    if any(article.number == 944 for article in data.articles):
        closing.append(
            blocks.body(
                [
                    Run(_("Note: "), bold=True),
                    _(
                        "where the company has provided its services as agreed, an owner may not refuse to pay "
                        "the property fee on the ground of not having used them; and the company may not press "
                        "for payment by cutting off electricity, water, heating or gas (art. 944)."
                    ),
                ]
            )
        )
    flowables += closing
    # The seal and the acknowledgement of receipt make one block, which the last paragraph joins:
    # neither may stand on a page of its own.
    return blocks.signed_ending(
        flowables,
        [
            *blocks.seal_block(data.organisation.name, formatting.date(data.date)),
            Spacer(1, 8),
            Para(_("I have received and read this notice."), styles.BODY_FLUSH),
            blocks.signature_rows(
                [_("{name} (signature or seal)").format(name=name) for name in data.addressees]
            ),
        ],
    )


def info(data: RightsNotice) -> PdfInfo:
    return PdfInfo(
        title=title(data) + " " + data.case_number,
        author=data.organisation.name,
        subject=data.case_number,
        keywords=data.case_number,
        created=data.date,
    )


def decor(data: RightsNotice) -> PageDecor:
    return PageDecor(data.organisation.name, data.case_number)


def render(data: RightsNotice) -> bytes:
    """The notice as PDF bytes (deterministic for the same data)."""
    return build_pdf(story(data), info(data), decor(data))


__all__ = ["render", "story"]
