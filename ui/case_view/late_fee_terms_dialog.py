"""Entering the contract's late-fee terms (违约金约定) left out at intake: the daily rate, grace
days, the cap, whether utilities bear a late fee, and why they are entered now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from mediation_app.i18n import _
from mediation_app.services.settlement.late_fee_terms import LateFeeTermsForm
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog


class LateFeeTermsDialog(FormDialog[LateFeeTermsForm]):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Late-fee terms"),
            parent,
            intro=_(
                "As the property service contract states them; the late fee is then recomputed from them."
            ),
        )
        self.setObjectName("lateFeeTermsDialog")
        self.daily_rate = QLineEdit()
        self.daily_rate.setPlaceholderText(_("per day, e.g. 0.0005 for 5 per ten thousand"))
        self.add_field("daily_rate", _("Late fee daily rate"), self.daily_rate)
        self.grace_days = QLineEdit("0")
        self.add_field("grace_days", _("Grace days"), self.grace_days)
        self.cap_ratio = QLineEdit()
        self.cap_ratio.setPlaceholderText(_("share of the principal, e.g. 0.3 (optional)"))
        self.add_field("cap_ratio", _("Late fee cap"), self.cap_ratio)
        self.on_utilities = QCheckBox(_("The shared utilities bear a late fee too"))
        self.add_field("on_utilities", "", self.on_utilities)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("e.g. clause 8 of the contract, handed in on 12 March"))
        self.add_field("reason", _("Source or reason"), self.reason)

    def values(self) -> LateFeeTermsForm:
        return LateFeeTermsForm(
            self.daily_rate.text(),
            self.grace_days.text(),
            self.cap_ratio.text(),
            self.on_utilities.isChecked(),
            self.reason.text(),
        )

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[LateFeeTermsForm], Any]
    ) -> LateFeeTermsForm | None:
        return cls(ctx, parent).run(submit)
