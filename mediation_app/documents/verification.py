"""What a final document's verification QR code says, and how to read it back.

The payload is one line a person can read off any phone's scanner::

    荔物调协〔2021〕0001号 SHA256:0123abcd4567ef89 mediation-app verify

the document number, the first :data:`DIGEST_DIGITS` hex digits of the document's *content hash*
(SHA-256 of the canonical JSON of its data, :func:`mediation_app.documents.canonical.content_hash`
— not of the PDF file, which a paper copy or a signed scan does not reproduce), and the command
that checks it. The same three things are printed in words beside the code. A verifier looks the
number up among the final documents and compares the digest with the hash of each version's
stored data: a sheet whose digest matches none was not issued with that content.

Codes printed before this format (``MDOC1|case number|document number|64 hex digits``) are still
read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGEST_DIGITS = 16
LABEL = "SHA256:"
COMMAND = "mediation-app verify"
_PAYLOAD = re.compile(rf"(?P<number>\S+) {LABEL}(?P<digest>[0-9a-f]{{{DIGEST_DIGITS},64}}) {COMMAND}")
_OLD_PREFIX = "MDOC1"
_HEX = re.compile(rf"[0-9a-f]{{{DIGEST_DIGITS},64}}")


@dataclass(frozen=True)
class VerificationCode:
    """A document number and (the start of) the content hash of its data."""

    document_number: str
    digest: str  # hex, at least DIGEST_DIGITS digits (the whole hash when the code is made)

    def __post_init__(self) -> None:
        if not self.document_number or any(char.isspace() or char == "|" for char in self.document_number):
            raise ValueError(
                f"a document number cannot be put in a verification code: {self.document_number!r}"
            )
        if not _HEX.fullmatch(self.digest):
            raise ValueError(f"not a SHA-256 hex digest: {self.digest!r}")

    @property
    def short_digest(self) -> str:
        """The digits printed and encoded: the first :data:`DIGEST_DIGITS`."""
        return self.digest[:DIGEST_DIGITS]

    def payload(self) -> str:
        return f"{self.document_number} {LABEL}{self.short_digest} {COMMAND}"

    def matches(self, content_hash: str) -> bool:
        """Whether ``content_hash`` (64 hex digits) is the hash this code carries the start of."""
        return content_hash.lower().startswith(self.digest)


def parse_payload(text: str) -> VerificationCode:
    """Read a payload made by :meth:`VerificationCode.payload` (or an older ``MDOC1`` one);
    ValueError if it is not one."""
    clean = " ".join(text.split())
    found = _PAYLOAD.fullmatch(clean)
    if found is not None:
        return VerificationCode(found["number"], found["digest"])
    parts = clean.split("|")
    if len(parts) == 4 and parts[0] == _OLD_PREFIX:
        return VerificationCode(parts[2], parts[3])
    raise ValueError(f"not a document verification code: {text!r}")


__all__ = ["COMMAND", "DIGEST_DIGITS", "LABEL", "VerificationCode", "parse_payload"]
