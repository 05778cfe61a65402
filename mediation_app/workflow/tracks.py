"""四调衔接: which organisation may mediate on which track, and moving a case between tracks.

Decisions:

- Each track is run by its own kind of organisation: people's mediation by a people's mediation
  committee, administrative mediation by a government department, industry mediation by the
  industry association, judicial mediation by a court (its resident judge). The centre and its
  sub-centres and workstations host people's, administrative and industry mediators at their
  windows, so a centre may carry those three tracks; the judicial track always needs a court.
- A transfer goes to a *different* track, needs a reason, and is possible only while the case is
  open (intake to agreement reached, see :data:`~.transitions.OPEN_STATUSES`).
- A transfer does not restart the 30-day mediation period: only the parties' consent extends it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mediation_app.domain.enums import CaseStatus, OrgKind, Track, label
from mediation_app.errors import ValidationError, WorkflowError
from mediation_app.formatting import any_of, quoted
from mediation_app.i18n import _
from mediation_app.workflow.actions import Action
from mediation_app.workflow.reasons import require_reason
from mediation_app.workflow.transitions import check

TRACK_ORG_KINDS: Mapping[Track, frozenset[OrgKind]] = {
    Track.PEOPLE: frozenset({OrgKind.MEDIATION_COMMITTEE, OrgKind.CENTRE}),
    Track.ADMINISTRATIVE: frozenset({OrgKind.GOVERNMENT, OrgKind.CENTRE}),
    Track.INDUSTRY: frozenset({OrgKind.INDUSTRY_ASSOCIATION, OrgKind.CENTRE}),
    Track.JUDICIAL: frozenset({OrgKind.COURT}),
}


@dataclass(frozen=True)
class TrackTransfer:
    """A checked transfer, ready to be stored as an event (``transfer_track``)."""

    from_track: Track
    to_track: Track
    reason: str


def check_track_org(wanted: Track, kind: OrgKind, field: str = "organisation") -> None:
    """Refuse an organisation of ``kind`` that cannot mediate on ``wanted``."""
    allowed = TRACK_ORG_KINDS[wanted]
    if kind not in allowed:
        raise ValidationError(
            field,
            _("{track} is run by {kinds}, not by {kind}").format(
                track=quoted(label(wanted)),
                kinds=any_of(quoted(label(k)) for k in OrgKind if k in allowed),
                kind=quoted(label(kind)),
            ),
            _("Organisation"),
        )


def check_track_transfer(
    status: CaseStatus,
    current: Track | None,
    wanted: Track,
    org_kind: OrgKind,
    reason: str | None,
) -> TrackTransfer:
    """Check a transfer of a case in ``status`` from ``current`` to ``wanted`` at an organisation
    of ``org_kind``; returns the transfer with its cleaned reason."""
    check(status, Action.TRANSFER_TRACK)
    if current is None:
        raise WorkflowError(
            _("The case is not on any track yet: assign it to an organisation before transferring it.")
        )
    here = current
    if here == wanted:
        raise WorkflowError(
            _("The case is already on {track}; choose another kind of mediation.").format(
                track=quoted(label(here))
            )
        )
    check_track_org(wanted, org_kind)
    return TrackTransfer(here, wanted, require_reason(reason))
