"""What a case view page states about the case: a read-only label per fact beside its caption.

The page builds the labels once with :func:`fact_labels` and sets their text on every load; a
label may wrap, since an address or a list of consents can be long.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def fact_labels(
    form: QFormLayout, parent: QWidget, facts: Iterable[tuple[str, str]], name_prefix: str = ""
) -> dict[str, QLabel]:
    """A row of ``form`` for each ``(key, caption)``; the value labels by key. With
    ``name_prefix`` each label is named ``<prefix>_<key>`` (for tests and screenshots)."""
    labels: dict[str, QLabel] = {}
    for key, caption in facts:
        value = QLabel(parent)
        if name_prefix:
            value.setObjectName(f"{name_prefix}_{key}")
        value.setWordWrap(True)
        labels[key] = value
        form.addRow(caption, value)
    return labels
