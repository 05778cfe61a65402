"""The audit trail's hash chain, as pure functions.

Each event's hash covers its own content (with the seals of the rows its unit of work wrote, see
:mod:`mediation_app.domain.row_digest`) and the hash of the event before it, so an event that is
edited, deleted or moved breaks every link after it. :func:`first_break` names the first event
whose stored hash or link does not match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainedEvent:
    id: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str
    action: str
    entity: str
    entity_id: str
    case_id: int | None
    before_json: str
    after_json: str
    prev_hash: str
    hash: str
    rows_json: str = ""


def event_hash(
    *,
    prev_hash: str,
    at: dt.datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    entity: str,
    entity_id: str,
    case_id: int | None,
    before_json: str,
    after_json: str,
    rows_json: str = "",
) -> str:
    """The hash of one event. The seals of the rows it wrote count when there are any, so the
    events written before row seals existed keep the hashes they were written with."""
    fields: list[object] = [
        prev_hash,
        at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        actor_id,
        actor_name,
        action,
        entity,
        entity_id,
        case_id,
        before_json,
        after_json,
    ]
    if rows_json:
        fields.append(rows_json)
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    problem: str  # "hash" (content changed), "link" (an event before it was removed or moved)


def first_break(events: Iterable[ChainedEvent], head_hash: str | None = None) -> ChainBreak | None:
    """The first broken link in ``events`` (in id order), or None when the chain is whole.

    ``head_hash`` is the hash the chain's head row remembers: when the newest events are deleted
    the remaining chain is still consistent, and only the head shows the loss.
    """
    expected_prev = GENESIS
    last_id = 0
    for event in events:
        if event.prev_hash != expected_prev:
            return ChainBreak(event.id, "link")
        recomputed = event_hash(
            prev_hash=event.prev_hash,
            at=event.at,
            actor_id=event.actor_id,
            actor_name=event.actor_name,
            action=event.action,
            entity=event.entity,
            entity_id=event.entity_id,
            case_id=event.case_id,
            before_json=event.before_json,
            after_json=event.after_json,
            rows_json=event.rows_json,
        )
        if recomputed != event.hash:
            return ChainBreak(event.id, "hash")
        expected_prev = event.hash
        last_id = event.id
    if head_hash is not None and head_hash != expected_prev:
        return ChainBreak(last_id + 1, "head")
    return None
