"""What a reader sees cut off: the checks of the layout test (tests/ui/test_layout.py).

A label, button or check box is *clipped* when the space it was given is smaller than its own
size hint (for a word-wrapped label: than the height its text needs at its width); a line edit's
placeholder is *cut* when it is wider than the box. Chinese text must not put an ASCII colon or
parenthesis next to a Chinese character (``短信已发送: …``), except a menu mnemonic ``(&F)``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QWidget,
)

# 1 px of slack: Qt's own hints round differently from the geometry it hands out.
SLACK = 1
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_ASCII_NEXT_TO_CHINESE = re.compile(rf"[{_CJK}][:()]|[()][{_CJK}]")
_MNEMONIC = re.compile(r"\(&\w\)")


def ascii_punctuation(text: str) -> bool:
    """Whether Chinese ``text`` has an ASCII ``:`` ``(`` ``)`` beside a Chinese character."""
    return bool(_ASCII_NEXT_TO_CHINESE.search(_MNEMONIC.sub("", text)))


def _shown(widget: QWidget, root: QWidget) -> bool:
    if not widget.isVisibleTo(root) or widget.width() <= 0:
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            return True  # inside a scroll area, the reader scrolls to it
        parent = parent.parentWidget()
    return True


def _where(widget: QWidget) -> str:
    names = []
    current: QWidget | None = widget
    while current is not None and len(names) < 4:
        names.append(current.objectName() or type(current).__name__)
        current = current.parentWidget()
    return "/".join(reversed(names))


def problems(root: QWidget, *, chinese: bool) -> list[str]:
    """Each clipped or cut text under ``root`` (shown), and each ASCII mark in Chinese text."""
    found: list[str] = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if not text.strip() or not _shown(label, root):
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + SLACK:
                found.append(
                    f"wrapped label clipped ({label.height()} < {needed} px): {text!r} at {_where(label)}"
                )
        else:
            hint = label.sizeHint()
            if label.width() + SLACK < hint.width() or label.height() + SLACK < hint.height():
                found.append(
                    f"label clipped ({label.width()}×{label.height()} < {hint.width()}×{hint.height()}): "
                    f"{text!r} at {_where(label)}"
                )
        if chinese and ascii_punctuation(text):
            found.append(f"ASCII punctuation in Chinese: {text!r} at {_where(label)}")
    for button in root.findChildren(QAbstractButton):
        text = button.text()
        if not text.strip() or not _shown(button, root):
            continue
        hint = button.sizeHint()
        if button.width() + SLACK < hint.width():
            found.append(
                f"button clipped ({button.width()} < {hint.width()} px): {text!r} at {_where(button)}"
            )
        if chinese and ascii_punctuation(text):
            found.append(f"ASCII punctuation in Chinese: {text!r} at {_where(button)}")
    for edit in root.findChildren(QLineEdit):
        placeholder = edit.placeholderText()
        if not placeholder or edit.text() or not _shown(edit, root):
            continue
        margins = edit.textMargins()
        room = edit.contentsRect().width() - margins.left() - margins.right() - 8  # the frame's padding
        needed = edit.fontMetrics().horizontalAdvance(placeholder)
        if needed > room:
            found.append(f"placeholder cut ({room} < {needed} px): {placeholder!r} at {_where(edit)}")
        if chinese and ascii_punctuation(placeholder):
            found.append(f"ASCII punctuation in Chinese: {placeholder!r} at {_where(edit)}")
    if chinese:
        found += _chinese_marks_in_lists_and_titles(root)
    title = root.windowTitle()
    if chinese and root.isWindow() and ascii_punctuation(title):
        found.append(f"ASCII punctuation in Chinese window title: {title!r}")
    return found


def _chinese_marks_in_lists_and_titles(root: QWidget) -> list[str]:
    """ASCII marks in the cells of lists and tables (a timeline, say), group and tab titles."""
    found: list[str] = []
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or isinstance(view, QHeaderView) or not _shown(view, root):
            continue
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model keeps its column count private: one column
            columns = 1
        for row in range(min(model.rowCount(QModelIndex()), 100)):
            for column in range(columns):
                text = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str) and ascii_punctuation(text):
                    found.append(f"ASCII punctuation in Chinese: {text!r} in {_where(view)} row {row + 1}")
        for column in range(columns):
            header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if isinstance(header, str) and ascii_punctuation(header):
                found.append(f"ASCII punctuation in Chinese: {header!r} heading {_where(view)}")
    for box in root.findChildren(QGroupBox):
        if _shown(box, root) and ascii_punctuation(box.title()):
            found.append(f"ASCII punctuation in Chinese: {box.title()!r} at {_where(box)}")
    for tabs in root.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if _shown(tabs, root) and ascii_punctuation(tabs.tabText(index)):
                found.append(f"ASCII punctuation in Chinese: {tabs.tabText(index)!r} at {_where(tabs)}")
    return found
