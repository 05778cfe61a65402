"""Which status changes can be reversed when they were recorded in error, and to what.

A reversal never rewrites the case's path: it is a new step (:attr:`EventKind.REVERSAL
<mediation_app.workflow.timeline.EventKind.REVERSAL>`) that takes the case back to the status
the reversed step left, with the reason. Only the case's last status change can be reversed,
and only a step that changed nothing but the status (and its closing date and reason): accepting,
refusing, withdrawing, handing to litigation, starting performance, full performance and
non-performance. A step that made records of its own — the assignment and its period, the
agreement, its signing, a court's ruling — is not reversed here: those records are corrected
(or, after signing, supplemented) instead, so nothing they say is silently undone.
"""

from __future__ import annotations

from mediation_app.domain.enums import CaseStatus, label
from mediation_app.errors import WorkflowError
from mediation_app.i18n import _
from mediation_app.workflow.actions import Action

REVERSIBLE: frozenset[Action] = frozenset(
    {
        Action.ACCEPT,
        Action.REFUSE,
        Action.WITHDRAW,
        Action.FAIL_TO_LITIGATION,
        Action.START_PERFORMANCE,
        Action.COMPLETE_PERFORMANCE,
        Action.RECORD_NON_PERFORMANCE,
    }
)
"""The steps a judge or supervisor may reverse (each returns the case to where it came from)."""


def is_reversible(kind: str) -> bool:
    return kind in {action.value for action in REVERSIBLE}


def explain_irreversible(kind: str) -> str | None:
    """Why the step ``kind`` cannot be reversed (None when it can)."""
    if is_reversible(kind):
        return None
    if kind == "reversal":
        return _("The last change is itself a reversal; take the step again instead of reversing it.")
    try:
        name = Action(kind).label
    except ValueError:
        name = kind
    return _(
        "“{step}” made records of its own (an assignment, the agreement, a signature or a ruling); "
        "correct those records instead of reversing the step."
    ).format(step=name)


def reversal_target(kind: str, source: str, target: str, current: CaseStatus) -> CaseStatus:
    """The status a reversal of the step ``kind`` (``source`` → ``target``) restores; refuses a
    step that cannot be reversed or that is no longer where the case stands."""
    why = explain_irreversible(kind)
    if why is not None:
        raise WorkflowError(why)
    if current.value != target:
        raise WorkflowError(
            _(
                "The case is “{status}” now, no longer where that step left it; only the last step can be reversed."
            ).format(status=label(current))
        )
    try:
        return CaseStatus(source)
    except ValueError:
        raise WorkflowError(_("That step has no earlier status to return to.")) from None
