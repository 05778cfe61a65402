"""Showing a masked identifier in full, and recording exports, both in the audit trail.

Lists show ID numbers and phones masked for roles that do not need them (see
:mod:`mediation_app.security.privacy`). When such a person needs one value — to phone an owner,
to check an ID card at the window — :func:`reveal_owner_identity` returns it and records who saw
which field of whom, and when (the value itself is not copied into the audit trail).
"""

from __future__ import annotations

from typing import Literal

from mediation_app.errors import NotFoundError, ValidationError
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, authorize
from mediation_app.storage.models import Owner
from mediation_app.storage.uow import UnitOfWork

IdentityField = Literal["id_number", "phone"]
_FIELDS: tuple[IdentityField, ...] = ("id_number", "phone")


def reveal_owner_identity(
    uow: UnitOfWork, owner_id: int, field: IdentityField, *, case_id: int | None = None
) -> str:
    """The owner's full ``field`` ("id_number" or "phone"); the viewing is audited."""
    authorize(uow.actor, Permission.REVEAL_IDENTITY)
    if field not in _FIELDS:
        raise ValidationError("field", _("only an ID number or a phone number can be shown"), _("Field"))
    owner = uow.session.get(Owner, owner_id)
    if owner is None:
        raise NotFoundError(_("The owner no longer exists."))
    value = owner.id_number if field == "id_number" else owner.phone
    uow.audit("owner.reveal", "owner", owner.id, None, {"field": field, "name": owner.name}, case_id=case_id)
    uow.commit()
    return value or ""


def record_export(uow: UnitOfWork, contents: str, rows: int, *, full_identity: bool) -> None:
    """Record that ``actor`` exported ``rows`` rows of ``contents`` (personal data leaving the app)."""
    authorize(uow.actor, Permission.EXPORT_DATA)
    if full_identity:
        authorize(uow.actor, Permission.VIEW_FULL_IDENTITY)
    uow.audit(
        "data.export",
        "export",
        "",
        None,
        {"contents": contents, "rows": rows, "full_identity": full_identity},
    )
    uow.commit()
