"""Recording that a party agreed to pre-litigation mediation: who, how, when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from mediation_app.domain.party import Party
from mediation_app.i18n import _
from mediation_app.workflow.consent import ConsentMethod
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateField, fill_combo


@dataclass(frozen=True)
class ConsentValues:
    party: Party
    method: ConsentMethod
    given_on: dt.date
    note: str = ""


class ConsentDialog(FormDialog[ConsentValues]):
    def __init__(
        self, ctx: CaseContext, parent: QWidget | None = None, *, party: Party | None = None
    ) -> None:
        super().__init__(ctx, _("Record a party's consent"), parent)
        self.setObjectName("consentDialog")
        self.party = QComboBox()
        fill_combo(self.party, Party.choices(), party or self._missing_party())
        self.add_field("consent.party", _("Party"), self.party)
        self.method = QComboBox()
        fill_combo(self.method, ConsentMethod.choices())
        self.add_field("consent.method", _("How consent was given"), self.method)
        self.given_on = DateField(ctx.today())
        self.add_field("consent.given_on", _("Date of consent"), self.given_on)
        self.note = QLineEdit()
        self.add_field("consent.note", _("Note"), self.note)

    def _missing_party(self) -> Party:
        detail = self.ctx.detail
        if detail is not None and detail.consent.owner is not None and detail.consent.company is None:
            return Party.COMPANY
        return Party.OWNER

    def values(self) -> ConsentValues:
        return ConsentValues(
            Party(self.party.currentData()),
            ConsentMethod(self.method.currentData()),
            self.given_on.value(),
            self.note.text(),
        )

    @classmethod
    def ask(
        cls,
        ctx: CaseContext,
        parent: QWidget | None,
        submit: Callable[[ConsentValues], Any],
        *,
        party: Party | None = None,
    ) -> ConsentValues | None:
        return cls(ctx, parent, party=party).run(submit)
