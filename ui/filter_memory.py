"""The case list's last filters (and the deadlines page's), kept between sessions as JSON in QSettings.

Only the filter bar is remembered, not the search text: a list that opens already narrowed by a
half-forgotten search would look like missing cases. Values that no longer exist (an unknown
status id, a deleted company) are dropped on the way back in, never an error.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from mediation_app.domain.enums import CaseStatus, Level, Track
from mediation_app.queries.case_list import CaseFilter

KEY = "case_list/filters"


def to_json(case_filter: CaseFilter) -> str:
    return json.dumps(
        {
            "statuses": sorted(s.value for s in case_filter.statuses),
            "tracks": sorted(t.value for t in case_filter.tracks),
            "levels": sorted(lv.value for lv in case_filter.levels),
            "organization_id": case_filter.organization_id,
            "company_id": case_filter.company_id,
            "community_id": case_filter.community_id,
            "intake_from": case_filter.intake_from.isoformat() if case_filter.intake_from else None,
            "intake_to": case_filter.intake_to.isoformat() if case_filter.intake_to else None,
            "closed_from": case_filter.closed_from.isoformat() if case_filter.closed_from else None,
            "closed_to": case_filter.closed_to.isoformat() if case_filter.closed_to else None,
        },
        sort_keys=True,
    )


def from_json(text: str | None) -> CaseFilter:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return CaseFilter()
    if not isinstance(data, dict):
        return CaseFilter()
    return CaseFilter(
        statuses=_members(data.get("statuses"), CaseStatus),
        tracks=_members(data.get("tracks"), Track),
        levels=_members(data.get("levels"), Level),
        organization_id=_int(data.get("organization_id")),
        company_id=_int(data.get("company_id")),
        community_id=_int(data.get("community_id")),
        intake_from=_date(data.get("intake_from")),
        intake_to=_date(data.get("intake_to")),
        closed_from=_date(data.get("closed_from")),
        closed_to=_date(data.get("closed_to")),
    )


def save(settings: QSettings, case_filter: CaseFilter) -> None:
    settings.setValue(KEY, to_json(case_filter))


def load(settings: QSettings) -> CaseFilter:
    value = settings.value(KEY)
    return from_json(value if isinstance(value, str) else None)


def _members(values: Any, enum: Any) -> frozenset[Any]:
    if not isinstance(values, list):
        return frozenset()
    known = {m.value: m for m in enum}
    return frozenset(known[v] for v in values if isinstance(v, str) and v in known)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# --- the deadlines page --------------------------------------------------------------------------

DEADLINES_KEY = "deadlines/filter"


@dataclass(frozen=True)
class DeadlinesFilter:
    """The deadlines page's choices: only one's own organisation (None: not chosen yet, so the
    page's default — on, for someone who belongs to one), how many days ahead, and whether the
    closed-but-unperformed group is unfolded."""

    own_organisation_only: bool | None = None
    days: int | None = None
    unperformed_open: bool = False


def save_deadlines(settings: QSettings, chosen: DeadlinesFilter) -> None:
    settings.setValue(
        DEADLINES_KEY,
        json.dumps(
            {
                "own_organisation_only": chosen.own_organisation_only,
                "days": chosen.days,
                "unperformed_open": chosen.unperformed_open,
            },
            sort_keys=True,
        ),
    )


def load_deadlines(settings: QSettings) -> DeadlinesFilter:
    value = settings.value(DEADLINES_KEY)
    try:
        data = json.loads(value) if isinstance(value, str) else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    own = data.get("own_organisation_only")
    opened = data.get("unperformed_open")
    return DeadlinesFilter(
        own if isinstance(own, bool) else None,
        _int(data.get("days")),
        opened if isinstance(opened, bool) else False,
    )
