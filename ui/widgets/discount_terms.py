"""What a mediator types as terms, read as the calculator's discounts: the fee standard lowered
per m² (from a month, to a month), a share of the late fee waived (in per cent), a fixed
reduction. The same fields, laid out and read the same way, on the settlement page and the batch
page, so the same typing makes the same terms on both."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from mediation_app.errors import ValidationError
from mediation_app.fees import Discount, FixedDiscount, LateFeeWaiver, Month, RateReduction
from mediation_app.i18n import _
from ui.case_view.inputs import read_decimal


class DiscountTermFields:
    """The five fields of the terms with their labels, on the first three rows of ``grid``.

    ``prefix`` starts each field's object name (``discountPerM2``, ``batchWaiver`` …);
    ``waiver_placeholder`` is the per cent the page suggests for the waiver (``e.g. 100``).
    """

    def __init__(self, parent: QWidget, grid: QGridLayout, prefix: str, waiver_placeholder: str) -> None:
        self.per_m2 = self._field(parent, f"{prefix}PerM2", _("e.g. 0.40"))
        self.from_month = self._field(parent, f"{prefix}FromMonth", _("from month, e.g. 2017-08"))
        self.to_month = self._field(parent, f"{prefix}ToMonth", _("to month (optional)"))
        self.waiver = self._field(parent, f"{prefix}Waiver", waiver_placeholder)
        self.fixed = QLineEdit(parent)
        self.fixed.setObjectName(f"{prefix}Fixed")
        grid.addWidget(QLabel(_("Fee standard lowered by (yuan per m² per month)"), parent), 0, 0)
        grid.addWidget(self.per_m2, 0, 1)
        grid.addWidget(self.from_month, 0, 2)
        grid.addWidget(self.to_month, 0, 3)
        grid.addWidget(QLabel(_("Late fee waived (%)"), parent), 1, 0)
        grid.addWidget(self.waiver, 1, 1)
        grid.addWidget(QLabel(_("Fixed reduction (yuan)"), parent), 2, 0)
        grid.addWidget(self.fixed, 2, 1)

    @staticmethod
    def _field(parent: QWidget, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit(parent)
        field.setObjectName(name)
        field.setPlaceholderText(placeholder)
        # A placeholder is the field's label here: wide enough to be read whole in any language.
        field.setToolTip(placeholder)
        field.setMinimumWidth(field.fontMetrics().horizontalAdvance(placeholder) + 20)
        return field

    def fields(self) -> tuple[QLineEdit, ...]:
        return (self.per_m2, self.from_month, self.to_month, self.waiver, self.fixed)

    def discounts(self) -> list[Discount]:
        """The discounts typed (raises ValidationError naming the field that cannot be read)."""
        found: list[Discount] = []
        lowered = read_decimal(self.per_m2.text(), "per_m2", _("Fee standard lowered by"), required=False)
        if lowered is not None:
            found.append(RateReduction(lowered, _month(self.from_month), _month(self.to_month)))
        waived = read_decimal(self.waiver.text(), "waiver", _("Late fee waived"), required=False)
        if waived is not None:
            found.append(LateFeeWaiver(waived.scaleb(-2)))
        reduction = read_decimal(self.fixed.text(), "fixed", _("Fixed reduction"), required=False)
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
