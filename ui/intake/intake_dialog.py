"""Intake (受理登记): register a new case with its parties, unit and claim items.

- Parties: pick an owner or a company already on record (search by name, phone, the last digits
  of an ID number, or a credit code), or type a new one.
- The unit: community, building and room; a unit already on record is recognised and reused.
- The claim items as the company states them, in an editable table.
- Validation runs in the intake service; each message is shown under its field (the field paths
  of :class:`~mediation_app.errors.ValidationError` map to the widgets), cell errors in the table.
- A warning when the same unit and company already have an open case.
- A draft (:mod:`ui.intake.drafts`) is saved shortly after every edit and when the dialog closes,
  so a half-typed intake survives a crash or a closed window; the next "New case" offers it.

The dialog reads and registers through its view model (:class:`~ui.viewmodels.intake.IntakeViewModel`).
Use :meth:`IntakeDialog.ask`, which returns the registered case's reference or None.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mediation_app import formatting
from mediation_app.domain.enums import CaseSource, Track, label
from mediation_app.errors import FormErrors, MediationError, ValidationError
from mediation_app.i18n import N_, _
from mediation_app.queries import lookups
from mediation_app.security.privacy import shown_phone
from mediation_app.services.cases.intake import (
    CaseRef,
    ClaimLine,
    CompanyForm,
    IntakeForm,
    OwnerForm,
    UnitForm,
)
from ui.intake.claims_table import ClaimItemsEditor
from ui.intake.drafts import DraftStore, IntakeDraft, form_is_empty
from ui.intake.party_finder import PartyFinder
from ui.viewmodels.intake import IntakeViewModel
from ui.widgets.field_errors import STYLE, ErrorLabel, FieldErrors, field_row

DRAFT_DELAY_MS = 400  # save shortly after the typing stops, not on every keystroke
UNIT_LOOKUP_DELAY_MS = 250
COLUMN_MIN_WIDTH = 370

# (field path, label, placeholder) of the text fields, section by section
OWNER_FIELDS = (
    ("owner.name", N_("Name"), ""),
    ("owner.id_number", N_("ID number"), N_("18 characters; may be left empty")),
    ("owner.phone", N_("Phone"), N_("e.g. 13859012345")),
    ("owner.address", N_("Address"), ""),
)
COMPANY_FIELDS = (
    ("company.name", N_("Company name"), ""),
    ("company.credit_code", N_("Unified social credit code"), N_("18 characters")),
    ("company.domicile", N_("Domicile"), ""),
    ("company.legal_rep", N_("Legal representative"), ""),
    ("company.agent_name", N_("Agent"), ""),
    ("company.agent_phone", N_("Agent's phone"), ""),
)
UNIT_FIELDS = (
    ("unit.building", N_("Building"), N_("e.g. 3幢")),
    ("unit.room", N_("Room"), N_("e.g. 1502")),
    ("unit.area", N_("Building area (m²)"), N_("e.g. 119.42")),
    ("unit.handover_date", N_("Handover date"), N_("e.g. 2016-05-02")),
    ("unit.rate", N_("Fee standard (yuan/m²/month)"), N_("e.g. 2.80")),
    ("unit.rate_from", N_("Fee standard applies from"), N_("month, e.g. 2016-05")),
)
CASE_FIELDS = (
    ("intake_date", N_("Intake date"), N_("e.g. 2026-03-10")),
    ("assigning_court", N_("Assigning court"), ""),
    ("late_fee_daily_rate", N_("Late fee daily rate"), N_("e.g. 0.0005 (0.05% a day)")),
    # 物业费缴至: the claim (and the calculator) starts the month after it
    (
        "fees_paid_to",
        N_("Service fee paid up to"),
        N_("e.g. 2017-07 (optional)"),
    ),
)
UNIT_FROM_RECORD = ("unit.area", "unit.handover_date", "unit.rate", "unit.rate_from")


class IntakeDialog(QDialog):
    def __init__(
        self,
        model: IntakeViewModel,
        parent: QWidget | None = None,
        *,
        store: DraftStore | None = None,
        draft: IntakeDraft | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intakeDialog")
        self.setWindowTitle(_("New case (intake)"))
        self.setStyleSheet(STYLE)
        self._intake = model
        self._actor = model.actor
        self._store = store or DraftStore()
        self._filling = False
        self._unit_id: int | None = None
        self.ref: CaseRef | None = None
        self.duplicate_number: str | None = None
        self.errors = FieldErrors()
        self.inputs: dict[str, QLineEdit] = {}

        choices = model.choices()
        self._organizations = choices.organizations
        self._companies = {c.id: c for c in choices.companies}
        self._communities = choices.communities

        self.banner = QLabel(self)
        self.banner.setObjectName("intakeDuplicateWarning")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; border: 1px solid #e0c060; padding: 6px;")
        self.banner.setVisible(False)
        self.general_errors = ErrorLabel(self)
        self.general_errors.setObjectName("intakeGeneralErrors")

        body = QWidget(self)
        grid = QGridLayout(body)
        # Parties and the unit side by side on top; the case and its claim items below, the
        # claim table wide enough for its five columns. Everything fits one screen at 1280×800.
        grid.addWidget(self._owner_box(body), 0, 0)
        grid.addWidget(self._company_box(body), 0, 1)
        grid.addWidget(self._unit_box(body), 0, 2)
        grid.addWidget(self._case_box(body), 1, 0)
        grid.addWidget(self._claims_box(body), 1, 1, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
            grid.setColumnMinimumWidth(column, COLUMN_MIN_WIDTH)  # no box squeezed by its neighbours
        grid.setRowStretch(1, 1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)

        self.draft_state = QLabel(self)
        self.draft_state.setObjectName("intakeDraftState")
        self.buttons = QDialogButtonBox(self)
        self.register_button = self.buttons.addButton(
            _("Register the case"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.register_button.setObjectName("intakeRegister")
        self.register_button.setDefault(True)
        self.close_button = self.buttons.addButton(
            _("Close (keep the draft)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.close_button.setObjectName("intakeClose")
        self.discard_button = self.buttons.addButton(
            _("Discard the draft"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.discard_button.setObjectName("intakeDiscard")
        self.register_button.clicked.connect(self.register)
        self.close_button.clicked.connect(self.reject)
        self.discard_button.clicked.connect(self.discard)
        bottom = QHBoxLayout()
        bottom.addWidget(self.draft_state, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.general_errors)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bottom)
        self.resize(1260, 780)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._unit_timer = QTimer(self)
        self._unit_timer.setSingleShot(True)
        self._unit_timer.setInterval(UNIT_LOOKUP_DELAY_MS)
        self._unit_timer.timeout.connect(self.look_up_unit)

        self.set_form(draft.form if draft else self._new_form(), draft.picked if draft else {})
        if draft is not None and draft.saved_at is not None:
            self.draft_state.setText(
                _("Resumed the draft saved at {time}.").format(time=formatting.short_moment(draft.saved_at))
            )
        self._connect_edits()

    # --- building the sections ----------------------------------------------------------------

    def _row(self, form: QFormLayout, path: str, text: str, widget: QWidget) -> None:
        error = field_row(form, self.errors, path, text, widget, spacing=1)
        error.setObjectName("error:" + path)

    @staticmethod
    def _form(parent: QWidget) -> QFormLayout:
        form = QFormLayout(parent)
        # A long English label puts its field on the next line rather than squeezing it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return form

    @staticmethod
    def _compact(combo: QComboBox) -> None:
        """A combo as wide as its column allows, not as its longest entry (its list opens wider)."""
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)

    def _text_rows(
        self, form: QFormLayout, parent: QWidget, fields: tuple[tuple[str, str, str], ...]
    ) -> None:
        for path, text, placeholder in fields:
            line = QLineEdit(parent)
            line.setObjectName(path)
            if placeholder:
                line.setPlaceholderText(_(placeholder))
            self.inputs[path] = line
            self._row(form, path, _(text), line)

    def _owner_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Owner"), parent)
        layout = QVBoxLayout(box)
        self.owner_finder = PartyFinder(
            _("Owner on record: name, phone or ID digits"), self._find_owners, box
        )
        self.owner_finder.setObjectName("intakeOwnerFinder")
        layout.addWidget(self.owner_finder)
        self.owner_new = QWidget(box)
        form = self._form(self.owner_new)
        form.setContentsMargins(0, 0, 0, 0)
        self._text_rows(form, self.owner_new, OWNER_FIELDS)
        self.electronic_notice = QCheckBox(_("Agrees to notices by SMS"), self.owner_new)
        self.electronic_notice.setObjectName("owner.electronic_notice")
        form.addRow("", self.electronic_notice)
        layout.addWidget(self.owner_new)
        layout.addStretch(1)
        self.owner_finder.picked.connect(lambda _id: self._party_state_changed())
        self.owner_finder.unpicked.connect(self._party_state_changed)
        return box

    def _company_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Property company"), parent)
        layout = QVBoxLayout(box)
        self.company_finder = PartyFinder(
            _("Find a company on record: name or credit code"), self._find_companies, box
        )
        self.company_finder.setObjectName("intakeCompanyFinder")
        layout.addWidget(self.company_finder)
        self.company_new = QWidget(box)
        form = self._form(self.company_new)
        form.setContentsMargins(0, 0, 0, 0)
        self._text_rows(form, self.company_new, COMPANY_FIELDS)
        layout.addWidget(self.company_new)
        layout.addStretch(1)
        self.company_finder.picked.connect(lambda _id: self._party_state_changed())
        self.company_finder.unpicked.connect(self._party_state_changed)
        return box

    def _unit_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Unit"), parent)
        form = self._form(box)
        self.community = QComboBox(box)
        self.community.setObjectName("unit.community")
        self._compact(self.community)
        self.community.addItem(_("Choose a community …"), None)
        for community in self._communities:
            self.community.addItem(community.name, community.id)
        self._row(form, "unit.community", _("Community"), self.community)
        self._text_rows(form, box, UNIT_FIELDS)
        self.unit_note = QLabel(box)
        self.unit_note.setObjectName("intakeUnitNote")
        self.unit_note.setWordWrap(True)
        self.unit_note.setVisible(False)
        form.addRow(self.unit_note)
        return box

    def _case_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Case"), parent)
        form = self._form(box)
        self.organization = QComboBox(box)
        self.organization.setObjectName("organization")
        self._compact(self.organization)
        self.organization.addItem(_("Choose the handling organisation …"), None)
        for org in self._organizations:
            self.organization.addItem(f"{org.name}（{label(org.level)}）", org.id)
        self._row(form, "organization", _("Handling organisation"), self.organization)
        self.source = QComboBox(box)
        self.source.setObjectName("source")
        for source in CaseSource:
            self.source.addItem(label(source), source.value)
        self._row(form, "source", _("Source"), self.source)
        self.track = QComboBox(box)
        self.track.setObjectName("track")
        for track in Track:
            self.track.addItem(label(track), track.value)
        self._row(form, "track", _("Track"), self.track)
        self._text_rows(form, box, CASE_FIELDS)
        self.summary = QPlainTextEdit(box)
        self.summary.setObjectName("summary")
        self.summary.setPlaceholderText(_("What the dispute is about, in a few words"))
        self.summary.setFixedHeight(64)
        self._row(form, "summary", _("Dispute summary"), self.summary)
        # The last row of a stretched box: the spare room goes below it, so the box stays beside
        # its label instead of floating to the middle of the room.
        holder = self.summary.parentWidget()
        if holder is not None:
            holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            caption = form.labelForField(holder)
            if isinstance(caption, QLabel):
                caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.source.currentIndexChanged.connect(self._source_changed)
        return box

    def _claims_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Claim as stated by the company"), parent)
        layout = QVBoxLayout(box)
        self.claims = ClaimItemsEditor(box)
        layout.addWidget(self.claims)
        self.errors.register_indexed("claims", self.claims.show_errors)
        return box

    def _connect_edits(self) -> None:
        for path, line in self.inputs.items():
            line.textChanged.connect(self._edited)
            if path in ("unit.building", "unit.room"):
                line.textEdited.connect(lambda _text: self._unit_place_changed())
        for combo in (self.organization, self.source, self.track):
            combo.currentIndexChanged.connect(self._edited)
        self.community.currentIndexChanged.connect(self._community_changed)
        self.electronic_notice.toggled.connect(self._edited)
        self.summary.textChanged.connect(self._edited)
        self.claims.model.edited.connect(self._edited)
        self.claims.model.dataChanged.connect(self._edited)

    # --- finders ------------------------------------------------------------------------------

    def _find_owners(self, text: str) -> list[tuple[int, str]]:
        return [(m.id, self._owner_text(m)) for m in self._intake.find_owners(text)]

    def _owner_text(self, match: lookups.OwnerMatch) -> str:
        parts = [match.name, shown_phone(self._actor, match.phone)]
        if match.id_number:
            parts.append(_("ID ending {tail}").format(tail=match.id_number[-4:]))
        if match.address:
            parts.append(match.address)
        return " · ".join(part for part in parts if part)

    def _find_companies(self, text: str) -> list[tuple[int, str]]:
        return [(c.id, self._company_text(c)) for c in self._intake.find_companies(text)]

    @staticmethod
    def _company_text(company: lookups.CompanyChoice) -> str:
        return f"{company.name} · {company.credit_code}"

    # --- the form as values -------------------------------------------------------------------

    def _new_form(self) -> IntakeForm:
        organization = self._actor.organization_id
        handling = {o.id for o in self._organizations}
        return IntakeForm(
            claims=[ClaimLine()],
            organization_id=organization if organization in handling else None,
            intake_date=self._intake.today().isoformat(),
        )

    def _text(self, path: str) -> str:
        return self.inputs[path].text()

    def form(self) -> IntakeForm:
        """What is on screen, as the intake service's form."""
        t = self._text
        return IntakeForm(
            owner=OwnerForm(
                existing_id=self.owner_finder.picked_id,
                name=t("owner.name"),
                id_number=t("owner.id_number"),
                phone=t("owner.phone"),
                address=t("owner.address"),
                electronic_notice=self.electronic_notice.isChecked(),
            ),
            company=CompanyForm(
                existing_id=self.company_finder.picked_id,
                name=t("company.name"),
                credit_code=t("company.credit_code"),
                domicile=t("company.domicile"),
                legal_rep=t("company.legal_rep"),
                agent_name=t("company.agent_name"),
                agent_phone=t("company.agent_phone"),
            ),
            unit=UnitForm(
                existing_id=self._unit_id,
                community_id=self.community.currentData(),
                building=t("unit.building"),
                room=t("unit.room"),
                area=t("unit.area"),
                handover_date=t("unit.handover_date"),
                rate=t("unit.rate"),
                rate_from=t("unit.rate_from"),
            ),
            claims=self.claims.model.lines(),
            organization_id=self.organization.currentData(),
            source=CaseSource(self.source.currentData()),
            track=Track(self.track.currentData()),
            intake_date=t("intake_date"),
            assigning_court=t("assigning_court"),
            late_fee_daily_rate=t("late_fee_daily_rate"),
            summary=self.summary.toPlainText(),
            fees_paid_to=t("fees_paid_to"),
        )

    def set_form(self, form: IntakeForm, picked: dict[str, str] | None = None) -> None:
        """Show ``form`` (a resumed draft, or a new form)."""
        picked = picked or {}
        self._filling = True
        try:
            for path, line in self.inputs.items():
                section, _dot, name = path.rpartition(".")
                holder: Any = getattr(form, section) if section else form
                line.setText(str(getattr(holder, name)))
            self.electronic_notice.setChecked(form.owner.electronic_notice)
            self._set_combo(self.community, form.unit.community_id)
            self._set_combo(self.organization, form.organization_id)
            self._set_combo(self.source, form.source.value)
            self._set_combo(self.track, form.track.value)
            self.summary.setPlainText(form.summary)
            self.claims.model.set_lines(form.claims)
            if form.owner.existing_id is not None:
                self.owner_finder.pick(form.owner.existing_id, picked.get("owner", ""))
            else:
                self.owner_finder.unpick()
            if form.company.existing_id is not None:
                company = self._companies.get(form.company.existing_id)
                text = picked.get("company") or (self._company_text(company) if company else "")
                self.company_finder.pick(form.company.existing_id, text)
            else:
                self.company_finder.unpick()
            self._unit_id = form.unit.existing_id
        finally:
            self._filling = False
        self._party_state_changed()
        self._source_changed()
        self.look_up_unit()

    @staticmethod
    def _set_combo(combo: QComboBox, value: object) -> None:
        index = combo.findData(value) if value is not None else 0
        combo.setCurrentIndex(max(index, 0))

    # --- reacting to edits --------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._filling:
            self._draft_timer.start()

    def _party_state_changed(self) -> None:
        self.owner_new.setVisible(self.owner_finder.picked_id is None)
        self.company_new.setVisible(self.company_finder.picked_id is None)
        self._edited()
        self.check_duplicate()

    def _source_changed(self) -> None:
        court = self.source.currentData() == CaseSource.COURT_ASSIGNMENT.value
        self.inputs["assigning_court"].setEnabled(court)
        if not court:
            self.inputs["assigning_court"].setPlaceholderText(_("Only for a case assigned by a court"))
        else:
            self.inputs["assigning_court"].setPlaceholderText("")

    def _community_changed(self) -> None:
        community_id = self.community.currentData()
        if not self._filling and community_id is not None and self.company_finder.picked_id is None:
            # The community's own property company is nearly always the claimant.
            community = next((c for c in self._communities if c.id == community_id), None)
            company = (
                self._companies.get(community.company_id) if community and community.company_id else None
            )
            if company is not None and not self._text("company.name").strip():
                self.company_finder.pick(company.id, self._company_text(company))
        self._unit_place_changed()

    def _unit_place_changed(self) -> None:
        if not self._filling:
            self._edited()
            self._unit_timer.start()

    def look_up_unit(self) -> None:
        """Recognise a unit already on record at the chosen place and reuse its details."""
        self._unit_timer.stop()
        community_id = self.community.currentData()
        building, room = self._text("unit.building").strip(), self._text("unit.room").strip()
        match = None
        if community_id is not None and building and room:
            match = self._intake.find_unit(community_id, building, room)
        self._unit_id = match.id if match else None
        for path in UNIT_FROM_RECORD:
            self.inputs[path].setReadOnly(match is not None)
        if match is not None:
            self._filling = True
            try:
                self.inputs["unit.area"].setText(str(match.area))
                self.inputs["unit.handover_date"].setText(
                    match.handover_date.isoformat() if match.handover_date else ""
                )
                self.inputs["unit.rate"].setText(
                    formatting.rate_figure(match.rate) if match.rate is not None else ""
                )
                self.inputs["unit.rate_from"].setText(match.rate_from or "")
            finally:
                self._filling = False
            self.unit_note.setText(
                _("This unit is on record ({area}); its area and fee standard are used.").format(
                    area=formatting.area(match.area)
                )
            )
        self.unit_note.setVisible(match is not None)
        self.check_duplicate()

    def check_duplicate(self) -> str | None:
        """Warn when the same unit and company already have an open case; returns its number."""
        number = None
        company_id = self.company_finder.picked_id
        if self._unit_id is not None and company_id is not None:
            number = self._intake.open_case_for(self._unit_id, company_id)
        self.duplicate_number = number
        if number:
            self.banner.setText(
                _(
                    "This unit and company already have an open case: {number}. "
                    "Check it before registering another one."
                ).format(number=number)
            )
        self.banner.setVisible(bool(number))
        return number

    # --- drafts -------------------------------------------------------------------------------

    def save_draft(self) -> None:
        self._draft_timer.stop()
        form = self.form()
        if form_is_empty(form):
            self._store.discard()
            return
        picked = {}
        if self.owner_finder.picked_id is not None:
            picked["owner"] = self.owner_finder.picked_text()
        if self.company_finder.picked_id is not None:
            picked["company"] = self.company_finder.picked_text()
        draft = IntakeDraft(form=form, picked=picked)
        self._store.save(draft, self._intake.now())
        self.draft_state.setText(
            _("Draft saved at {time}.").format(time=formatting.clock_time(self._intake.now(), seconds=True))
        )

    def discard(self) -> None:
        if not form_is_empty(self.form()):
            answer = QMessageBox.question(
                self,
                _("Discard the draft"),
                _("Throw away everything typed in this intake?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        self._draft_timer.stop()
        self._store.discard()
        self._filling = True  # nothing more to save
        super().reject()

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted and not self._filling:
            self.save_draft()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_draft()
        super().closeEvent(event)

    # --- registering --------------------------------------------------------------------------

    def show_errors(self, errors: list[ValidationError]) -> None:
        unplaced = self.errors.show(errors)
        self.general_errors.set_messages([error.message for error in unplaced])
        first = self.errors.first_shown()
        if first == "claims":
            self.scroll_area.ensureWidgetVisible(self.claims)
            self.claims.focus_first_error()
        elif first is not None:
            widget = self.errors.widget_for(first)
            if widget is not None:
                self.scroll_area.ensureWidgetVisible(widget)
                widget.setFocus()

    def register(self) -> None:
        self.look_up_unit()  # the place may have been pasted or restored, not typed
        self.save_draft()
        form = self.form()
        errors = self._intake.validate(form)
        if errors:
            self.show_errors(errors)
            return
        self.show_errors([])
        number = self.duplicate_number
        if number and not self.confirm_duplicate(number):
            return
        try:
            ref = self._intake.register(form)
        except FormErrors as many:
            self.show_errors(many.errors)
            return
        except ValidationError as one:
            self.show_errors([one])
            return
        except MediationError as error:
            self.general_errors.set_messages([error.message])
            return
        self.ref = ref
        self._draft_timer.stop()
        self._store.discard()
        self._filling = True
        self.accept()

    def confirm_duplicate(self, number: str) -> bool:
        answer = QMessageBox.question(
            self,
            _("An open case exists"),
            _(
                "This unit and company already have an open case: {number}.\nRegister another case anyway?"
            ).format(number=number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- the entry point ----------------------------------------------------------------------

    @staticmethod
    def resume_choice(parent: QWidget | None, draft: IntakeDraft) -> bool | None:
        """Resume the kept draft (True), start anew (False), or cancel (None)."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Unfinished intake"))
        when = formatting.short_moment(draft.saved_at)
        who = draft.form.owner.name or ""
        box.setText(
            _("An unfinished intake was kept (saved {time}{owner}). Resume it?").format(
                time=when, owner=f", {who}" if who else ""
            )
        )
        resume = box.addButton(_("Resume"), QMessageBox.ButtonRole.AcceptRole)
        fresh = box.addButton(_("Start a new one (discard it)"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is resume:
            return True
        if clicked is fresh:
            return False
        return None

    @classmethod
    def ask(
        cls, model: IntakeViewModel, parent: QWidget | None = None, *, store: DraftStore | None = None
    ) -> CaseRef | None:
        """Run the intake; the registered case's reference, or None when nothing was registered."""
        store = store or DraftStore()
        draft = store.load()
        if draft is not None and draft.is_empty():
            store.discard()
            draft = None
        if draft is not None:
            choice = cls.resume_choice(parent, draft)
            if choice is None:
                return None
            if not choice:
                store.discard()
                draft = None
        dialog = cls(model, parent, store=store, draft=draft)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.exec()
        return dialog.ref
