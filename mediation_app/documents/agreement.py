"""调解协议书: the settlement agreement, as the parties sign it.

What it must carry follows 人民调解法 art. 29 and the centre's practice: the number; each party
(an owner with sex, birth date, ID number, address and phone; a company with domicile, credit
code, legal representative and agent); the facts and the matters in dispute; the agreed terms —
amounts in figures and in financial uppercase, the instalment plan, how, where and by when to
pay; that the dispute is settled in full; how many copies; signature lines; the mediator(s), the
recorder, the organisation and its seal; the date. The renderer words the terms from these
values (the PDF ring's agreement renderer); ``other_terms`` carries anything else the parties agreed, word
for word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mediation_app.documents.parties import Company, Organisation, Owner, Unit
from mediation_app.errors import ValidationError
from mediation_app.i18n import _


@dataclass(frozen=True)
class AmountItem:
    """One heading of money: what it is for (with its period) and how much."""

    label: str  # e.g. "2017年8月1日至2021年3月9日的物业服务费"
    amount: Decimal


@dataclass(frozen=True)
class Concession:
    """Something the company gives up, in the words of the agreement, and what it is worth."""

    text: str  # e.g. "乙方同意将甲方物业服务费收费标准由每平方米每月2.80元调整为2.40元"
    amount: Decimal | None = None


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
    matters_in_dispute: tuple[str, ...]
    claimed: tuple[AmountItem, ...]  # what the company claimed, item by item
    agreed_items: tuple[AmountItem, ...]  # what the owner pays, item by item
    total: Decimal  # the sum of agreed_items
    concessions: tuple[Concession, ...]
    payment: PaymentTerms
    settled_through: dt.date  # fees up to this day are settled by the agreement
    acceleration: bool  # a missed instalment makes the whole balance due at once
    other_terms: tuple[str, ...]
    copies: int  # one per party plus one for the organisation
    mediators: tuple[str, ...]
    recorder: str
    place: str  # where the agreement was made
    date: dt.date

    def __post_init__(self) -> None:
        if not self.owners:
            raise ValidationError("owners", _("an agreement needs at least one owner"), _("Owner"))
        if sum((item.amount for item in self.agreed_items), Decimal(0)) != self.total:
            raise ValidationError("total", _("does not equal the sum of the agreed items"), _("Agreed total"))
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
