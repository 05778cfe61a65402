"""调解协议书: render a :class:`~mediation_app.documents.agreement.SettlementAgreement`.

Layout (after the Ministry of Justice's model 人民调解协议书): title and number; the parties;
"纠纷主要事实、争议事项"; "经调解，…达成如下协议" and the numbered terms (concessions, the payment
— with the instalment table —, how and where to pay, the consequence of a missed instalment,
anything else agreed, settlement in full, when the agreement takes effect and judicial
confirmation, the copies); the signature lines; the mediators and recorder; the organisation
with room for its seal, and the date; the verification QR code.

Every amount is written in financial uppercase and in figures (``人民币…元整（¥…）``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.agreement import AmountItem, SettlementAgreement
from mediation_app.documents.canonical import content_hash
from mediation_app.documents.verification import VerificationCode
from mediation_app.i18n import _, language
from mediation_app.money import uppercase_rmb
from reports import blocks, styles
from reports import format as fmt
from reports.page import FRAME_WIDTH, PageDecor, PdfInfo, build_pdf
from reports.qr import QrCode
from reports.text import Para, Run

QR_SIZE = 26 * mm


def count_words(number: int) -> str:
    """一式**三**份: Chinese numerals in Chinese, digits otherwise."""
    return fmt.chinese_number(number) if language().startswith("zh") else str(number)


def _items(items: Sequence[AmountItem]) -> str:
    return _("; ").join(
        _("{label} {amount}").format(label=item.label, amount=formatting.rmb(item.amount)) for item in items
    )


def _parties(data: SettlementAgreement) -> list[Flowable]:
    flowables: list[Flowable] = []
    for owner in data.owners:
        flowables += blocks.owner_block(_("Party A (owner)"), owner)
    flowables += blocks.company_block(_("Party B (property service provider)"), data.company)
    return flowables


def _facts(data: SettlementAgreement) -> list[Flowable]:
    unit = data.unit
    flowables: list[Flowable] = [blocks.heading(_("Main facts of the dispute and matters in dispute"))]
    about = _(
        "Party A owns the flat at {address} (building area {area}); Party B provides the property "
        "services of {community}, where the flat is."
    ).format(address=unit.address, area=formatting.area(unit.area), community=unit.community)
    if unit.handover_date is not None:
        about = _("{sentence} {next}").format(
            sentence=about,
            next=_("Party A took over the flat on {date}.").format(date=formatting.date(unit.handover_date)),
        )
    flowables.append(blocks.body(about))
    flowables += [blocks.body(paragraph) for paragraph in data.facts]
    if data.claimed:
        total = sum((item.amount for item in data.claimed), Decimal(0))
        flowables.append(
            blocks.body(
                _("Party B claimed that Party A pay {items}; in total {total}.").format(
                    items=_items(data.claimed), total=formatting.rmb(total)
                )
            )
        )
    if data.matters_in_dispute:
        flowables.append(
            blocks.body(
                [
                    Run(_("Matters in dispute: "), bold=True),
                    _("; ").join(data.matters_in_dispute) + _("."),
                ]
            )
        )
    return flowables


def instalment_table(data: SettlementAgreement) -> Flowable:
    instalments = data.payment.instalments
    rows: list[list[str]] = [
        [
            _("Instalment {n}").format(n=count_words(item.number)),
            _("on or before {date}").format(date=formatting.date(item.due)),
            formatting.amount(item.amount),
            uppercase_rmb(item.amount),
        ]
        for item in instalments
    ]
    rows.append([_("Total"), "", formatting.amount(data.total), uppercase_rmb(data.total)])
    return blocks.grid(
        [_("Instalment"), _("Pay by"), _("Amount (yuan)"), _("Amount in words")],
        rows,
        widths=[0.14, 0.26, 0.18, 0.42],
        aligns=["center", "center", "right", "left"],
        bold_rows=[len(rows) - 1],
        extra=[("SPAN", (0, len(rows)), (1, len(rows)))],
    )


def terms(data: SettlementAgreement) -> list[Flowable]:
    """The numbered terms. Numbering is continuous, so a term left out leaves no gap."""
    clauses: list[list[Flowable] | str] = []
    clauses += [concession.text for concession in data.concessions]
    payment = data.payment
    if payment.instalments:
        clauses.append(
            [
                Para(
                    _(
                        "Party A shall pay Party B {items}; in total {total}, in {count} instalments "
                        "as follows:"
                    ).format(
                        items=_items(data.agreed_items),
                        total=formatting.rmb(data.total),
                        count=count_words(len(payment.instalments)),
                    ),
                    styles.BODY,
                ),
                Spacer(1, 2),
                instalment_table(data),
                Spacer(1, 4),
            ]
        )
    else:
        assert payment.deadline is not None  # checked by the dataclass
        clauses.append(
            _("Party A shall pay Party B, in one sum on or before {date}, {items}; in total {total}.").format(
                date=formatting.date(payment.deadline),
                items=_items(data.agreed_items),
                total=formatting.rmb(data.total),
            )
        )
    how = _("Party A shall pay by {method} to {place}").format(method=payment.method, place=payment.place)
    if payment.account:
        how += _(" (account: {account})").format(account=payment.account)
    how += _("; Party B shall give Party A a receipt for each payment.")
    clauses.append(how)
    if data.acceleration and payment.instalments:
        clauses.append(
            _(
                "If Party A fails to pay any instalment in full when due, Party B may demand the whole "
                "unpaid balance at once."
            )
        )
    clauses += list(data.other_terms)
    clauses.append(
        _(
            "Once this agreement has been performed, the dispute between the parties over the property "
            "service fees, shared utilities, late fees and every other charge for the flat up to and "
            "including {date} is settled in full, and neither party will make any further claim "
            "against the other for it."
        ).format(date=formatting.date(data.settled_through))
    )
    clauses.append(
        _(
            "This agreement takes effect when the parties have signed it, sealed it or put their "
            "fingerprints on it, and the mediator has signed it and the mediation organisation has "
            "sealed it. Within 30 days of its taking effect the parties may jointly apply to the "
            "people's court for judicial confirmation of it (People's Mediation Law, art. 33)."
        )
    )
    kept = data.copies - data.parties
    clauses.append(
        _(
            "This agreement is made in {copies} copies: each party holds one and {organisation} keeps "
            "{kept}; all have the same legal effect."
        ).format(copies=count_words(data.copies), organisation=data.organisation.name, kept=count_words(kept))
    )
    flowables: list[Flowable] = []
    for number, clause in enumerate(clauses, start=1):
        prefix = Run(fmt.clause_number(number), bold=True)
        if isinstance(clause, str):
            flowables.append(Para([prefix, clause], styles.BODY))
        else:
            first = clause[0]
            assert isinstance(first, Para)
            flowables.append(Para([prefix, *first.runs], styles.BODY))
            flowables += clause[1:]
    return flowables


def _signatures(data: SettlementAgreement, last_term: Flowable) -> list[Flowable]:
    """The signature page. The last term always comes with it, so the signatures, the seal and
    the date never stand on a page of their own (a page that could be attached to a different
    text)."""
    owner_lines = [
        _("Party A {name} (signature and fingerprint)").format(name=owner.name) for owner in data.owners
    ]
    company_lines = [
        _("Party B (company seal)"),
        _("Legal representative or authorised agent (signature)"),
    ]
    staff_lines = [_("Mediator {name} (signature)").format(name=name) for name in data.mediators]
    staff_lines.append(_("Recorder {name} (signature)").format(name=data.recorder))
    code = VerificationCode(data.case_number, data.number, content_hash(data))
    qr = Table(
        [
            [QrCode(code.payload(), QR_SIZE)],
            [Para(_("Scan to verify"), styles.NOTE.but(align="center"))],
        ],
        colWidths=[QR_SIZE + 4 * mm],
        style=TableStyle(
            [
                *blocks.base_commands(),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ]
        ),
    )
    seal = [
        Spacer(1, 16 * mm),
        Para([data.organisation.name, _("(seal)")], styles.SIGN.but(align="right")),
        Para(formatting.date(data.date), styles.SIGN.but(align="right")),
    ]
    closing = Table(
        [[qr, seal]],
        colWidths=[QR_SIZE + 8 * mm, FRAME_WIDTH - QR_SIZE - 8 * mm],
        style=TableStyle(
            [
                *blocks.base_commands(),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )
    # One block: the organisation's seal and date must not stand on a page of their own either.
    return [
        KeepTogether(
            [
                last_term,
                Spacer(1, 6),
                blocks.body([Run(_("Place of signing: "), bold=True), data.place], styles.BODY_FLUSH),
                blocks.signature_rows(owner_lines + company_lines),
                blocks.signature_rows(staff_lines, with_date=False),
                closing,
            ]
        ),
    ]


def story(data: SettlementAgreement) -> list[Flowable]:
    """The agreement's flowables (also used inside the case file)."""
    flowables: list[Flowable] = [
        blocks.title(_("Settlement Agreement")),
        blocks.number_line(data.number),
        *_parties(data),
        *_facts(data),
        blocks.heading(
            _(
                "Mediated by {organisation}, the parties have freely reached the following agreement on "
                "an equal footing:"
            ).format(organisation=data.organisation.name)
        ),
    ]
    agreed = terms(data)
    return flowables + agreed[:-1] + _signatures(data, agreed[-1])


def info(data: SettlementAgreement) -> PdfInfo:
    return PdfInfo(
        title=_("Settlement Agreement") + " " + data.number,
        author=data.organisation.name,
        subject=data.case_number,
        keywords=data.number,
        created=data.date,
    )


def decor(data: SettlementAgreement) -> PageDecor:
    return PageDecor(data.organisation.name, data.case_number)


def render(data: SettlementAgreement) -> bytes:
    """The agreement as PDF bytes (deterministic for the same data)."""
    return build_pdf(story(data), info(data), decor(data))


__all__ = ["render", "story"]
