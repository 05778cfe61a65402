"""调解协议书: the settlement agreement, as the parties sign it.

What it must carry follows 人民调解法 art. 29 and the centre's practice: the number; each party
(an owner with sex, birth date, ID number, address and phone; a company with domicile, credit
code, legal representative and agent); the facts and the matters in dispute; the agreed terms —
amounts in figures and in financial uppercase, the instalment plan, how, where and by when to
pay; that the dispute is settled in full; how many copies; signature lines; the mediator(s), the
recorder, the organisation and its seal; the date.

The figures are the reconciled settlement (:mod:`mediation_app.fees.reconciliation`): for each
item claimed, claimed → recomputed (and why) → concession (and why) → payable, adding up to the
total on the face of the page. The terms are worded by the core (:class:`Clause`), not by the
renderer, so the application for judicial confirmation quotes them word for word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from mediation_app.documents.parties import Company, Organisation, Owner, Unit
from mediation_app.errors import ValidationError
from mediation_app.fees.reconciliation import Settlement
from mediation_app.i18n import _


class ClauseTable(StrEnum):
    """A table a clause carries after its words."""

    NONE = ""
    SETTLEMENT = "settlement"  # the reconciled settlement, line by line, with its total in 大写
    INSTALMENTS = "instalments"  # the instalment plan


@dataclass(frozen=True)
class Clause:
    """One numbered term of the agreement, worded by the core so that every document quoting it
    (the application for judicial confirmation) quotes the same words under the same number."""

    text: str
    table: ClauseTable = ClauseTable.NONE
    notes: tuple[str, ...] = ()  # small print under the table: why each figure is what it is


@dataclass(frozen=True)
class Instalment:
    number: int
    due: dt.date
    amount: Decimal


@dataclass(frozen=True)
class PaymentTerms:
    """How, where and by when the owner pays: one lump sum by ``deadline``, or instalments."""

    method: str  # e.g. "银行转账", "微信或支付宝扫码", "现金"
    place: str  # where: e.g. "乙方设在荔景花园的物业服务中心", or the payee for a transfer
    account: str = ""  # the receiving account, when paying by transfer
    deadline: dt.date | None = None  # lump sum: pay in full by this day
    instalments: tuple[Instalment, ...] = ()


@dataclass(frozen=True)
class SettlementAgreement:
    number: str  # 协议书编号
    case_number: str
    organisation: Organisation
    owners: tuple[Owner, ...]
    company: Company
    unit: Unit
    facts: tuple[str, ...]  # the dispute's main facts, one paragraph each
    claim: str  # what the company claimed, line by line with its periods and total, in words
    matters_in_dispute: tuple[str, ...]
    responsibility: str  # each party's responsibility, as the mediator worded it (人民调解法 29)
    settlement: Settlement  # claim → recomputation → concession → payable, line by line
    clauses: tuple[Clause, ...]  # the numbered terms, in order
    payment: PaymentTerms
    copies: int  # one per party plus one for the organisation
    mediators: tuple[str, ...]
    recorder: str
    place: str  # where the agreement was made
    date: dt.date

    @property
    def total(self) -> Decimal:
        """What the owner pays in all: the settlement's payable."""
        return self.settlement.total.payable

    @property
    def settled_through(self) -> dt.date:
        """Fees up to this day are settled by the agreement (the settlement date)."""
        return self.settlement.as_of

    def __post_init__(self) -> None:
        if not self.owners:
            raise ValidationError("owners", _("an agreement needs at least one owner"), _("Owner"))
        try:
            self.settlement.check()
        except AssertionError as broken:
            raise ValidationError("settlement", str(broken), _("Agreed total")) from None
        payment = self.payment
        if payment.instalments:
            if sum((i.amount for i in payment.instalments), Decimal(0)) != self.total:
                raise ValidationError(
                    "payment.instalments",
                    _("the instalments do not add up to the agreed total"),
                    _("Instalments"),
                )
            dues = [i.due for i in payment.instalments]
            if dues != sorted(dues):
                raise ValidationError(
                    "payment.instalments", _("the instalments are not in date order"), _("Instalments")
                )
        elif payment.deadline is None:
            raise ValidationError(
                "payment.deadline", _("a lump sum needs a payment deadline"), _("Payment deadline")
            )
        if self.copies < len(self.owners) + 2:
            raise ValidationError(
                "copies",
                _("there must be a copy for each party and one for the organisation"),
                _("Copies"),
            )
        if not self.mediators:
            raise ValidationError("mediators", _("an agreement needs its mediator"), _("Mediator"))

    @property
    def parties(self) -> int:
        return len(self.owners) + 1
