"""The Verify dialog's view model: whether a PDF file is an unaltered final document, and whether
a paper copy's verification code matches what was issued."""

from __future__ import annotations

from dataclasses import dataclass

from mediation_app.services.documents.finalise import verify_file
from mediation_app.services.documents.verify_code import verify_code
from ui.viewmodels.workspace import Workspace


@dataclass(frozen=True)
class Finding:
    found: bool
    message: str  # in the user's language


class VerificationViewModel:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def check_file(self, content: bytes) -> Finding:
        """By the file's SHA-256 (a final document as finalised, or its registered signed scan)."""
        with self._workspace.db.read() as session:
            found = verify_file(session, content)
        return Finding(found.found, found.message())

    def check_code(self, text: str) -> Finding:
        """By the code of a paper copy (its number and content digest); ValidationError when the
        text is not a verification code."""
        with self._workspace.db.read() as session:
            found = verify_code(session, text)
        return Finding(found.found, found.message())
