"""What a mediator types as terms, read as the calculator's discounts: the fee standard lowered
per m² (from a month, to a month), a share of the late fee waived (in per cent), a fixed
reduction. One reading for the settlement page and the batch page, so the same typing makes the
same terms on both."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from mediation_app.errors import ValidationError
from mediation_app.fees import Discount, FixedDiscount, LateFeeWaiver, Month, RateReduction
from mediation_app.i18n import _
from ui.case_view.inputs import read_decimal


def read_terms(
    per_m2: QLineEdit, from_month: QLineEdit, to_month: QLineEdit, waiver: QLineEdit, fixed: QLineEdit
) -> list[Discount]:
    """The discounts typed (raises ValidationError naming the field that cannot be read)."""
    found: list[Discount] = []
    lowered = read_decimal(per_m2.text(), "per_m2", _("Fee standard lowered by"), required=False)
    if lowered is not None:
        found.append(RateReduction(lowered, _month(from_month), _month(to_month)))
    waived = read_decimal(waiver.text(), "waiver", _("Late fee waived"), required=False)
    if waived is not None:
        found.append(LateFeeWaiver(waived.scaleb(-2)))
    reduction = read_decimal(fixed.text(), "fixed", _("Fixed reduction"), required=False)
    if reduction is not None:
        found.append(FixedDiscount(reduction))
    return found


def _month(field: QLineEdit) -> Month | None:
    text = field.text().strip()
    if not text:
        return None
    try:
        return Month.parse(text)
    except ValueError:
        raise ValidationError(
            "month", _("is not a month like 2017-08: {value}").format(value=text), _("Month")
        ) from None
