"""One spreadsheet row as an intake form, checked by the intake dialog's own validators.

The row's texts fill an :class:`~mediation_app.services.cases.intake.IntakeForm` the way a clerk would
fill the dialog, and :func:`mediation_app.services.cases.intake.validate` checks it, so an import
accepts exactly what the dialog accepts. Each validation error names a form field; this module
maps it back to the cell that held the value.

How a row fills the claim: each non-zero amount (物业服务费, 公摊水电费, 违约金) is one claimed
item. Its period starts the month after 物业费缴至 (else on the handover date) and ends on 欠费截至;
either end may be unknown. The fee standard applies from the handover month (else from the month
after the paid-up month), which is what the calculator needs to rebuild the service fee.

Nothing is guessed silently: a 物业费缴至 that cannot be read as a month ("2017-13", "七月") is an
error on its cell, not a claim that quietly starts at the handover instead; every figure and date
is held to the bounds the intake validators apply (:mod:`mediation_app.domain.bounds`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from mediation_app.batch_import.columns import CHARGE_COLUMNS
from mediation_app.domain import validators as v
from mediation_app.domain.enums import CaseSource, Track
from mediation_app.errors import ValidationError
from mediation_app.i18n import _
from mediation_app.services.cases.intake import (
    ClaimLine,
    CompanyForm,
    IntakeForm,
    OwnerForm,
    UnitForm,
    validate,
)

NOTE_MAX = 500
# Validation needs a community id to be set; the real one is resolved against the database.
PLACEHOLDER_COMMUNITY = -1
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

_FIELD_COLUMNS = {
    "owner.name": "owner",
    "owner.id_number": "id_number",
    "owner.phone": "phone",
    "owner.address": "address",
    "unit.community": "community",
    "unit.building": "building",
    "unit.room": "room",
    "unit.area": "area",
    "unit.handover_date": "handover_date",
    "unit.rate": "rate",
    "late_fee_daily_rate": "late_fee_daily_rate",
    "summary": "note",
}


@dataclass(frozen=True)
class RowCheck:
    form: IntakeForm
    errors: tuple[tuple[str | None, str], ...]  # (column key or None for the row, problem)


def _is_zero(text: str) -> bool:
    try:
        return Decimal(text.replace(",", "")) == 0
    except InvalidOperation:
        return False


def _month_after(month: str) -> str:
    match = _MONTH.match(month)
    if not match:
        return ""
    year, number = int(match.group(1)), int(match.group(2))
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}-01"


def _clean_month(text: str) -> str:
    """The paid-up month as YYYY-MM, or "" when unreadable (:func:`check_row` reports that)."""
    try:
        return v.month(text, "paid_up_to", "")
    except ValidationError:
        return ""


def _clean_date(text: str) -> str:
    try:
        return v.date(text, "handover_date", "").isoformat()
    except ValidationError:
        return ""


def build_form(
    values: Mapping[str, str], *, company_id: int, organization_id: int | None, track: Track
) -> tuple[IntakeForm, list[str | None], str | None]:
    """The form for a row, the column of each claim line, and the column ``rate_from`` came from."""
    paid_up_to = _clean_month(values.get("paid_up_to", ""))
    handover = _clean_date(values.get("handover_date", ""))
    period_from = _month_after(paid_up_to) if paid_up_to else handover
    rate_from, rate_from_column = "", None
    if values.get("rate"):
        if handover:
            rate_from, rate_from_column = handover[:7], "handover_date"
        elif paid_up_to:
            rate_from, rate_from_column = _month_after(paid_up_to)[:7], "paid_up_to"
    claims: list[ClaimLine] = []
    claim_columns: list[str | None] = []
    for column in CHARGE_COLUMNS:
        amount = values.get(column.key, "")
        if not amount or _is_zero(amount):
            continue
        assert column.charge is not None
        claims.append(ClaimLine(column.charge, column.zh, period_from, values.get("arrears_to", ""), amount))
        claim_columns.append(column.key)
    form = IntakeForm(
        owner=OwnerForm(
            name=values.get("owner", ""),
            id_number=values.get("id_number", ""),
            phone=values.get("phone", ""),
            address=values.get("address", ""),
        ),
        company=CompanyForm(existing_id=company_id),
        unit=UnitForm(
            community_id=PLACEHOLDER_COMMUNITY,
            building=values.get("building", ""),
            room=values.get("room", ""),
            area=values.get("area", ""),
            handover_date=values.get("handover_date", ""),
            rate=values.get("rate", ""),
            rate_from=rate_from,
        ),
        claims=claims,
        organization_id=organization_id,
        source=CaseSource.COMPANY_BATCH,
        track=track,
        late_fee_daily_rate=values.get("late_fee_daily_rate", ""),
        summary=values.get("note", ""),
    )
    return form, claim_columns, rate_from_column


def check_row(
    values: Mapping[str, str],
    *,
    company_id: int,
    organization_id: int | None,
    track: Track,
    today: dt.date,
) -> RowCheck:
    """The row's form and every problem the intake validators find in it, located by column."""
    form, claim_columns, rate_from_column = build_form(
        values, company_id=company_id, organization_id=organization_id, track=track
    )
    paid_or_handover = "paid_up_to" if values.get("paid_up_to") else "handover_date"
    errors: list[tuple[str | None, str]] = []
    if values.get("paid_up_to"):
        try:
            v.month(values["paid_up_to"], "paid_up_to", "", today=today)
        except ValidationError as unreadable:
            errors.append(("paid_up_to", unreadable.problem))
    for error in validate(form, today):
        column = _column_of(error.field, claim_columns, rate_from_column, paid_or_handover)
        if error.field == "claims":
            names = "、".join(column.zh for column in CHARGE_COLUMNS)
            errors.append((None, _("no amount claimed: fill in at least one of {names}").format(names=names)))
        elif error.field == "unit.rate_from" and rate_from_column is None:
            if values.get("handover_date"):
                errors.append(("handover_date", error.problem))  # the handover date is unreadable
            else:
                errors.append(
                    ("rate", _("needs the handover date or the paid-up month, to know when it applies from"))
                )
        elif error.field == "organization":
            errors.append(
                (None, _("no handling organisation: its community has none; choose one for the import"))
            )
        else:
            errors.append((column, error.problem))
    try:
        v.text_field(values.get("note", ""), "summary", "", max_length=NOTE_MAX)
    except ValidationError as error:
        errors.append(("note", error.problem))
    return RowCheck(form, tuple(errors))


def _column_of(
    field: str, claim_columns: list[str | None], rate_from_column: str | None, period_from_column: str
) -> str | None:
    if field in _FIELD_COLUMNS:
        return _FIELD_COLUMNS[field]
    if field == "unit.rate_from":
        return rate_from_column or "rate"
    match = re.match(r"^claims\[(\d+)\]\.(\w+)$", field)
    if match:
        index, part = int(match.group(1)), match.group(2)
        if part == "amount":
            return claim_columns[index] if index < len(claim_columns) else None
        if part == "period_from":
            return period_from_column
        if part == "period_to":
            return "arrears_to"
        return claim_columns[index] if index < len(claim_columns) else None
    return None
