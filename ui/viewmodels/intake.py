"""The intake dialog's view model: the pick lists, the finders, a unit already on record, the
warning of an open case for the same unit and company, and registering the case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mediation_app.domain.actor import Actor
from mediation_app.errors import ValidationError
from mediation_app.queries import lookups
from mediation_app.services.cases.intake import CaseRef, IntakeForm, intake_case, open_case_for, validate
from ui.viewmodels.workspace import Workspace


@dataclass(frozen=True)
class IntakeChoices:
    """The organisations that handle cases, the companies and the communities on record."""

    organizations: list[lookups.OrganizationChoice]
    companies: list[lookups.CompanyChoice]
    communities: list[lookups.CommunityChoice]


class IntakeViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def actor(self) -> Actor:
        return self.workspace.actor

    def today(self) -> dt.date:
        return self.workspace.today()

    def now(self) -> dt.datetime:
        return self.workspace.now()

    def choices(self) -> IntakeChoices:
        with self.workspace.db.read() as session:
            return IntakeChoices(
                lookups.organizations(session, handling_only=True),
                lookups.companies(session),
                lookups.communities(session),
            )

    def find_owners(self, text: str) -> list[lookups.OwnerMatch]:
        with self.workspace.db.read() as session:
            return lookups.find_owners(session, text)

    def find_companies(self, text: str) -> list[lookups.CompanyChoice]:
        with self.workspace.db.read() as session:
            return lookups.find_companies(session, text)

    def find_unit(self, community_id: int, building: str, room: str) -> lookups.UnitMatch | None:
        with self.workspace.db.read() as session:
            return lookups.find_unit(session, community_id, building, room)

    def open_case_for(self, unit_id: int, company_id: int) -> str | None:
        """The number of an open case of the same unit and company, if there is one."""
        with self.workspace.db.unit_of_work(self.actor) as uow:
            return open_case_for(uow, unit_id, company_id)

    def validate(self, form: IntakeForm) -> list[ValidationError]:
        """Every field error of ``form``, before anything is written."""
        return validate(form, self.today())

    def register(self, form: IntakeForm) -> CaseRef:
        with self.workspace.db.unit_of_work(self.actor) as uow:
            return intake_case(uow, form)
