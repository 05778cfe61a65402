"""Checking a paper copy by its verification code (the QR code, or the same in words).

A paper copy, or a scan of the signed paper, is not the file that was finalised, so its SHA-256
says nothing; what it carries is the code printed on it (:mod:`mediation_app.documents.
verification`): the document number and the start of the content hash — the SHA-256 of the
document's data as recorded when it was finalised. :func:`verify_code` finds the final document by
its number and compares the digest with each version's recorded data: a match names the case, the
document and the version to compare the paper with; no match means the sheet was not issued with
that content (or not from this database).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediation_app import formatting
from mediation_app.documents.verification import parse_payload
from mediation_app.errors import ValidationError
from mediation_app.i18n import _
from mediation_app.services.documents.finalise import finaliser_name
from mediation_app.services.documents.registry import DocumentRef
from mediation_app.storage.models import Case, Document


@dataclass(frozen=True)
class CodeVerification:
    """What :func:`verify_code` found out about a verification code."""

    document_number: str
    digest: str  # the digits the code carries
    found: bool  # a final version of that number has data with that hash
    known_number: bool = False  # a final document has that number (whatever its data)
    case_number: str = ""
    title: str = ""
    version: int = 0
    latest_version: int = 0
    finalised_at: dt.datetime | None = None
    finalised_by: str = ""

    def message(self) -> str:
        """The finding in one or two sentences, in the user's language."""
        if not self.known_number:
            return _(
                "Not found: no final document numbered {number} is recorded in this database. The paper was "
                "not issued from it, or the code was misread."
            ).format(number=self.document_number)
        if not self.found:
            return _(
                "Does not match: {title} {number} of case {case} is recorded, but none of its final versions has "
                "data with the content digest {digest}. The paper does not carry the content that was issued."
            ).format(title=self.title, number=self.document_number, case=self.case_number, digest=self.digest)
        assert self.finalised_at is not None
        text = _(
            "Matches: {title} {number}, version {version}, of case {case}, finalised {when} by {who}. Compare the "
            "paper with that version as recorded."
        ).format(
            title=self.title,
            number=self.document_number,
            version=self.version,
            case=self.case_number,
            when=formatting.moment(self.finalised_at),
            who=self.finalised_by or _("unknown"),
        )
        if self.latest_version > self.version:
            text = _("{sentence} {next}").format(
                sentence=text,
                next=_("A newer version ({version}) has been finalised since.").format(
                    version=self.latest_version
                ),
            )
        return text


def verify_code(session: Session, text: str) -> CodeVerification:
    """Check the text of a verification code; ValidationError when it is not one."""
    try:
        code = parse_payload(text)
    except ValueError:
        raise ValidationError(
            "code",
            _("is not a document verification code (it reads “NUMBER SHA256:DIGITS mediation-app verify”)"),
            _("Verification code"),
        ) from None
    versions = list(
        session.scalars(
            select(Document).where(Document.number == code.document_number).order_by(Document.version_no)
        )
    )
    if not versions:
        return CodeVerification(code.document_number, code.short_digest, found=False)
    latest = versions[-1]
    matching = [
        document
        for document in versions
        if code.matches(hashlib.sha256(document.data_json.encode("utf-8")).hexdigest())
    ]
    record = matching[-1] if matching else latest
    case_number = session.scalar(select(Case.number).where(Case.id == record.case_id)) or ""
    return CodeVerification(
        code.document_number,
        code.short_digest,
        found=bool(matching),
        known_number=True,
        case_number=case_number,
        title=DocumentRef.parse(record.kind).describe(),
        version=record.version_no,
        latest_version=latest.version_no,
        finalised_at=record.finalised_at,
        finalised_by=finaliser_name(session, record),
    )


__all__ = ["CodeVerification", "verify_code"]
