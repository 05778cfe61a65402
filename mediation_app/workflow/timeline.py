"""A case's path as a readable timeline, built from its stored events.

An event is ``(at, kind, from, to, by, reason)`` — the same fields ``case show --json`` prints in
``history``. ``kind`` says what ``from`` and ``to`` hold:

- ``status`` or an :class:`~.actions.Action` id that moves the status: status ids;
- ``track`` / ``transfer_track``: track ids (四调衔接);
- ``level`` / ``refer_level``: level ids (三级联动);
- ``extension`` / ``extend_period``: the old and new deadline (ISO dates);
- any other kind (``consent``, ``session``, ``sms``, ``payment`` …): free values, shown as they are.

An empty ``from`` means the first value (a case registered, a first track). Stable ids are shown
by their translated labels, ISO dates as dates; events are ordered by time, keeping the stored
order for events at the same moment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from mediation_app import formatting
from mediation_app.domain import corrections
from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.domain.labelled import LabelledEnum
from mediation_app.i18n import N_, _
from mediation_app.workflow.actions import Action
from mediation_app.workflow.levels import Direction, referral_direction


@dataclass(frozen=True)
class CaseEvent:
    at: dt.datetime
    kind: str
    from_value: str | None = None
    to_value: str | None = None
    by: str | None = None
    reason: str | None = None

    @classmethod
    def from_mapping(cls, row: Mapping[str, object]) -> CaseEvent:
        """From ``{at, kind, from, to, by, reason}`` (the JSON history's shape)."""
        at = row["at"]
        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at)
        if not isinstance(at, dt.datetime):
            raise ValueError(f"an event's 'at' must be a datetime, not {at!r}")
        return cls(
            at,
            str(row["kind"]),
            _text(row.get("from")),
            _text(row.get("to")),
            _text(row.get("by")),
            _text(row.get("reason")),
        )


class EventKind(LabelledEnum):
    # Status, track, level and extension events are described by their values (see describe);
    # their labels name the kind of change where it is shown on its own.
    STATUS = "status", N_("Status")
    TRACK = "track", N_("Track")
    LEVEL = "level", N_("Level")
    EXTENSION = "extension", N_("Mediation period extended")
    CONSENT = "consent", N_("Consent recorded")
    ASSIGNMENT = "assignment", N_("Assigned")
    SESSION = "session", N_("Mediation session")
    SMS = "sms", N_("SMS sent")
    PAYMENT = "payment", N_("Payment recorded")
    FOLLOW_UP = "follow_up", N_("Follow-up visit")
    DOCUMENT = "document", N_("Document issued")
    FEE_TERMS = "fee_terms", N_("Fee terms recorded")
    PRIOR_PAYMENT = "prior_payment", N_("Payment before mediation recorded")
    UTILITY_BILL = "utility_bill", N_("Utility bill recorded")
    VOIDED = "voided", N_("Entry voided")
    FIGURES = "figures", N_("Figures recomputed")
    # A status change recorded in error, reversed: ``from`` the status left, ``to`` the one restored.
    REVERSAL = "reversal", N_("Step reversed")


_ACTION_KINDS = {
    Action.TRANSFER_TRACK: EventKind.TRACK,
    Action.REFER_LEVEL: EventKind.LEVEL,
    Action.EXTEND_PERIOD: EventKind.EXTENSION,
    Action.RECORD_CONSENT: EventKind.CONSENT,
    Action.ASSIGN_MEDIATOR: EventKind.ASSIGNMENT,
    Action.RECORD_SESSION: EventKind.SESSION,
    Action.RECORD_PAYMENT: EventKind.PAYMENT,
    Action.RECORD_FOLLOW_UP: EventKind.FOLLOW_UP,
}


@dataclass(frozen=True)
class TimelineEntry:
    event: CaseEvent
    description: str

    @property
    def at(self) -> dt.datetime:
        return self.event.at

    def line(self) -> str:
        """One readable line: time, what happened, who, why."""
        text = f"{formatting.short_moment(self.at)}  {self.description}"
        if self.event.by:
            text += "  " + _("by {name}").format(name=self.event.by)
        if self.event.reason:
            text += "  " + _("reason: {reason}").format(reason=self.event.reason)
        return text


@dataclass(frozen=True)
class Timeline:
    entries: tuple[TimelineEntry, ...]

    @classmethod
    def build(cls, events: Iterable[CaseEvent | Mapping[str, object]]) -> Timeline:
        items = [e if isinstance(e, CaseEvent) else CaseEvent.from_mapping(e) for e in events]
        try:
            ordered = sorted(items, key=lambda e: e.at)  # stable: equal times keep stored order
        except TypeError as mixed:
            raise ValueError("events mix times with and without a time zone") from mixed
        return cls(tuple(TimelineEntry(e, describe(e)) for e in ordered))

    def lines(self) -> list[str]:
        return [entry.line() for entry in self.entries]

    def statuses(self) -> tuple[CaseStatus, ...]:
        """The statuses the case went through, in order."""
        return tuple(CaseStatus(v) for v in self._path(EventKind.STATUS, CaseStatus))

    def tracks(self) -> tuple[Track, ...]:
        return tuple(Track(v) for v in self._path(EventKind.TRACK, Track))

    def levels(self) -> tuple[Level, ...]:
        return tuple(Level(v) for v in self._path(EventKind.LEVEL, Level))

    def _path(self, kind: EventKind, ids: type[StrEnum]) -> list[str]:
        path: list[str] = []
        valid = {m.value for m in ids}
        for entry in self.entries:
            event = entry.event
            found = category(event.kind)
            if found is not kind and not (kind is EventKind.STATUS and found is EventKind.REVERSAL):
                continue
            for value in (event.from_value, event.to_value):
                if value in valid and (not path or path[-1] != value):
                    path.append(value)
        return path


def category(kind: str) -> EventKind | None:
    """What an event's ``from``/``to`` hold, for a stored kind or an action id."""
    if _is(kind, EventKind):
        return EventKind(kind)
    if _is(kind, Action):
        return _ACTION_KINDS.get(Action(kind), EventKind.STATUS)
    return None


_PAYMENT = re.compile(r"^(\d+\.\d{2}) (\d{4}-\d{2}-\d{2})$")


def payment_value(amount: Decimal, day: dt.date) -> str:
    """What a payment's event stores: the amount and the day as data (``1326.38 2026-11-19``), put
    in words when the path is read, in the reader's language, never in the recorder's."""
    return f"{amount:.2f} {day.isoformat()}"


def _payment_words(value: str | None) -> str | None:
    found = _PAYMENT.match(value or "")
    if found is None:
        return None  # an event stored before the payment was kept as data: shown as written
    amount, day = found.groups()
    return f"{formatting.yuan(Decimal(amount))} · {formatting.date(dt.date.fromisoformat(day))}"


def describe(event: CaseEvent) -> str:
    """The event in a sentence in the user's language."""
    if corrections.is_correction(event.kind):
        return _describe_correction(event)
    if event.kind == corrections.SUPPLEMENT_EVENT:
        return _("Supplementary record to the signed agreement ({subject}): {text}").format(
            subject=event.from_value or "—", text=event.to_value or ""
        )
    kind = category(event.kind)
    old, new = event.from_value, event.to_value
    if kind is EventKind.STATUS:
        return _describe_status(event)
    if kind is EventKind.TRACK:
        if not old:
            return _("Put on {track}").format(track=_value(new))
        return _("Transferred from {old} to {new}").format(old=_value(old), new=_value(new))
    if kind is EventKind.LEVEL:
        return _describe_level(old, new)
    if kind is EventKind.REVERSAL:
        return _("Step reversed: {old} → {new}").format(old=_value(old), new=_value(new))
    if kind is EventKind.EXTENSION:
        return _("Mediation period extended: deadline {old} → {new}").format(old=_value(old), new=_value(new))
    head = kind.label if kind is not None else event.kind
    if _is(event.kind, Action):
        head = Action(event.kind).label
    detail = (_payment_words(new) if event.kind == Action.RECORD_PAYMENT.value else None) or _detail(old, new)
    return formatting.labelled(head, detail) if detail else head


def _describe_correction(event: CaseEvent) -> str:
    """``张三更正了业主电话（原因：录入错误）：138****0001 → 139****0002``"""
    field = corrections.field_label(event.kind.removeprefix(corrections.EVENT_PREFIX))
    change = _("{old} → {new}").format(old=_value(event.from_value), new=_value(event.to_value))
    if event.by and event.reason:
        return _("{name} corrected {field} (reason: {reason}): {change}").format(
            name=event.by, field=field, reason=event.reason, change=change
        )
    return _("Corrected {field}: {change}").format(field=field, change=change)


def _describe_status(event: CaseEvent) -> str:
    old, new = event.from_value, event.to_value
    if not old:
        return _("Case registered as {status}").format(status=_value(new))
    change = _("{old} → {new}").format(old=_value(old), new=_value(new))
    if _is(event.kind, Action):
        return formatting.labelled(Action(event.kind).label, change)
    return change


def _describe_level(old: str | None, new: str | None) -> str:
    if not old:
        return _("Placed at the {level}").format(level=_value(new))
    if new is not None and _is(old, Level) and _is(new, Level):
        direction = referral_direction(Level(old), Level(new))
        if direction is Direction.UP:
            return _("Referred up from {old} to {new}").format(old=_value(old), new=_value(new))
        return _("Referred down from {old} to {new}").format(old=_value(old), new=_value(new))
    return _("Referred from {old} to {new}").format(old=_value(old), new=_value(new))


def _detail(old: str | None, new: str | None) -> str:
    if old and new:
        return _("{old} → {new}").format(old=_value(old), new=_value(new))
    if new or old:
        return _value(new or old)
    return ""


def _value(value: str | None) -> str:
    """A stored value in words: a status, track or level by its label, an ISO date as a date."""
    if not value:
        return "—"
    for ids in (CaseStatus, Track, Level):
        if _is(value, ids):
            return formatting.quoted(ids(value).label)
    try:
        return formatting.date(dt.date.fromisoformat(value))
    except ValueError:
        return value


def _is(value: str | None, ids: type[StrEnum]) -> bool:
    """Whether ``value`` is one of the stable ids of ``ids``."""
    return value is not None and value in {member.value for member in ids}


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
