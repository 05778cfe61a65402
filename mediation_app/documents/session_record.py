"""调解记录: the record of one mediation session — when, where or how (in person, by phone, by
video, in a WeChat group), who took part, what was said (speaker by speaker), what was agreed,
and what happens next; signed by everyone present."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mediation_app.documents.parties import Organisation


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str  # as printed, e.g. "业主", "物业公司委托代理人", "调解员"


@dataclass(frozen=True)
class RecordEntry:
    speaker: str  # as printed before the words, e.g. "调解员", "车某"
    text: str


@dataclass(frozen=True)
class SessionRecord:
    case_number: str
    organisation: Organisation
    number: int  # the first, second … session of the case
    start: dt.datetime
    end: dt.datetime | None
    place: str  # a room, or the channel: "微信群“荔景花园3-1502物业费调解”"
    mode: str  # in words: "线上（微信群）", "现场", "电话", "视频"
    mediators: tuple[str, ...]
    recorder: str
    attendees: tuple[Attendee, ...]
    entries: tuple[RecordEntry, ...]
    outcome: str  # what was agreed or where it stands
    next_step: str  # "" when there is none
