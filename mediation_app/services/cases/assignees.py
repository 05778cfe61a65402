"""Who may take a case: an organisation that runs the case's track, and a mediator.

The pure rule (:func:`mediation_app.workflow.tracks.check_track_org`) says which *kind* of
organisation runs each track; an organisation's own ``tracks`` list, when set, narrows that
further (a town sub-centre hosts people's and administrative mediators, not the industry
association's). A mediator is an active member of staff who mediates: a mediator or a judge.
"""

from __future__ import annotations

from mediation_app.domain.enums import Role, Track
from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.formatting import quoted
from mediation_app.i18n import _
from mediation_app.storage.models import Organization, Staff
from mediation_app.storage.uow import UnitOfWork
from mediation_app.workflow.tracks import check_track_org

MEDIATING_ROLES = frozenset({Role.MEDIATOR, Role.JUDGE})


def load_organisation(uow: UnitOfWork, organization_id: int) -> Organization:
    organisation = uow.session.get(Organization, organization_id)
    if organisation is None:
        raise NotFoundError(_("Organisation {id} does not exist.").format(id=organization_id))
    return organisation


def check_runs_track(organisation: Organization, wanted: Track) -> None:
    """Refuse an organisation that does not mediate on ``wanted``."""
    check_track_org(wanted, organisation.kind)
    runs = {t for t in organisation.tracks.split(",") if t}
    if runs and wanted not in runs:
        raise ValidationError(
            "organisation",
            _("{organisation} does not run {track}").format(
                organisation=organisation.name, track=quoted(wanted.label)
            ),
            _("Organisation"),
        )


def load_mediator(uow: UnitOfWork, staff_id: int) -> Staff:
    """An active mediator or judge; anyone else is refused naming the field."""
    staff = uow.session.get(Staff, staff_id)
    if staff is None:
        raise NotFoundError(_("Staff member {id} does not exist.").format(id=staff_id))
    if not staff.active:
        raise ValidationError(
            "mediator", _("{name}'s account is disabled").format(name=staff.name), _("Mediator")
        )
    if staff.role not in MEDIATING_ROLES:
        raise ValidationError(
            "mediator",
            _("{name} is a {role}; choose a mediator or a judge").format(
                name=staff.name, role=staff.role.label
            ),
            _("Mediator"),
        )
    return staff


def assignment_text(organisation: Organization, mediator: Staff | None) -> str:
    """``区物业人调委 · 陈志明`` — an assignment as the case's path shows it."""
    name = organisation.short_name or organisation.name
    return f"{name} · {mediator.name}" if mediator is not None else name
