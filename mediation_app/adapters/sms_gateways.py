"""How SMS leave the app: a small sender interface and the two real senders.

A sender takes a batch of messages and says, per message, whether it was handed over. It never
touches the database: :func:`mediation_app.services.sms.dispatch` records the outcome,
retries failures with a growing delay, and never drops a message.

**Export sender** (:class:`ExportSender`): writes the batch as ``sms-YYYYMMDD-HHMMSS.csv`` and
``.xlsx`` in a folder, in the form SMS platforms' bulk import takes (one message per row, a
header row, three columns):

============  ==========================================================================
column        content
============  ==========================================================================
手机号码       the recipient's mobile number, 11 digits, as text (no +86, no spaces)
短信内容       the message text exactly as queued (the platform adds its signature 【…】)
发送时间       when to send, Beijing time ``YYYY-MM-DD HH:MM:SS``; empty: send at once
============  ==========================================================================

The CSV is UTF-8 with a byte-order mark (Excel and the platforms' importers read it as UTF-8),
comma-separated, every field quoted. The XLSX holds the same rows on one sheet named 短信, every
cell text. Messages are "sent" once the files are written; the clerk imports them.

**HTTP sender** (:class:`HttpSender`): posts each message as JSON to a configured endpoint (a
gateway the centre runs in front of its platform)::

    POST <url>   Content-Type: application/json; charset=utf-8   [Authorization: Bearer <token>]
    {"reference": "sms-42", "phone": "13859012345", "content": "…", "send_time": null | "2021-03-10 09:00:00"}

Any 2xx answer is success; another status (a redirect too), a refused connection or a timeout
is a failure, recorded with its reason. The system's proxy settings are ignored unless the sender
is built with ``system_proxy=True``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mediation_app.clock import CHINA

EXPORT_COLUMNS = ("手机号码", "短信内容", "发送时间")


@dataclass(frozen=True)
class OutgoingSms:
    id: int
    phone: str
    text: str
    send_at: dt.datetime | None = None
    recipient_name: str = ""


@dataclass(frozen=True)
class SendOutcome:
    message_id: int
    ok: bool
    error: str = ""


class SmsSender(Protocol):
    """Hands messages over to an SMS platform; one outcome per message, in any order."""

    name: str

    def send(self, messages: Sequence[OutgoingSms]) -> list[SendOutcome]: ...


def send_time_text(moment: dt.datetime | None) -> str:
    """Beijing time as the platforms write it, or empty for "at once"."""
    if moment is None:
        return ""
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")


class ExportSender:
    """Writes the batch to a CSV and an XLSX file for the SMS platform's bulk import (the CSV
    alone with ``workbook=False``: the demo, whose exports nobody imports)."""

    name = "export"

    def __init__(self, folder: Path, now: dt.datetime, *, workbook: bool = True) -> None:
        self.folder = folder
        self.now = now
        self.workbook = workbook
        self.files: list[Path] = []

    def send(self, messages: Sequence[OutgoingSms]) -> list[SendOutcome]:
        if not messages:
            return []
        stem = f"sms-{self.now.astimezone(CHINA):%Y%m%d-%H%M%S}"
        rows = [(m.phone, m.text, send_time_text(m.send_at)) for m in messages]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            csv_path = self._free(stem, ".csv")
            with csv_path.open("w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out, quoting=csv.QUOTE_ALL)
                writer.writerow(EXPORT_COLUMNS)
                writer.writerows(rows)
            self.files.append(csv_path)
            if self.workbook:
                xlsx_path = csv_path.with_suffix(".xlsx")
                _write_xlsx(xlsx_path, rows)
                self.files.append(xlsx_path)
        except OSError as exc:
            return [SendOutcome(m.id, False, f"export failed: {exc}") for m in messages]
        return [SendOutcome(m.id, True) for m in messages]

    def _free(self, stem: str, suffix: str) -> Path:
        """A file name not used yet (two exports in the same second get ``-2``, ``-3`` …)."""
        candidate = self.folder / f"{stem}{suffix}"
        number = 2
        while candidate.exists() or candidate.with_suffix(".xlsx").exists():
            candidate = self.folder / f"{stem}-{number}{suffix}"
            number += 1
        return candidate


def _write_xlsx(path: Path, rows: Sequence[tuple[str, str, str]]) -> None:
    from openpyxl import Workbook  # imported here: only an export needs it

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "短信"
    sheet.append(list(EXPORT_COLUMNS))
    for row in rows:
        sheet.append(list(row))
    for column in ("A", "B", "C"):
        for cell in sheet[column]:
            cell.number_format = "@"  # text: keeps the phone's digits and the time as written
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 100
    sheet.column_dimensions["C"].width = 20
    book.save(path)


class HttpSender:
    """Posts each message as JSON to ``url``; a non-2xx answer or no answer is a failure."""

    name = "http"

    def __init__(
        self, url: str, *, timeout: float = 10.0, token: str | None = None, system_proxy: bool = False
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) URL: {url!r}")
        self.url = url
        self.timeout = timeout
        self.token = token
        # A redirect would turn the POST into a GET that "succeeds" without sending anything, so
        # it is refused (a 3xx is a failure). The gateway is normally on the centre's network:
        # the system's proxy settings are used only when asked for.
        handlers: list[urllib.request.BaseHandler] = [_RefuseRedirects()]
        if not system_proxy:
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    def send(self, messages: Sequence[OutgoingSms]) -> list[SendOutcome]:
        return [self._post(message) for message in messages]

    def _post(self, message: OutgoingSms) -> SendOutcome:
        body = json.dumps(
            {
                "reference": f"sms-{message.id}",
                "phone": message.phone,
                "content": message.text,
                "send_time": send_time_text(message.send_at) or None,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                status = int(response.status)
        except urllib.error.HTTPError as exc:
            return SendOutcome(message.id, False, f"HTTP {exc.code} {exc.reason}")
        except urllib.error.URLError as exc:
            return SendOutcome(message.id, False, f"no connection: {exc.reason}")
        except (TimeoutError, OSError) as exc:
            return SendOutcome(message.id, False, f"no answer: {exc}")
        if not 200 <= status < 300:
            return SendOutcome(message.id, False, f"HTTP {status}")
        return SendOutcome(message.id, True)


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises HTTPError with the 3xx status
