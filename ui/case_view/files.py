"""Choosing files: where to save an export, which file to attach. Replaced in tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


class SaveFile:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
        path, _selected = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(path) if path else None


class OpenFile:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, filters: str) -> Path | None:
        path, _selected = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(path) if path else None
