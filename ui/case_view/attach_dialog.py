"""Attaching a file to the case: what it is (evidence, a proof of identity, a payment receipt …),
its title and who handed it in, or a signed scan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from mediation_app.domain.party import Submitter
from mediation_app.i18n import _
from mediation_app.services.cases.evidence import HANDED_IN
from ui.case_view.context import CaseContext
from ui.case_view.form_dialog import FormDialog
from ui.case_view.inputs import fill_combo


@dataclass(frozen=True)
class AttachValues:
    kind: str
    title: str
    submitted_by: Submitter
    filename: str
    content: bytes


class AttachDialog(FormDialog[AttachValues]):
    def __init__(
        self, ctx: CaseContext, path: Path, content: bytes, parent: QWidget | None = None, *, title: str = ""
    ) -> None:
        super().__init__(ctx, _("Attach a file"), parent)
        self.setObjectName("attachDialog")
        self._path, self._content = path, content
        self.form.addRow(_("File"), QLabel(path.name, self))
        self.kind = QComboBox()
        self.kind.setObjectName("attachKind")
        fill_combo(self.kind, [(kind.label, kind.value) for kind in HANDED_IN])
        self.add_field("attachment.kind", _("Kind of file"), self.kind)
        self.title = QLineEdit(title or path.stem)
        self.add_field("attachment.title", _("Title"), self.title)
        self.submitted_by = QComboBox()
        fill_combo(self.submitted_by, Submitter.choices())
        self.add_field("attachment.submitted_by", _("Handed in by"), self.submitted_by)

    def values(self) -> AttachValues:
        return AttachValues(
            self.kind.currentData(),
            self.title.text(),
            Submitter(self.submitted_by.currentData()),
            self._path.name,
            self._content,
        )

    @classmethod
    def ask(
        cls,
        ctx: CaseContext,
        parent: QWidget | None,
        submit: Callable[[AttachValues], Any],
        *,
        path: Path,
        content: bytes,
        title: str = "",
    ) -> AttachValues | None:
        return cls(ctx, path, content, parent, title=title).run(submit)
