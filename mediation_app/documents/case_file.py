"""卷宗: the whole case file as one bound document — a cover, the table of contents, the
documents and the files handed in, in the customary order, and the closing sheet (备考表).

The customary order of a mediation case file (卷内文件排列) follows the order in which the
document kinds are registered: intake form, notices, evidence (arrears statements), session
records, the settlement agreement, the application for judicial confirmation, follow-up records,
the closing report. The files attached to the case are bound in their places among them
(:class:`FiledAttachment`): the parties' proofs of identity after the intake form, evidence after
the arrears statement, the signed scan of a document right after it, payment receipts after the
follow-up records. Each :class:`FiledDocument` carries its own data (as issued when it was
finalised); a document the case does not have is simply absent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mediation_app.documents.parties import Organisation
from mediation_app.domain.enums import AttachmentKind, CaseStatus
from mediation_app.workflow.outcomes import Ending

BINDABLE = ("application/pdf", "image/jpeg", "image/png")
"""The kinds of file the case file binds page by page (others stay electronic: see ``unbound``)."""


@dataclass(frozen=True)
class FiledDocument:
    """One document in the file: its stored kind (``record.2``), its title as the contents list
    it, its date, and its data (any registered document's dataclass)."""

    kind: str
    title: str
    date: dt.date
    data: Any
    final: bool = False  # as issued (numbered, with its verification code), else as the case stands

    @property
    def base_kind(self) -> str:
        """The kind without the item: ``record`` for ``record.2`` (the renderer's key)."""
        return self.kind.partition(".")[0]


@dataclass(frozen=True)
class FiledAttachment:
    """A file handed in, bound into the case file page by page: what it is, its title, the day
    it was attached, and how to find its bytes in the attachment store (by content: the
    SHA-256 names the file, so the same data always binds the same pages)."""

    kind: AttachmentKind
    title: str
    date: dt.date
    media_type: str  # one of BINDABLE
    sha256: str
    stored_name: str  # the file's name in the attachment store
    submitted_by: str = ""  # owner | company | centre


@dataclass(frozen=True)
class CaseFile:
    case_number: str
    organisation: Organisation
    cause: str  # 案由, e.g. "物业服务合同纠纷"
    parties: tuple[str, ...]
    intake_date: dt.date
    closing_date: dt.date | None
    outcome: CaseStatus
    mediators: tuple[str, ...]
    keeper: str  # 立卷人, who put the file together
    checker: str  # 检查人
    retention: str  # 保管期限, e.g. "长期"
    date: dt.date  # 立卷日期
    sections: tuple[FiledDocument | FiledAttachment, ...] = ()  # in the customary order
    remarks: str = ""  # for the closing sheet (备考表)
    ending: Ending | None = None  # how the case ended, once it has concluded (the closing report's)
    unbound: tuple[str, ...] = ()  # files of the case kept only electronically (spreadsheets …)
