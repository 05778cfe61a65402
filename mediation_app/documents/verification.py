"""What a document's verification QR code says, and how to read it back.

The payload is one line of text (UTF-8, QR byte mode)::

    MDOC1|荔物调〔2026〕0001号|荔物调协〔2026〕0001号|<64 hex digits>

``MDOC1`` names this format (version 1); then the case number, the document number and the
content hash of the document's data (:func:`mediation_app.documents.canonical.content_hash`).
A verifier (``mediation-app verify``) compares a file's SHA-256 with the one recorded when the
document was finalised, and can read the QR to find the case and document without asking the
user; a QR whose content hash differs from the recorded data's hash marks a forged sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIX = "MDOC1"
SEPARATOR = "|"
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class VerificationCode:
    case_number: str
    document_number: str
    content_hash: str

    def __post_init__(self) -> None:
        for name in ("case_number", "document_number"):
            value = getattr(self, name)
            if not value or SEPARATOR in value or "\n" in value:
                raise ValueError(f"{name} cannot be put in a verification code: {value!r}")
        if not _HEX64.fullmatch(self.content_hash):
            raise ValueError(f"not a SHA-256 hex digest: {self.content_hash!r}")

    def payload(self) -> str:
        return SEPARATOR.join((PREFIX, self.case_number, self.document_number, self.content_hash))


def parse_payload(text: str) -> VerificationCode:
    """Read a payload made by :meth:`VerificationCode.payload`; ValueError if it is not one."""
    parts = text.strip().split(SEPARATOR)
    if len(parts) != 4 or parts[0] != PREFIX:
        raise ValueError(f"not a document verification code: {text!r}")
    return VerificationCode(parts[1], parts[2], parts[3])


__all__ = ["PREFIX", "VerificationCode", "parse_payload"]
