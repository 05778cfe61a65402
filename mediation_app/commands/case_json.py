"""The JSON and text forms the ``case`` and ``cases`` commands print (stable ids in JSON).

In JSON, statuses, tracks, levels and the other enumerations are their stable ids (``in_mediation``,
``people``, ``district``), money is a ``"0.00"`` string, dates are ISO; a ``*_label`` key beside
some of them gives the text in the user's language. ``"settlement"`` is the reconciled settlement
the case agreed on — the one its agreement prints — exactly as
:meth:`~mediation_app.fees.reconciliation.Settlement.to_dict` gives it, null (like ``"agreement"``)
while there is none. The text forms are for people and follow the interface language (Chinese by
default).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mediation_app import formatting
from mediation_app.domain.enums import label
from mediation_app.fees.reconciliation import Settlement
from mediation_app.i18n import _
from mediation_app.queries.case_header import CaseDetail, HistoryEntry
from mediation_app.queries.case_list import CaseRow
from mediation_app.queries.due import DueList, DueRow


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def history_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "kind": entry.kind,
        "from": entry.from_value or None,
        "to": entry.to_value or None,
        "by": entry.by or None,
        "reason": entry.reason or None,
        "decided_by": entry.decided_by or None,
    }


def settlement_json(settlement: Settlement) -> dict[str, Any]:
    """A reconciled settlement in JSON: its lines and totals as ``case show --json`` prints them
    (``batch propose --json`` prints each owner's the same way)."""
    return settlement.to_dict()


def case_json(detail: CaseDetail, settlement: Settlement | None) -> dict[str, Any]:
    """The case as ``case show --json`` prints it; ``settlement`` the one it agreed on (or None)."""
    org = detail.organisation
    agreement = detail.agreement
    confirmation = detail.confirmation
    performance = detail.performance
    return {
        "id": detail.id,
        "number": detail.number,
        "version": detail.version,
        "status": detail.status.value,
        "status_label": label(detail.status),
        "status_reason": detail.status_reason or None,
        "track": detail.track.value,
        "track_label": label(detail.track),
        "source": detail.source.value,
        "intake_date": detail.intake_date.isoformat(),
        "closed_on": _day(detail.closed_on),
        "organisation": {
            "id": org.id,
            "name": org.name,
            "short_name": org.short_name,
            "level": org.level.value,
            "level_label": label(org.level),
            "kind": org.kind.value,
        },
        "mediator": detail.mediator,
        "owner": {
            "name": detail.owner_name,
            "phone": detail.owner_phone,
            "id_number": detail.owner_id_number,
        },
        "company": detail.company_name,
        "unit": {
            "community": detail.community,
            "building": detail.building,
            "room": detail.room,
            "area": format(detail.area, "f"),
        },
        "claimed_total": formatting.plain_amount(detail.claimed_total),
        "mediation_start": _day(detail.mediation_start),
        "mediation_deadline": _day(detail.mediation_deadline),
        "extensions": {"count": detail.extensions, "days": detail.extended_days},
        "deadline": _day(detail.next_deadline),
        "deadline_kind": detail.deadline_kind.value if detail.deadline_kind else None,
        "days_left": detail.days_left,
        "urgency": detail.urgency.value if detail.urgency else None,
        "consent": {
            party: ({"method": c.method.value, "given_on": c.given_on.isoformat()} if c is not None else None)
            for party, c in (("owner", detail.consent.owner), ("company", detail.consent.company))
        },
        "allowed_actions": [a.value for a in detail.allowed_actions],
        "agreement": None
        if agreement is None
        else {
            "total": formatting.plain_amount(agreement.total),
            "reached_on": agreement.reached_on.isoformat(),
            "signed_on": _day(agreement.signed_on),
            "pay_method": agreement.pay_method,
            "pay_place": agreement.pay_place,
            "instalments": [
                {"seq": i.seq, "due_on": i.due_on.isoformat(), "amount": formatting.plain_amount(i.amount)}
                for i in agreement.instalments
            ],
        },
        "settlement": settlement_json(settlement) if settlement is not None else None,
        "confirmation": None
        if confirmation is None
        else {
            "court": confirmation.court_name,
            "applied_on": confirmation.applied_on.isoformat(),
            "outcome": confirmation.outcome.value,
            "ruling_number": confirmation.ruling_number or None,
            "decided_on": _day(confirmation.decided_on),
            "window_deadline": confirmation.window.deadline.isoformat(),
        },
        "performance": None
        if performance is None
        else {
            "paid": formatting.plain_amount(performance.paid),
            "outstanding": formatting.plain_amount(performance.outstanding),
            "overdue_instalments": [i.number for i in performance.overdue],
        },
        "sms_waiting": detail.sms_waiting,
        "history": [history_json(entry) for entry in detail.history],
    }


def case_text(detail: CaseDetail) -> str:
    org = detail.organisation
    lines = [
        f"{detail.number}  {label(detail.status)}",
        _("Track: {track}").format(track=label(detail.track)),
        _("Organisation: {name} ({level})").format(name=org.name, level=label(org.level)),
        _("Mediator: {name}").format(name=detail.mediator or "—"),
        _("Owner: {name}  Company: {company}").format(name=detail.owner_name, company=detail.company_name),
        _("Unit: {community} {building} {room}").format(
            community=detail.community, building=detail.building, room=detail.room
        ),
        _("Claimed: {amount} yuan").format(amount=formatting.amount(detail.claimed_total)),
    ]
    if detail.next_deadline is not None:
        what = detail.deadline_kind.label if detail.deadline_kind else _("Deadline")
        state = detail.urgency.label if detail.urgency else ""
        left = detail.days_left or 0
        if left < 0:
            line = _("{what}: {date} ({days} days overdue)").format(
                what=what, date=formatting.date(detail.next_deadline), days=-left
            )
        else:
            line = _("{what}: {date} ({days} days left, {state})").format(
                what=what, date=formatting.date(detail.next_deadline), days=left, state=state
            )
        lines.append(line)
    if detail.status_reason:
        lines.append(_("Reason: {reason}").format(reason=detail.status_reason))
    if detail.allowed_actions:
        lines.append(
            _("Next steps: {steps}").format(steps="、".join(a.label for a in detail.allowed_actions))
        )
    lines.append(_("History:"))
    for entry in detail.history:
        text = f"  {formatting.short_moment(entry.at)}  {entry.description}"
        who = entry.decided_by or entry.by
        if who:
            text += "  " + _("by {name}").format(name=who)
        if entry.reason:
            text += "  " + _("reason: {reason}").format(reason=entry.reason)
        lines.append(text)
    return "\n".join(lines)


def row_json(row: CaseRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "number": row.number,
        "owner": row.owner,
        "status": row.status.value,
        "company": row.company,
        "community": row.community,
        "building": row.building,
        "room": row.room,
        "track": row.track.value,
        "organisation": row.organization,
        "level": row.level.value,
        "deadline": _day(row.next_deadline),
    }


def row_text(row: CaseRow) -> str:
    return f"{row.number}  {row.owner}  {row.community}{row.building}{row.room}  {row.company}  {label(row.status)}"


def due_row_json(row: DueRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "number": row.number,
        "owner": row.owner,
        "status": row.status.value,
        "track": row.track.value,
        "organisation": row.organisation,
        "level": row.level.value,
        "deadline": row.deadline.isoformat(),
        "deadline_kind": row.deadline_kind.value if row.deadline_kind else None,
        "days_left": row.days_left,
        "urgency": row.urgency.value,
    }


def due_json(due: DueList) -> dict[str, Any]:
    return {
        "today": due.today.isoformat(),
        "days": due.days,
        "overdue": [due_row_json(r) for r in due.overdue],
        "due_soon": [due_row_json(r) for r in due.due_soon],
    }


def due_text(due: DueList) -> str:
    lines = [
        _("Overdue: {count}").format(count=len(due.overdue)),
        *(_due_line(r) for r in due.overdue),
        _("Due within {days} days: {count}").format(days=due.days, count=len(due.due_soon)),
        *(_due_line(r) for r in due.due_soon),
    ]
    return "\n".join(lines)


def _due_line(row: DueRow) -> str:
    what = row.deadline_kind.label if row.deadline_kind else ""
    return (
        f"  {row.number}  {row.owner}  {label(row.status)}  {row.organisation}  "
        f"{what} {formatting.short_date(row.deadline)} ({row.days_left:+d})"
    )
