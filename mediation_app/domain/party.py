"""The two sides of a case, as stored in consents, SMS and follow-ups: the owner and the company."""

from __future__ import annotations

from enum import StrEnum

from mediation_app.i18n import N_, _


class Party(StrEnum):
    OWNER = "owner"
    COMPANY = "company"


_LABELS = {Party.OWNER: N_("Owner"), Party.COMPANY: N_("Property company")}


def party_label(party: Party | str) -> str:
    return _(_LABELS[Party(party)])
