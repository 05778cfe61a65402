"""Personal information shown only as far as a role needs it (个人信息保护法).

Lists, exports and the case history show ID numbers and phone numbers through :func:`shown_id_number`
and :func:`shown_phone`: full for roles whose work needs them (judges, mediators), masked for the
others (350304********1234, 138****5678). A masked value can be shown in full on demand through
``services.privacy.reveal_owner_identity``, which records the viewing in the audit trail.

Every export opens with :func:`export_notice`, a line that says what the file contains, whether
identities are masked, who made it and when.
"""

from __future__ import annotations

import datetime as dt

from mediation_app import formatting
from mediation_app.domain.actor import Actor
from mediation_app.domain.validators import mask_id_number, mask_phone
from mediation_app.i18n import _
from mediation_app.security.permissions import Permission, can

# Keys of audited before/after images and export columns that hold personal identifiers.
ID_NUMBER_KEYS = frozenset({"id_number", "owner_id_number"})
PHONE_KEYS = frozenset({"phone", "owner_phone", "agent_phone", "mobile"})


def sees_full_identity(actor: Actor) -> bool:
    return can(actor, Permission.VIEW_FULL_IDENTITY)


def shown_id_number(actor: Actor, value: str | None) -> str:
    """``value`` as ``actor`` may see it in a list or export."""
    if not value:
        return ""
    return value if sees_full_identity(actor) else mask_id_number(value)


def shown_phone(actor: Actor, value: str | None) -> str:
    if not value:
        return ""
    return value if sees_full_identity(actor) else mask_phone(value)


def shown_value(actor: Actor, key: str, value: object) -> object:
    """Mask ``value`` when ``key`` names an identifier ``actor`` may not see in full."""
    if not isinstance(value, str) or not value:
        return value
    if key in ID_NUMBER_KEYS:
        return shown_id_number(actor, value)
    if key in PHONE_KEYS:
        return shown_phone(actor, value)
    return value


def export_notice(actor: Actor, contents: str, rows: int, at: dt.datetime) -> str:
    """The first line of an export: what it holds, whether identities are masked, by whom, when."""
    identities = (
        _("ID numbers and phone numbers in full")
        if sees_full_identity(actor)
        else _("ID numbers and phone numbers masked")
    )
    return _(
        "Contents: {contents} ({rows} rows); {identities}; personal information, keep it safe; "
        "exported by {name} on {when}."
    ).format(
        contents=contents,
        rows=rows,
        identities=identities,
        name=actor.name,
        when=formatting.moment(at),
    )
