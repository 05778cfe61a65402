"""Checking the data itself against the audit chain: which rows differ from their last audited state.

Each audit event carries the seals of the rows its unit of work wrote
(:mod:`mediation_app.domain.row_digest`). :func:`check_rows` keeps, for every row, the newest seal
in the chain, reads every audited table as it is now and names each row whose audited columns no
longer match (edited behind the app's back, for example with ``sqlite3`` or ``psql``), that is gone
though the chain never saw it deleted, that came back after it was deleted, or that appeared with
no seal at all after sealing began for its table. The deep check also compares the large columns
(each final document's PDF) and each attachment file on disk with the hash recorded for it.

Rows written before this app sealed rows (an older database) have no seal: they are counted, not
named, since nothing vouches for them either way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app.domain.row_digest import RowSeal, parse_seals
from mediation_app.i18n import N_, _
from mediation_app.queries.audit_trail import FIELD_LABELS
from mediation_app.storage.models import Attachment, AuditEvent, Case, ClaimItem, Document
from mediation_app.storage.row_seals import audited_tables, current_rows

_CHUNK = 1 << 20
NAMED_AT_MOST = 200


class RowProblem(StrEnum):
    CHANGED = "changed"  # audited columns differ from the newest seal
    DELETED = "deleted"  # sealed, and gone without the chain seeing it deleted
    REAPPEARED = "reappeared"  # the chain saw it deleted, and it is there
    UNSEALED = "unsealed"  # no seal, though its table was sealed before it
    FILE = "file"  # an attachment file that is missing or whose content differs


TABLE_LABELS: dict[str, str] = {
    "organization": N_("organisation"),
    "staff": N_("staff account"),
    "owner": N_("owner"),
    "company": N_("property company"),
    "community": N_("community"),
    "unit": N_("unit"),
    "unit_rate": N_("fee standard"),
    "utility_bill": N_("utility bill"),
    "fee_payment": N_("fee payment"),
    "case": N_("case"),
    "claim_item": N_("claim line"),
    "case_event": N_("case event"),
    "consent": N_("consent"),
    "extension": N_("extension"),
    "mediation_session": N_("mediation session"),
    "attachment": N_("attachment"),
    "statement": N_("arrears statement"),
    "proposal": N_("settlement proposal"),
    "agreement": N_("agreement"),
    "instalment": N_("instalment"),
    "performance_payment": N_("payment under the agreement"),
    "follow_up": N_("follow-up visit"),
    "judicial_confirmation": N_("judicial confirmation"),
    "sms_message": N_("SMS"),
    "document": N_("final document"),
    "setting": N_("setting"),
}

EXTRA_FIELD_LABELS: dict[str, str] = {
    "content": N_("PDF content"),
    "sha256": N_("recorded hash"),
    "payable": N_("Payable"),
    "password_hash": N_("password"),
    "description": N_("Description"),
    "kind": N_("Kind"),
}


@dataclass(frozen=True)
class RowDifference:
    problem: RowProblem
    table: str
    key: str
    label: str  # the row in words: "claim line 3 of case 荔物调(2026)0104号"
    columns: tuple[str, ...] = ()
    event_id: int | None = None  # the event holding the newest seal

    def describe(self) -> str:
        """The difference in one sentence, in the user's language."""
        if self.problem == RowProblem.CHANGED:
            return _("{row}: {columns} differs from its last audited state (event {event})").format(
                row=self.label,
                columns=_(", ").join(_column_label(c) for c in self.columns),
                event=self.event_id,
            )
        if self.problem == RowProblem.DELETED:
            return _("{row}: deleted outside the application (last audited in event {event})").format(
                row=self.label, event=self.event_id
            )
        if self.problem == RowProblem.REAPPEARED:
            return _("{row}: present again although event {event} recorded it deleted").format(
                row=self.label, event=self.event_id
            )
        if self.problem == RowProblem.UNSEALED:
            return _("{row}: written outside the application (no audit event records it)").format(
                row=self.label
            )
        return _("{row}: {what}").format(row=self.label, what=", ".join(self.columns))


@dataclass
class RowReport:
    tables: int = 0
    rows: int = 0
    sealed: int = 0
    older: int = 0  # rows from before sealing began: counted, not named
    differences: list[RowDifference] = field(default_factory=list)
    more: int = 0  # differences past NAMED_AT_MOST, counted only
    deep: bool = False
    files: int = 0

    @property
    def clean(self) -> bool:
        return not self.differences and not self.more

    def _add(self, difference: RowDifference) -> None:
        if len(self.differences) < NAMED_AT_MOST:
            self.differences.append(difference)
        else:
            self.more += 1


def _column_label(column: str) -> str:
    known = FIELD_LABELS.get(column) or EXTRA_FIELD_LABELS.get(column)
    return _(known) if known else column


def newest_seals(session: Session) -> dict[tuple[str, str], tuple[int, RowSeal]]:
    """(table, key) → (event id, seal) of the newest seal of every row the chain has sealed."""
    newest: dict[tuple[str, str], tuple[int, RowSeal]] = {}
    result = session.execute(
        select(AuditEvent.id, AuditEvent.rows_json)
        .where(AuditEvent.rows_json != "")
        .order_by(AuditEvent.id)
        .execution_options(yield_per=1000)
    )
    for event_id, text in result:
        for seal in parse_seals(text):
            newest[(seal.table, seal.key)] = (event_id, seal)
    return newest


def _int_key(key: str) -> int | None:
    return int(key) if key.isdigit() else None


def check_rows(session: Session, *, deep: bool = False, attachments: Path | None = None) -> RowReport:
    """Compare every audited row with its newest seal; ``deep`` adds PDFs and attachment files."""
    report = RowReport(deep=deep)
    newest = newest_seals(session)
    first_sealed: dict[str, int] = {}
    for name, key in newest:
        number = _int_key(key)
        if number is not None and (name not in first_sealed or number < first_sealed[name]):
            first_sealed[name] = number
    found: list[tuple[RowProblem, str, str, tuple[str, ...], int | None]] = []
    for table in audited_tables():
        report.tables += 1
        for key, values in current_rows(session, table, deep=deep):
            report.rows += 1
            entry = newest.pop((table.name, key), None)
            if entry is None:
                number = _int_key(key)
                start = first_sealed.get(table.name)
                if start is not None and number is not None and number > start:
                    found.append((RowProblem.UNSEALED, table.name, key, (), None))
                else:
                    report.older += 1
                continue
            event_id, seal = entry
            if seal.fields is None:
                found.append((RowProblem.REAPPEARED, table.name, key, (), event_id))
                continue
            report.sealed += 1
            differing = seal.differing(table.name, key, values)
            if differing:
                found.append((RowProblem.CHANGED, table.name, key, tuple(differing), event_id))
    for (table_name, key), (event_id, seal) in sorted(newest.items(), key=lambda item: item[1][0]):
        if seal.fields is not None:
            found.append((RowProblem.DELETED, table_name, key, (), event_id))
    labels = _labels(session, [(t, k) for _p, t, k, _c, _e in found[: NAMED_AT_MOST + 1]])
    for problem, table_name, key, columns, seal_event in found:
        report._add(
            RowDifference(problem, table_name, key, labels.get((table_name, key), ""), columns, seal_event)
        )
    if deep and attachments is not None:
        _check_files(session, attachments, report)
    return report


def _check_files(session: Session, folder: Path, report: RowReport) -> None:
    rows = session.execute(
        select(Attachment.id, Attachment.case_id, Attachment.stored_name, Attachment.sha256).order_by(
            Attachment.id
        )
    ).all()
    labels = _labels(session, [("attachment", str(row.id)) for row in rows])
    for row in rows:
        report.files += 1
        path = folder / row.stored_name
        label = labels.get(("attachment", str(row.id)), "")
        if not path.is_file():
            report._add(
                RowDifference(RowProblem.FILE, "attachment", str(row.id), label, (_("its file is missing"),))
            )
            continue
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != row.sha256:
            report._add(
                RowDifference(
                    RowProblem.FILE,
                    "attachment",
                    str(row.id),
                    label,
                    (_("its file's content differs from the hash recorded for it"),),
                )
            )


def _labels(session: Session, rows: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Each row in words, with its case's number where it belongs to a case."""
    wanted = list(rows)
    by_table: dict[str, list[int]] = {}
    for name, key in wanted:
        number = _int_key(key)
        if number is not None:
            by_table.setdefault(name, []).append(number)
    case_of: dict[tuple[str, str], int] = {}
    extra: dict[tuple[str, str], str] = {}
    for table in audited_tables():
        ids = by_table.get(table.name)
        if not ids or "case_id" not in table.cls.__table__.columns:
            continue
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            model = table.cls
            columns = [model.id, model.case_id]  # type: ignore[attr-defined]
            if model is ClaimItem:
                columns.append(ClaimItem.position)
            if model is Document:
                columns.append(Document.number)
            for found in session.execute(select(*columns).where(model.id.in_(chunk))):  # type: ignore[attr-defined]
                case_of[(table.name, str(found[0]))] = found[1]
                if len(found) > 2:
                    extra[(table.name, str(found[0]))] = str(found[2] + 1 if model is ClaimItem else found[2])
    case_ids = set(case_of.values()) | {
        number for name, key in wanted if name == "case" and (number := _int_key(key)) is not None
    }
    numbers: dict[int, str] = {}
    if case_ids:
        for found_id, found_number in session.execute(
            select(Case.id, Case.number).where(Case.id.in_(sorted(case_ids)))
        ):
            numbers[found_id] = found_number
    labels: dict[tuple[str, str], str] = {}
    for name, key in wanted:
        what = TABLE_LABELS.get(name)
        shown_table = _(what) if what else name
        row = (name, key)
        if name == "case":
            case_key = _int_key(key)
            shown = numbers.get(case_key) if case_key is not None else None
            labels[row] = _("case {number}").format(number=shown or f"#{key}")
            continue
        case_id = case_of.get(row)
        case = numbers.get(case_id, f"#{case_id}") if case_id is not None else ""
        if name == "claim_item" and row in extra and case_id is not None:
            labels[row] = _("claim line {line} of case {case}").format(line=extra[row], case=case)
        elif name == "document" and row in extra and case_id is not None:
            labels[row] = _("final document {number} of case {case}").format(number=extra[row], case=case)
        elif case_id is not None:
            labels[row] = _("{what} #{key} of case {case}").format(what=shown_table, key=key, case=case)
        else:
            labels[row] = _("{what} #{key}").format(what=shown_table, key=key)
    return labels
