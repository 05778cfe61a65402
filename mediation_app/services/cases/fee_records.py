"""Completing the fee record after intake: payments the owner made before mediation and the shared
utilities bills (公摊水电费), entered one by one or pasted from a spreadsheet, and voided when
entered in error.

Both belong to the case's unit (the calculator reads them through
:mod:`mediation_app.services.settlement.fee_input`). Every change is one transaction, checked
against the case's version, audited before → after and shown in the case's path; it marks the
case's stored statement and open proposals out of date
(:func:`~mediation_app.services.settlement.staleness.mark_figures_stale`). A void never deletes:
the row stays, marked 作废 with who, when and why, and the calculator leaves it out.

What is refused, naming the field: a payment dated before the unit's handover or after today, an
amount that is zero, negative or beyond the plausible bounds (:mod:`mediation_app.domain.bounds`),
a bill whose period overlaps a bill already on file (or another pasted row). A pasted block is
saved whole or not at all: each bad row is named by its line number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm.attributes import flag_modified

from mediation_app import formatting
from mediation_app.adapters import attachment_store
from mediation_app.domain import bounds
from mediation_app.domain import validators as v
from mediation_app.errors import FormErrors, NotFoundError, ValidationError
from mediation_app.fees.months import Month
from mediation_app.fees.periods import BillPeriod
from mediation_app.i18n import _
from mediation_app.money import to_money
from mediation_app.security.permissions import Permission, authorize
from mediation_app.services.cases.step import add_event, load_case
from mediation_app.services.settlement.fee_input import live_bills
from mediation_app.services.settlement.staleness import mark_figures_stale
from mediation_app.storage.models import Case, FeePayment, UtilityBill
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.reasons import require_reason
from mediation_app.workflow.timeline import EventKind

MAX_METHOD = 60
MAX_NOTE = 200
MAX_PASTED_ROWS = 500
RECEIPT = "receipt"

PAYMENT_METHODS = ("现金", "微信转账", "支付宝", "银行转账", "POS刷卡")
"""Suggestions for the method field (any text up to 60 characters is accepted)."""


@dataclass(frozen=True)
class Receipt:
    """A scanned receipt handed in with a payment."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class PaymentForm:
    """A payment made before mediation, as typed."""

    paid_on: str | dt.date
    amount: str | Decimal
    method: str = ""
    note: str = ""
    receipt: Receipt | None = None


@dataclass(frozen=True)
class BillForm:
    """A utilities bill as typed or pasted: its period (a month ``2023-03``, a quarter ``2023-Q1``
    or a range ``2023-01-01..2023-03-31``), its amount, and when it fell due (blank: the last day
    of the period)."""

    period: str
    amount: str | Decimal
    due: str | dt.date = ""


@dataclass(frozen=True)
class Saved:
    """What a save changed: the rows, and the case's new version (for the screen's next save)."""

    ids: tuple[int, ...]
    version: int


# --- payments ----------------------------------------------------------------------------------


def record_prior_payment(
    uow: UnitOfWork, case_id: int, form: PaymentForm, *, expected_version: int | None = None
) -> Saved:
    """Record a payment the owner made towards the unit's fees before mediation; commit."""
    authorize(uow.actor, Permission.EDIT_CASE)
    case = load_case(uow, case_id, expected_version)
    paid_on, amount, method, note = _check_payment(uow, case, form)
    receipt_id: int | None = None
    if form.receipt is not None:
        attachment = attachment_store.store(
            uow,
            case.id,
            kind=RECEIPT,
            title=_("Receipt of the payment of {amount} on {date}").format(
                amount=formatting.yuan(amount), date=formatting.date(paid_on)
            ),
            filename=form.receipt.filename,
            content=form.receipt.content,
        )
        receipt_id = attachment.id
    record = FeePayment(
        unit_id=case.unit_id,
        paid_on=paid_on,
        amount=to_money(amount),
        method=method,
        note=note,
        receipt_id=receipt_id,
    )
    uow.session.add(record)
    uow.flush()
    shown = f"{formatting.yuan(amount)} · {formatting.date(paid_on)}"
    add_event(uow, case, EventKind.PRIOR_PAYMENT.value, "", shown, method)
    mark_figures_stale(uow, case, _("payment of {what} entered").format(what=shown))
    touch(uow, case)
    uow.flush()
    uow.audit(
        "fee_payment.create",
        "fee_payment",
        record.id,
        None,
        _payment_image(record),
        case_id=case.id,
    )
    uow.commit()
    return Saved((record.id,), case.version)


def void_prior_payment(
    uow: UnitOfWork, case_id: int, payment_id: int, reason: str, *, expected_version: int | None = None
) -> Saved:
    """Void a payment entered in error: kept, marked 作废, with the reason; commit."""
    authorize(uow.actor, Permission.EDIT_CASE)
    case = load_case(uow, case_id, expected_version)
    clean = require_reason(reason)
    record = uow.session.get(FeePayment, payment_id)
    if record is None or record.unit_id != case.unit_id:
        raise NotFoundError(_("Payment {id} is not on record for this case.").format(id=payment_id))
    _refuse_voided(record.voided_at, "payment")
    shown = f"{formatting.yuan(record.amount)} · {formatting.date(record.paid_on)}"
    return _void(
        uow,
        case,
        record,
        clean,
        _payment_image,
        "fee_payment",
        _("payment {what}").format(what=shown),
        _("payment of {what} voided").format(what=shown),
    )


def _void(
    uow: UnitOfWork,
    case: Case,
    record: FeePayment | UtilityBill,
    reason: str,
    image: Callable[[Any], dict[str, object]],
    entity: str,
    event_text: str,
    stale_text: str,
) -> Saved:
    """Mark ``record`` 作废 with the reason, tell the path and the audit trail, mark the figures
    out of date, commit."""
    before = image(record)
    record.voided_at = uow.clock.now()
    record.voided_by = uow.actor.staff_id
    record.void_reason = reason
    add_event(uow, case, EventKind.VOIDED.value, "", event_text, reason)
    mark_figures_stale(uow, case, stale_text)
    touch(uow, case)
    uow.flush()
    uow.audit(f"{entity}.void", entity, record.id, before, image(record), case_id=case.id)
    uow.commit()
    return Saved((record.id,), case.version)


def _check_payment(uow: UnitOfWork, case: Case, form: PaymentForm) -> tuple[dt.date, Decimal, str, str]:
    errors: list[ValidationError] = []
    today = uow.clock.today()
    paid_on: dt.date | None = None
    label = _("Date of payment")
    try:
        paid_on = bounds.check_date(
            v.date(form.paid_on, "payment.paid_on", label), "payment.paid_on", label, today
        )
        if paid_on > today:
            raise ValidationError("payment.paid_on", _("cannot be in the future"), label)
        handover = case.unit.handover_date
        if handover is not None and paid_on < handover:
            raise ValidationError(
                "payment.paid_on",
                _("is before the unit's handover ({date})").format(date=formatting.date(handover)),
                label,
            )
    except ValidationError as error:
        errors.append(error)
    amount = _amount(form.amount, "payment.amount", _("Amount"), errors)
    method, note = form.method.strip(), form.note.strip()
    if len(method) > MAX_METHOD:
        errors.append(
            ValidationError(
                "payment.method", _("at most {limit} characters").format(limit=MAX_METHOD), _("Method")
            )
        )
    if len(note) > MAX_NOTE:
        errors.append(
            ValidationError("payment.note", _("at most {limit} characters").format(limit=MAX_NOTE), _("Note"))
        )
    if errors:
        raise FormErrors(errors)
    assert paid_on is not None and amount is not None
    return paid_on, amount, method, note


def touch(uow: UnitOfWork, case: Case) -> None:
    """The case changed (its fee data): bump its version even when the clock has not moved, so a
    screen that read it before is refused on its next save."""
    case.updated_at = uow.clock.now()
    flag_modified(case, "updated_at")


def _payment_image(record: FeePayment) -> dict[str, object]:
    return {
        "paid_on": record.paid_on,
        "amount": record.amount,
        "method": record.method,
        "note": record.note,
        "receipt_id": record.receipt_id,
        "voided": record.voided_at is not None,
        "void_reason": record.void_reason,
    }


# --- utility bills -----------------------------------------------------------------------------


def record_utility_bill(
    uow: UnitOfWork, case_id: int, form: BillForm, *, expected_version: int | None = None
) -> Saved:
    """Record one utilities bill of the unit; commit."""
    authorize(uow.actor, Permission.EDIT_CASE)
    return _record_bills(uow, case_id, [form], expected_version, single=True)


def record_utility_bills(
    uow: UnitOfWork, case_id: int, forms: Sequence[BillForm], *, expected_version: int | None = None
) -> Saved:
    """Record several bills (rows pasted from a spreadsheet) in one transaction: all or none."""
    authorize(uow.actor, Permission.EDIT_CASE)
    if not forms:
        raise ValidationError("bills", _("no rows to save"), _("Utility bills"))
    if len(forms) > MAX_PASTED_ROWS:
        raise ValidationError(
            "bills", _("at most {limit} rows at a time").format(limit=MAX_PASTED_ROWS), _("Utility bills")
        )
    return _record_bills(uow, case_id, forms, expected_version, single=False)


def void_utility_bill(
    uow: UnitOfWork, case_id: int, bill_id: int, reason: str, *, expected_version: int | None = None
) -> Saved:
    """Void a bill entered in error: kept, marked 作废, with the reason; commit."""
    authorize(uow.actor, Permission.EDIT_CASE)
    case = load_case(uow, case_id, expected_version)
    clean = require_reason(reason)
    record = uow.session.get(UtilityBill, bill_id)
    if record is None or record.unit_id != case.unit_id:
        raise NotFoundError(_("Utility bill {id} is not on record for this case.").format(id=bill_id))
    _refuse_voided(record.voided_at, "bill")
    shown = f"{record.period} · {formatting.yuan(record.amount)}"
    return _void(
        uow,
        case,
        record,
        clean,
        _bill_image,
        "utility_bill",
        _("utility bill {what}").format(what=shown),
        _("utility bill {what} voided").format(what=shown),
    )


def parse_bill_rows(text: str) -> tuple[list[BillForm], list[ValidationError]]:
    """Rows pasted from a spreadsheet: ``period<TAB>amount`` (a third column, the due date, is
    optional); blank lines are skipped, a header row (no digit in its amount) too. Each row that
    has the wrong shape is an error naming its line; the others come back as forms, unchecked."""
    forms: list[BillForm] = []
    errors: list[ValidationError] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\r\n")
        if not line.strip():
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) == 2 or len(cells) == 3:
            if not forms and not errors and not any(ch.isdigit() for ch in cells[1]):
                continue  # a header row: 期间 金额
            forms.append(BillForm(cells[0], cells[1], cells[2] if len(cells) == 3 else ""))
            continue
        errors.append(
            ValidationError(
                f"bills[{number}]",
                _("needs two columns separated by a tab: the period and the amount (found {count})").format(
                    count=len(cells)
                ),
                _("Row {n}").format(n=number),
            )
        )
    if not forms and not errors:
        errors.append(ValidationError("bills", _("no rows to save"), _("Utility bills")))
    return forms, errors


def _record_bills(
    uow: UnitOfWork, case_id: int, forms: Sequence[BillForm], expected_version: int | None, *, single: bool
) -> Saved:
    case = load_case(uow, case_id, expected_version)
    today = uow.clock.today()
    errors: list[ValidationError] = []
    checked: list[tuple[BillPeriod, Decimal, dt.date]] = []
    taken = [(_period_of(bill), bill.period) for bill in live_bills(case.unit)]
    for index, form in enumerate(forms):
        field = "bill" if single else f"bills[{index + 1}]"
        prefix = "" if single else _("Row {n}").format(n=index + 1) + " · "
        row_errors: list[ValidationError] = []
        period = _period(form.period, f"{field}.period", prefix + _("Period"), today, row_errors)
        amount = _amount(form.amount, f"{field}.amount", prefix + _("Amount"), row_errors)
        due: dt.date | None = None
        if period is not None:
            due = period.end
            if str(form.due).strip():
                try:
                    due = bounds.check_date(
                        v.date(form.due, f"{field}.due", prefix + _("Due")),
                        f"{field}.due",
                        prefix + _("Due"),
                        today,
                    )
                except ValidationError as error:
                    row_errors.append(error)
            for other, shown in taken:
                if other is not None and other.start <= period.end and period.start <= other.end:
                    row_errors.append(
                        ValidationError(
                            f"{field}.period",
                            _("overlaps the bill for {other} already on file").format(other=shown),
                            prefix + _("Period"),
                        )
                    )
                    break
        errors += row_errors
        if not row_errors and period is not None and amount is not None and due is not None:
            checked.append((period, amount, due))
            taken.append((period, _("row {n}").format(n=index + 1) if not single else period.text))
    if errors:
        raise FormErrors(errors)
    records = [
        UtilityBill(unit_id=case.unit_id, period=period.text, amount=to_money(amount), due=due)
        for period, amount, due in checked
    ]
    uow.session.add_all(records)
    uow.flush()
    total = sum((r.amount for r in records), Decimal("0.00"))
    shown = (
        f"{records[0].period} · {formatting.yuan(records[0].amount)}"
        if len(records) == 1
        else _("{count} bills, {total} in all").format(count=len(records), total=formatting.yuan(total))
    )
    add_event(uow, case, EventKind.UTILITY_BILL.value, "", shown)
    mark_figures_stale(uow, case, _("utility bill {what} entered").format(what=shown))
    touch(uow, case)
    uow.flush()
    for record in records:
        uow.audit(
            "utility_bill.create", "utility_bill", record.id, None, _bill_image(record), case_id=case.id
        )
    uow.commit()
    return Saved(tuple(r.id for r in records), case.version)


def _period(
    text: str, field: str, label: str, today: dt.date, errors: list[ValidationError]
) -> BillPeriod | None:
    try:
        if not text.strip():
            raise ValidationError(field, _("is required"), label)
        period = BillPeriod.parse(_month_words(text.strip()), field, label)
        bounds.check_date(period.start, field, label, today)
        if period.end > Month.containing(today).last_day():
            raise ValidationError(
                field, _("ends after this month: a bill is for a period already passed"), label
            )
        return period
    except ValidationError as error:
        errors.append(error)
        return None


def _month_words(text: str) -> str:
    """``2023年3月`` or ``2023/3`` as ``2023-03`` (spreadsheets write months either way)."""
    try:
        return v.month(text, "period", "")
    except ValidationError:
        return text


def _amount(value: str | Decimal, field: str, label: str, errors: list[ValidationError]) -> Decimal | None:
    try:
        if isinstance(value, str):
            bounds.check_number_text(value.strip().replace(",", "").replace("，", ""), field, label)
        number = v.decimal_value(value, field, label, places=2)
        return bounds.check_amount(number, field, label, positive=True)
    except ValidationError as error:
        errors.append(error)
        return None


def _period_of(bill: UtilityBill) -> BillPeriod | None:
    try:
        return BillPeriod.parse(bill.period)
    except ValidationError:
        return None


def _bill_image(record: UtilityBill) -> dict[str, object]:
    return {
        "period": record.period,
        "amount": record.amount,
        "due": record.due,
        "voided": record.voided_at is not None,
        "void_reason": record.void_reason,
    }


def _refuse_voided(voided_at: dt.datetime | None, what: str) -> None:
    if voided_at is not None:
        raise ValidationError(
            what,
            _("was voided on {date}; a voided entry stays as it is").format(
                date=formatting.date(voided_at.date())
            ),
            _("Payment") if what == "payment" else _("Utility bill"),
        )


__all__ = [
    "PAYMENT_METHODS",
    "BillForm",
    "PaymentForm",
    "Receipt",
    "Saved",
    "parse_bill_rows",
    "record_prior_payment",
    "record_utility_bill",
    "record_utility_bills",
    "void_prior_payment",
    "void_utility_bill",
]
