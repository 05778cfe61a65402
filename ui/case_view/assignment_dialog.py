"""Giving the case to an organisation and a mediator (which starts the 30-day period), or to
another mediator later.

The pick lists offer only what the services would accept: organisations at the case's level
that run its kind of mediation, and active mediators and judges (those of the organisation
first). The services check again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from mediation_app.domain.enums import Level, Role, Track, label
from mediation_app.i18n import _
from mediation_app.queries.lookups import OrganizationChoice
from mediation_app.queries.mediators import MediatorChoice
from mediation_app.workflow.tracks import TRACK_ORG_KINDS
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import DateField, chosen, fill_combo


def runs_track(org: OrganizationChoice, track: Track) -> bool:
    """Whether ``org`` may take a case on ``track`` (the kind of body, and its own list if set)."""
    return org.kind in TRACK_ORG_KINDS[track] and (not org.tracks or track in org.tracks)


def mediator_text(choice: MediatorChoice) -> str:
    return f"{choice.name}（{label(choice.role)}）" if choice.role is Role.JUDGE else choice.name


def organisation_text(org: OrganizationChoice) -> str:
    return f"{org.name}（{label(org.level)}）"


@dataclass(frozen=True)
class StartValues:
    organization_id: int
    mediator_id: int
    on: dt.date


@dataclass(frozen=True)
class MediatorValues:
    mediator_id: int
    reason: str


class StartMediationDialog(FormDialog[StartValues]):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Start mediation"),
            parent,
            intro=_(
                "Assign the case to an organisation and a mediator; the 30-day mediation period starts on the day given."
            ),
        )
        self.setObjectName("startMediationDialog")
        detail = ctx.detail
        track = detail.track if detail is not None else Track.PEOPLE
        level = detail.organisation.level if detail is not None else Level.DISTRICT
        current = detail.organisation.id if detail is not None else None
        steps = ctx.case.steps
        orgs = [o for o in steps.organizations() if o.level is level and runs_track(o, track)]
        people = steps.mediators(current)
        self.organisation = QComboBox()
        fill_combo(self.organisation, [(organisation_text(o), o.id) for o in orgs], current)
        self.add_field("organisation", _("Organisation"), self.organisation)
        self.mediator = QComboBox()
        fill_combo(self.mediator, [(mediator_text(m), m.id) for m in people])
        self.add_field("mediator", _("Mediator"), self.mediator)
        self.on = DateField(ctx.today())
        self.add_field("mediation_start", _("Start of mediation"), self.on)

    def values(self) -> StartValues:
        return StartValues(
            chosen(self.organisation, "organisation", _("Organisation")),
            chosen(self.mediator, "mediator", _("Mediator")),
            self.on.value(),
        )

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[StartValues], Any]
    ) -> StartValues | None:
        return cls(ctx, parent).run(submit)


class AssignMediatorDialog(FormDialog[MediatorValues]):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Assign a mediator"), parent)
        self.setObjectName("assignMediatorDialog")
        current = ctx.detail.organisation.id if ctx.detail is not None else None
        people = ctx.case.steps.mediators(current)
        self.mediator = QComboBox()
        fill_combo(self.mediator, [(mediator_text(m), m.id) for m in people])
        self.add_field("mediator", _("Mediator"), self.mediator)
        self.reason = QLineEdit()
        self.add_field("reason", _("Reason"), self.reason)

    def values(self) -> MediatorValues:
        return MediatorValues(chosen(self.mediator, "mediator", _("Mediator")), self.reason.text())

    @classmethod
    def ask(
        cls, ctx: CaseContext, parent: QWidget | None, submit: Callable[[MediatorValues], Any]
    ) -> MediatorValues | None:
        return cls(ctx, parent).run(submit)
