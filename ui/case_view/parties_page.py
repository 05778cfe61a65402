"""The parties and the unit: owner, company, the flat, how the case came in.

Identity numbers and phones are masked for roles that may not see them; "Show" reveals one value
(the viewing is audited). Whether each party agreed to notices by SMS can be changed here (it is
asked at intake). A mistyped name, phone, address or area is corrected here (更正): the button's
menu lists the owner's, the company's and the unit's fields, greyed with the reason where the
role may not correct one (a clerk corrects contact details, a mediator the rest) or the signed
agreement states it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import label
from mediation_app.domain.party import Party
from mediation_app.i18n import _
from mediation_app.queries.parties import CaseParties
from mediation_app.security.permissions import Permission
from ui.case_view.actions import ActionRunner, permission_availability
from ui.case_view.context import CaseContext
from ui.case_view.correction_dialog import Correctable, CorrectionMenu
from ui.case_view.feedback import attempt
from ui.case_view.step_button import set_availability


def _value_label(parent: QWidget) -> QLabel:
    text = QLabel(parent)
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return text


class PartiesPage(QWidget):
    def __init__(self, ctx: CaseContext, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parties")
        self.ctx = ctx
        self.runner = runner
        self.data: CaseParties | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        grid = QGridLayout(body)
        self.fields: dict[str, QLabel] = {}

        owner = QGroupBox(_("Owner"), body)
        owner_form = QFormLayout(owner)
        for key, text in (
            ("owner.name", _("Name")),
            ("owner.sex", _("Sex")),
            ("owner.birth_date", _("Date of birth")),
        ):
            owner_form.addRow(text, self._field(key, owner))
        owner_form.addRow(_("ID number"), self._revealable("owner.id_number", "id_number", owner))
        owner_form.addRow(_("Phone"), self._revealable("owner.phone", "phone", owner))
        owner_form.addRow(_("Address"), self._field("owner.address", owner))
        owner_form.addRow(_("Co-owners"), self._field("owner.co_owners", owner))
        self.owner_notice = QCheckBox(_("Agrees to notices by SMS"), owner)
        self.owner_notice.setObjectName("ownerNotice")
        self.owner_notice.clicked.connect(lambda checked: self._set_notice(Party.OWNER, checked))
        owner_form.addRow("", self.owner_notice)
        grid.addWidget(owner, 0, 0)

        company = QGroupBox(_("Property company"), body)
        company_form = QFormLayout(company)
        for key, text in (
            ("company.name", _("Company name")),
            ("company.credit_code", _("Unified social credit code")),
            ("company.domicile", _("Domicile")),
            ("company.legal_rep", _("Legal representative")),
            ("company.agent", _("Agent")),
            ("company.phone", _("Phone")),
        ):
            company_form.addRow(text, self._field(key, company))
        self.company_notice = QCheckBox(_("Agrees to notices by SMS"), company)
        self.company_notice.setObjectName("companyNotice")
        self.company_notice.clicked.connect(lambda checked: self._set_notice(Party.COMPANY, checked))
        company_form.addRow("", self.company_notice)
        grid.addWidget(company, 0, 1)

        unit = QGroupBox(_("Unit"), body)
        unit_form = QFormLayout(unit)
        for key, text in (
            ("unit.place", _("Community, building and room")),
            ("unit.area", _("Building area")),
            ("unit.handover_date", _("Handover date")),
        ):
            unit_form.addRow(text, self._field(key, unit))
        grid.addWidget(unit, 1, 0)

        case = QGroupBox(_("The case"), body)
        case_form = QFormLayout(case)
        for key, text in (
            ("case.source", _("Source")),
            ("case.intake_date", _("Intake date")),
            ("case.assigning_court", _("Assigning court")),
            ("case.claimed_total", _("Claimed in total")),
            ("case.summary", _("Dispute summary")),
        ):
            case_form.addRow(text, self._field(key, case))
        grid.addWidget(case, 1, 1)
        corrections = QHBoxLayout()
        self.correct_button = CorrectionMenu(ctx, self.correctable, body, text=_("Correct a record…"))
        self.correct_button.setObjectName("correctParties")
        corrections.addWidget(self.correct_button)
        corrections.addStretch(1)
        grid.addLayout(corrections, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)

    def _field(self, key: str, parent: QWidget) -> QLabel:
        text = _value_label(parent)
        text.setObjectName(key)
        self.fields[key] = text
        return text

    def _revealable(self, key: str, which: Literal["id_number", "phone"], parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._field(key, holder), 1)
        button = QPushButton(_("Show"), holder)
        button.setObjectName(f"reveal_{which}")
        button.clicked.connect(lambda _checked=False: self.reveal(which))
        row.addWidget(button)
        setattr(self, f"reveal_{which}", button)
        return holder

    def load(self) -> None:
        data = self.ctx.case.parties.parties()
        self.data = data
        detail = self.ctx.detail
        o, c, u = data.owner, data.company, data.unit
        values = {
            "owner.name": o.name,
            "owner.sex": label(o.sex) if o.sex else "",
            "owner.birth_date": formatting.date(o.birth_date),
            "owner.id_number": o.id_number,
            "owner.phone": o.phone,
            "owner.address": o.address,
            "owner.co_owners": "、".join(data.co_owners) or _("None"),
            "company.name": c.name,
            "company.credit_code": c.credit_code,
            "company.domicile": c.domicile,
            "company.legal_rep": c.legal_rep,
            "company.agent": " ".join(v for v in (c.agent_name, c.agent_phone) if v),
            "company.phone": c.phone,
            "unit.place": f"{u.community} {u.building} {u.room}",
            "unit.area": formatting.area(u.area),
            "unit.handover_date": formatting.date(u.handover_date),
            "case.source": label(data.source),
            "case.intake_date": formatting.date(data.intake_date),
            "case.assigning_court": data.assigning_court or _("None"),
            "case.claimed_total": formatting.money(detail.claimed_total) if detail else "",
            "case.summary": data.claim_summary,
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.owner_notice.setChecked(o.electronic_notice)
        self.company_notice.setChecked(c.electronic_notice)
        consent = permission_availability(self.ctx.actor, Permission.RECORD_CONSENT)
        for box in (self.owner_notice, self.company_notice):
            box.setEnabled(consent.enabled)
            box.setToolTip(consent.why)
        self.correct_button.refresh()
        reveal = permission_availability(self.ctx.actor, Permission.REVEAL_IDENTITY)
        for which, value in (("id_number", o.id_number), ("phone", o.phone)):
            button: QPushButton = getattr(self, f"reveal_{which}")
            button.setVisible(data.masked and bool(value))
            set_availability(button, reveal)

    def correctable(self) -> list[Correctable]:
        """What this page corrects: the owner, the company and the unit, as shown now."""
        data = self.data
        if data is None:
            return []
        fix = self.ctx.case.corrections
        o, c, u = data.owner, data.company, data.unit
        private = data.masked  # a masked value is not offered for editing: it is typed afresh

        def owner(field: str) -> Callable[[str, str], object]:
            return lambda value, reason: fix.owner(field, value, reason)

        def company(field: str) -> Callable[[str, str], object]:
            return lambda value, reason: fix.company(field, value, reason)

        def unit(field: str) -> Callable[[str, str], object]:
            return lambda value, reason: fix.unit(field, value, reason)

        return [
            Correctable("owner.name", o.name, owner("name")),
            Correctable("owner.id_number", o.id_number, owner("id_number"), prefill=not private),
            Correctable("owner.phone", o.phone, owner("phone"), prefill=not private),
            Correctable("owner.address", o.address, owner("address")),
            Correctable("company.name", c.name, company("name")),
            Correctable("company.credit_code", c.credit_code, company("credit_code")),
            Correctable("company.legal_rep", c.legal_rep, company("legal_rep")),
            Correctable("company.agent_name", c.agent_name, company("agent_name")),
            Correctable("company.agent_phone", c.agent_phone, company("agent_phone"), prefill=not private),
            Correctable("company.phone", c.phone, company("phone")),
            Correctable("company.domicile", c.domicile, company("domicile")),
            Correctable("unit.building", u.building, unit("building")),
            Correctable("unit.room", u.room, unit("room")),
            Correctable("unit.area", f"{u.area:.2f}", unit("area")),
            Correctable(
                "unit.handover_date",
                u.handover_date.isoformat() if u.handover_date else "",
                unit("handover_date"),
            ),
        ]

    def reveal(self, which: Literal["id_number", "phone"]) -> None:
        if self.data is None:
            return
        owner_id, parties = self.data.owner.id, self.ctx.case.parties
        value = attempt(self.ctx, self, lambda: parties.reveal(owner_id, which), announce=False)
        if value is not None:
            self.fields[f"owner.{which}"].setText(value)
            getattr(self, f"reveal_{which}").setVisible(False)

    def _set_notice(self, party: Party, accepted: bool) -> None:
        parties = self.ctx.case.parties
        if attempt(self.ctx, self, lambda: parties.set_electronic_notice(party, accepted)) is None:
            self.load()  # refused: show what is on record again
