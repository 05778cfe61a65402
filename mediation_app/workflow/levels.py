"""三级联动: referring a case between the district centre, town sub-centres and community workstations.

Decisions:

- A referral goes up or down by one or more levels (community → district directly is allowed: a
  workstation may send a hard case straight to the district centre), never to the same level.
- The receiving organisation must sit at the target level.
- A reason is required, and referrals happen only while the case is open (intake to agreement
  reached), like track transfers.
"""

from __future__ import annotations

from dataclasses import dataclass

from mediation_app.domain.enums import CaseStatus, Level
from mediation_app.domain.labelled import LabelledEnum
from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.formatting import quoted
from mediation_app.i18n import N_, _
from mediation_app.workflow.actions import Action
from mediation_app.workflow.reasons import require_reason
from mediation_app.workflow.transitions import check

RANK: dict[Level, int] = {Level.COMMUNITY: 0, Level.TOWN: 1, Level.DISTRICT: 2}
"""Higher is further up: community workstation < town sub-centre < district centre."""


class Direction(LabelledEnum):
    UP = "up", N_("Referred up")
    DOWN = "down", N_("Referred down")


@dataclass(frozen=True)
class Referral:
    """A checked referral, ready to be stored as an event (``refer_level``)."""

    from_level: Level
    to_level: Level
    reason: str

    @property
    def direction(self) -> Direction:
        return referral_direction(self.from_level, self.to_level)

    @property
    def steps(self) -> int:
        """How many levels the case moves (1 or 2)."""
        return abs(RANK[self.to_level] - RANK[self.from_level])


def referral_direction(here: Level, there: Level) -> Direction:
    if here is there:
        raise WorkflowError(
            _("The case is already at the {level}; choose another level.").format(level=here.label)
        )
    return Direction.UP if RANK[there] > RANK[here] else Direction.DOWN


def check_referral(
    status: CaseStatus,
    current: Level,
    to_level: Level,
    org_level: Level,
    reason: str | None,
) -> Referral:
    """Check referring a case in ``status`` from ``current`` to an organisation at ``org_level``
    chosen as the ``to_level`` receiver; returns the referral with its cleaned reason."""
    check(status, Action.REFER_LEVEL)
    here, there = current, to_level
    referral_direction(here, there)
    if org_level is not there:
        raise ValidationError(
            "organisation",
            _("this organisation is a {org_level}, not a {level}").format(
                org_level=quoted(org_level.label), level=quoted(there.label)
            ),
            _("Organisation"),
        )
    return Referral(here, there, require_reason(reason))
