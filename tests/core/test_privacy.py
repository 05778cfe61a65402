"""Identifiers shown as far as a role needs: full for judges and mediators, masked for the others."""

from __future__ import annotations

import datetime as dt

from mediation_app.clock import CHINA
from mediation_app.domain.actor import Actor
from mediation_app.domain.enums import Role
from mediation_app.i18n import set_language
from mediation_app.security.privacy import export_notice, shown_id_number, shown_phone, shown_value

ID = "350304199001011234"


def _actor(role: Role) -> Actor:
    return Actor(3, "某某", role)


def test_lists_mask_for_roles_that_do_not_need_full_values() -> None:
    for role in (Role.CLERK, Role.SUPERVISOR, Role.ADMIN):
        assert shown_id_number(_actor(role), ID) == "350304********1234"
        assert shown_phone(_actor(role), "13856785678") == "138****5678"
    for role in (Role.JUDGE, Role.MEDIATOR):
        assert shown_id_number(_actor(role), ID) == ID
        assert shown_phone(_actor(role), "13856785678") == "13856785678"
    assert shown_id_number(_actor(Role.CLERK), None) == ""


def test_generic_tables_mask_by_column_name() -> None:
    clerk = _actor(Role.CLERK)
    assert shown_value(clerk, "owner_id_number", ID) == "350304********1234"
    assert shown_value(clerk, "agent_phone", "059412345678") == "059*****5678"
    assert shown_value(clerk, "name", "车某") == "车某"
    assert shown_value(clerk, "phone", None) is None


def test_an_export_says_what_it_holds_and_whether_it_is_masked() -> None:
    set_language("en")
    at = dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHINA)
    masked = export_notice(_actor(Role.SUPERVISOR), "case list", 312, at)
    full = export_notice(_actor(Role.MEDIATOR), "case list", 312, at)
    assert masked.startswith("Contents: case list (312 rows); ID numbers and phone numbers masked;")
    assert "in full" in full and "on November 27, 2026, 09:30." in full and "某某" in full
