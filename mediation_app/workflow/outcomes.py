"""How a concluded case ended (结案方式): the one answer the closing report, the case file and the
statistics give.

A case's status says where it stands; how it ended also depends on the road it took. A case
handed to litigation after its signed agreement went unpaid ended in an agreement not performed
(协议未履行，转诉讼), not in a failed mediation (调解不成), and one handed over after the court
refused to confirm its agreement ended in neither. :func:`ending` reads the outcome from the
concluded status, the status a hand-over to litigation left, and whether a court confirmed the
agreement.

The outcomes, as the statistics count them:

===========================  ================================================================
``performed``                an agreement signed and performed in full (履行完毕)
``not_performed``            an agreement signed and not performed: the owner defaulted
                             (协议未履行), whether the case rests there (enforcement, for a
                             confirmed agreement) or went on to litigation
``confirmation_rejected``    a signed agreement the court refused to confirm, then litigation
``failed``                   no agreement took effect (none reached, or never signed), or a
                             party refused mediation: handed to litigation (调解不成)
``withdrawn``                the applicant withdrew before signing (撤回)
``not_accepted``             refused at intake (不予受理)
===========================  ================================================================

*Settled* (调解成功) are the first two: the mediation ended in an agreement that bound the parties
to the end, whether or not the owner then paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mediation_app.domain.enums import CaseStatus
from mediation_app.i18n import N_, _

S = CaseStatus


class Outcome(StrEnum):
    PERFORMED = "performed"
    NOT_PERFORMED = "not_performed"
    CONFIRMATION_REJECTED = "confirmation_rejected"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"
    NOT_ACCEPTED = "not_accepted"


SETTLED: frozenset[Outcome] = frozenset({Outcome.PERFORMED, Outcome.NOT_PERFORMED})
"""调解成功: the case ended with a signed agreement in force (performed or not)."""

_SHORT = {
    Outcome.PERFORMED: N_("Agreement performed"),
    Outcome.NOT_PERFORMED: N_("Agreement not performed"),
    Outcome.CONFIRMATION_REJECTED: N_("Confirmation refused"),
    Outcome.FAILED: N_("Mediation failed"),
    Outcome.WITHDRAWN: N_("Withdrawn"),
    Outcome.NOT_ACCEPTED: N_("Not accepted"),
}


def outcome_label(outcome: Outcome) -> str:
    """The outcome as a column of the statistics names it (履行完毕, 协议未履行 …)."""
    return _(_SHORT[outcome])


def outcome_of(status: CaseStatus | str, left: CaseStatus | str | None = None) -> Outcome:
    """The outcome of a case concluded in ``status``; ``left`` is, for a case handed to
    litigation, the status the hand-over left (ignored otherwise). ValueError for a case that
    has not concluded."""
    current = CaseStatus(status)
    if current is S.FAILED_TO_LITIGATION:
        came_from = CaseStatus(left) if left else None
        if came_from is S.NOT_PERFORMED:
            return Outcome.NOT_PERFORMED
        if came_from is S.CONFIRMATION_REJECTED:
            return Outcome.CONFIRMATION_REJECTED
        return Outcome.FAILED
    direct = {
        S.PERFORMED: Outcome.PERFORMED,
        S.NOT_PERFORMED: Outcome.NOT_PERFORMED,
        S.WITHDRAWN: Outcome.WITHDRAWN,
        S.NOT_ACCEPTED: Outcome.NOT_ACCEPTED,
    }
    if current not in direct:
        raise ValueError(f"a case in {current.value!r} has not concluded")
    return direct[current]


@dataclass(frozen=True)
class Ending:
    """How one case ended: its outcome, whether it went on to litigation, and whether a court
    had confirmed its agreement (a confirmed agreement that is not performed can be enforced)."""

    outcome: Outcome
    litigation: bool = False
    confirmed: bool = False

    @property
    def settled(self) -> bool:
        return self.outcome in SETTLED

    def wording(self) -> str:
        """The result as a clerk writes it in the closing report (调解不成，转诉讼 …)."""
        if self.outcome is Outcome.NOT_PERFORMED:
            if self.litigation:
                return _("Agreement not performed; handed to litigation")
            if self.confirmed:
                return _("Agreement not performed; judicially confirmed, enforcement may be applied for")
            return _("Agreement not performed")
        return _(_WORDING[self.outcome])


_WORDING = {
    Outcome.PERFORMED: N_("Settled; the agreement was performed in full"),
    Outcome.CONFIRMATION_REJECTED: N_("Judicial confirmation refused; handed to litigation"),
    Outcome.FAILED: N_("Mediation failed; handed to litigation"),
    Outcome.WITHDRAWN: N_("Application withdrawn by the applicant"),
    Outcome.NOT_ACCEPTED: N_("Not accepted"),
}


def ending(
    status: CaseStatus | str, left: CaseStatus | str | None = None, *, confirmed: bool = False
) -> Ending:
    """How a case concluded in ``status`` ended (see :func:`outcome_of` for ``left``)."""
    current = CaseStatus(status)
    return Ending(outcome_of(current, left), current is S.FAILED_TO_LITIGATION, confirmed)
