"""Enumerations whose members carry their own label: one declaration per member, id and words.

A member is declared with its stable id (stored in the database and in JSON) and the English
message id of its label::

    class CaseStatus(LabelledEnum):
        SIGNED = "signed", N_("Signed")

``CaseStatus.SIGNED`` is then the string ``"signed"`` (a :class:`~enum.StrEnum`), and
``CaseStatus.SIGNED.label`` is its name in the user's language, translated when it is asked for
(never at import, so a language switch takes effect on the next screen). ``N_`` marks the label
for ``pybabel extract``; :meth:`LabelledEnum.choices` gives the (label, member) pairs a combo box
lists.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from mediation_app.i18n import _


class LabelledEnum(StrEnum):
    """A :class:`~enum.StrEnum` whose members are declared as ``NAME = "id", N_("Label")``."""

    _value_: str
    _message_id: str

    def __new__(cls, value: str, message_id: str = "") -> Self:
        # Called once per member while the class is built (lookups such as ``CaseStatus("signed")``
        # go through Enum's own __new__); the default only lets type checkers accept lookups.
        if not message_id:
            raise TypeError(f"{cls.__name__} member {value!r} is declared without its label")
        member = str.__new__(cls, value)
        member._value_ = value
        member._message_id = message_id
        return member

    @property
    def message_id(self) -> str:
        """The English message id of the label, as the catalogues know it."""
        return self._message_id

    @property
    def label(self) -> str:
        """The member's name in the user's language."""
        return _(self._message_id)

    @classmethod
    def choices(cls) -> list[tuple[str, Self]]:
        """``(label, member)`` for every member, in declaration order (for combo boxes)."""
        return [(member.label, member) for member in cls]


def label(member: LabelledEnum) -> str:
    """``member.label``, for code that maps a function over members."""
    return member.label
