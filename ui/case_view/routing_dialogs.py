"""四调衔接 and 三级联动: transferring the case to another kind of mediation, referring it to
another level. Both need a reason and may name who decided; the receiving organisation is picked
from those the services would accept (one that runs the track; one at the target level)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from mediation_app.domain.enums import Level, Track, label
from mediation_app.i18n import _
from mediation_app.queries.lookups import OrganizationChoice
from mediation_app.queries.mediators import MediatorChoice
from ui.case_view.assignment_dialog import mediator_text, organisation_text, runs_track
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import chosen, fill_combo


@dataclass(frozen=True)
class TransferValues:
    to_track: Track
    organization_id: int
    reason: str
    decided_by: str = ""
    mediator_id: int | None = None


@dataclass(frozen=True)
class ReferralValues:
    organization_id: int
    reason: str
    decided_by: str = ""
    mediator_id: int | None = None


class _RoutingDialog(FormDialog[Any]):
    """The fields both steps share: organisation, mediator (optional), reason, who decided."""

    def _common(self) -> None:
        steps = self.ctx.case.steps
        self._orgs: list[OrganizationChoice] = steps.organizations()
        self._people: list[MediatorChoice] = steps.mediators()
        self.organisation = QComboBox()
        self.organisation.currentIndexChanged.connect(self._fill_mediators)
        self.add_field("organisation", _("Receiving organisation"), self.organisation)
        self.mediator = QComboBox()
        self.add_field("mediator", _("Mediator (optional)"), self.mediator)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(80)
        self.add_field("reason", _("Reason"), self.reason)
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText(_("Empty: you decided"))
        self.add_field("decided_by", _("Decided by"), self.decided_by)

    def _fill_orgs(self, choices: list[OrganizationChoice]) -> None:
        fill_combo(self.organisation, [(organisation_text(o), o.id) for o in choices])
        self._fill_mediators()

    def _fill_mediators(self) -> None:
        org = self.organisation.currentData()
        ordered = sorted(self._people, key=lambda m: m.organization_id != org)
        items: list[tuple[str, Any]] = [(_("(none yet)"), None)]
        items += [(mediator_text(m), m.id) for m in ordered]
        fill_combo(self.mediator, items)


class TransferDialog(_RoutingDialog):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Transfer to another kind of mediation"), parent)
        self.setObjectName("transferDialog")
        current = ctx.detail.track if ctx.detail is not None else None
        self.track = QComboBox()
        fill_combo(self.track, [(label(t), t) for t in Track if t is not current])
        self.add_field("to_track", _("New kind of mediation"), self.track)
        self._common()
        self.track.currentIndexChanged.connect(self._track_changed)
        self._track_changed()

    def _track_changed(self) -> None:
        track = self.track.currentData()
        self._fill_orgs([o for o in self._orgs if track is not None and runs_track(o, track)])

    def values(self) -> TransferValues:
        return TransferValues(
            Track(chosen(self.track, "to_track", _("New kind of mediation"))),
            chosen(self.organisation, "organisation", _("Receiving organisation")),
            self.reason.toPlainText(),
            self.decided_by.text(),
            self.mediator.currentData(),
        )

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[TransferValues], Any]
    ) -> TransferValues | None:
        return cls(ctx, parent).run(submit)


class ReferralDialog(_RoutingDialog):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Refer to another level"), parent)
        self.setObjectName("referralDialog")
        detail = ctx.detail
        here = detail.organisation.level if detail is not None else Level.DISTRICT
        self._track = detail.track if detail is not None else Track.PEOPLE
        self.level = QComboBox()
        fill_combo(self.level, [(label(v), v) for v in Level if v is not here])
        self.add_field("to_level", _("Refer to"), self.level)
        self._common()
        self.level.currentIndexChanged.connect(self._level_changed)
        self._level_changed()

    def _level_changed(self) -> None:
        level = self.level.currentData()
        self._fill_orgs([o for o in self._orgs if o.level == level and runs_track(o, self._track)])

    def values(self) -> ReferralValues:
        return ReferralValues(
            chosen(self.organisation, "organisation", _("Receiving organisation")),
            self.reason.toPlainText(),
            self.decided_by.text(),
            self.mediator.currentData(),
        )

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[ReferralValues], Any]
    ) -> ReferralValues | None:
        return cls(ctx, parent).run(submit)
