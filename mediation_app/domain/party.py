"""The two sides of a case, as stored in consents, SMS and follow-ups: the owner and the company;
and who handed in a file of the case (either side, or the centre itself)."""

from __future__ import annotations

from mediation_app.domain.labelled import LabelledEnum
from mediation_app.i18n import N_


class Party(LabelledEnum):
    OWNER = "owner", N_("Owner")
    COMPANY = "company", N_("Property company")


class Submitter(LabelledEnum):
    """Who handed in an attachment (evidence from a party; the centre's own scans)."""

    OWNER = "owner", N_("Owner")
    COMPANY = "company", N_("Property company")
    CENTRE = "centre", N_("The centre")
