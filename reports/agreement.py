"""调解协议书: render a :class:`~mediation_app.documents.agreement.SettlementAgreement`.

Layout (after the Ministry of Justice's model 人民调解协议书): title and number; the parties;
"纠纷主要事实、争议事项"; "经调解，…达成如下协议" and the numbered terms (concessions, the payment
— with the instalment table —, how and where to pay, the consequence of a missed instalment,
anything else agreed, settlement in full, when the agreement takes effect and judicial
confirmation, the copies); （以下无正文）; the signature lines; the mediators and recorder; the
organisation with room for its seal, and the date; on a final agreement, the verification QR code
with the same in words (:mod:`reports.verification`; a draft has none).

Every amount is written in financial uppercase and in figures (``人民币…元整（¥…）``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer
from reportlab.platypus.flowables import Flowable

from mediation_app import formatting
from mediation_app.documents.agreement import Clause, ClauseTable, Instalment, SettlementAgreement
from mediation_app.fees.reconciliation import Settlement
from mediation_app.i18n import _, language
from mediation_app.money import uppercase_rmb
from reports import blocks, settlement_table, styles, verification
from reports import format as fmt
from reports.page import PageDecor, PdfInfo, build_pdf
from reports.text import Para, Run


def count_words(number: int) -> str:
    """一式**三**份: Chinese numerals in Chinese, digits otherwise."""
    return fmt.chinese_number(number) if language().startswith("zh") else str(number)


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
    flowables.append(blocks.body(data.claim))
    if data.matters_in_dispute:
        flowables.append(
            blocks.body(
                [
                    Run(_("Matters in dispute: "), bold=True),
                    _("; ").join(data.matters_in_dispute) + _("."),
                ]
            )
        )
    if data.responsibility:
        flowables.append(
            blocks.body([Run(_("Responsibility of the parties: "), bold=True), data.responsibility])
        )
    return flowables


def instalment_table(instalments: Sequence[Instalment], total: Decimal) -> Flowable:
    rows: list[list[str]] = [
        [
            _("Instalment {n}").format(n=count_words(item.number)),
            _("on or before {date}").format(date=formatting.date(item.due)),
            formatting.amount(item.amount),
            uppercase_rmb(item.amount),
        ]
        for item in instalments
    ]
    rows.append([_("Total"), "", formatting.amount(total), uppercase_rmb(total)])
    return blocks.grid(
        [_("Instalment"), _("Pay by"), _("Amount (yuan)"), _("Amount in words")],
        rows,
        widths=[0.14, 0.26, 0.18, 0.42],
        aligns=["center", "center", "right", "left"],
        bold_rows=[len(rows) - 1],
        extra=[("SPAN", (0, len(rows)), (1, len(rows)))],
    )


def clause_flowables(
    number: int, clause: Clause, settlement: Settlement, instalments: Sequence[Instalment]
) -> list[Flowable]:
    """One numbered term: its words, then the table it carries (the settlement, the instalments)."""
    flowables: list[Flowable] = [Para([Run(fmt.clause_number(number), bold=True), clause.text], styles.BODY)]
    if clause.table is ClauseTable.SETTLEMENT:
        flowables += settlement_table.flowables(settlement, clause.notes)
    elif clause.table is ClauseTable.INSTALMENTS:
        flowables += [Spacer(1, 2), instalment_table(instalments, settlement.total.payable), Spacer(1, 4)]
    return flowables


def terms(data: SettlementAgreement) -> list[Flowable]:
    """The numbered terms, as the core worded them."""
    flowables: list[Flowable] = []
    for number, clause in enumerate(data.clauses, start=1):
        flowables += clause_flowables(number, clause, data.settlement, data.payment.instalments)
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
    seal = [
        Spacer(1, 16 * mm),
        Para([data.organisation.name, _("(seal)")], styles.SIGN.but(align="right")),
        Para(formatting.date(data.date), styles.SIGN.but(align="right")),
    ]
    check = verification.verification_block(data.number, data)
    # One block: the organisation's seal and date must not stand on a page of their own either.
    return [
        KeepTogether(
            [
                last_term,
                blocks.no_more_text(),
                Spacer(1, 6),
                blocks.body([Run(_("Place of signing: "), bold=True), data.place], styles.BODY_FLUSH),
                blocks.signature_rows(owner_lines + company_lines),
                blocks.signature_rows(staff_lines, with_date=False),
                *seal,
                *([Spacer(1, 4 * mm), check] if check is not None else []),
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
