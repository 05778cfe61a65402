"""Labelled enumerations: each member declared with its label, translated when it is shown.

Every :class:`LabelledEnum` of the core is found by importing the whole package, so an enum added
later is checked too: each member's label must be extracted into ``messages.pot`` (``make
extract`` finds ``N_`` inside the member declarations) and translated, not fuzzy, in the zh_CN
catalogue — a Chinese screen never shows an English status, role or button.
"""

from __future__ import annotations

import importlib
import pkgutil
from enum import StrEnum

import pytest
from babel.messages.pofile import read_po

import mediation_app
from mediation_app.domain.enums import CaseStatus, Role
from mediation_app.domain.labelled import LabelledEnum, label
from mediation_app.i18n import N_, set_language
from mediation_app.paths import resources_dir

LOCALE = resources_dir() / "locale"


def _labelled_enums() -> list[type[LabelledEnum]]:
    for info in pkgutil.walk_packages(mediation_app.__path__, "mediation_app."):
        if info.name.endswith("__main__") or ".migrations" in info.name:
            continue
        importlib.import_module(info.name)
    found: list[type[LabelledEnum]] = []
    pending = list(LabelledEnum.__subclasses__())
    while pending:
        enum = pending.pop()
        if enum.__module__.startswith("mediation_app."):
            found.append(enum)
        pending.extend(enum.__subclasses__())
    return sorted(found, key=lambda e: f"{e.__module__}.{e.__qualname__}")


ENUMS = _labelled_enums()


def test_the_labelled_enums_of_the_core_are_found() -> None:
    names = {e.__name__ for e in ENUMS}
    assert {"CaseStatus", "Track", "Level", "Role", "Action", "Permission", "SmsStatus", "Party"} <= names


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_label_is_extracted_and_translated_into_chinese(enum: type[LabelledEnum]) -> None:
    with (LOCALE / "messages.pot").open("rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    with (LOCALE / "zh_CN" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    for member in enum:
        assert member.message_id in extracted, f"{enum.__name__}.{member.name}: run `make extract`"
        entry = catalogue.get(member.message_id)
        assert entry is not None and entry.string and not entry.fuzzy, f"{enum.__name__}.{member.name}"
    set_language("zh_CN")
    for member in enum:
        assert member.label == catalogue[member.message_id].string  # through the compiled catalogue


def test_a_member_is_its_stable_id_and_its_label_follows_the_language() -> None:
    assert CaseStatus("signed") is CaseStatus.SIGNED and CaseStatus.SIGNED == "signed"
    assert CaseStatus.SIGNED.value == "signed" and f"{CaseStatus.SIGNED}" == "signed"
    set_language("en")
    assert CaseStatus.SIGNED.label == "Signed" == label(CaseStatus.SIGNED)
    set_language("zh_CN")
    assert CaseStatus.SIGNED.label == "协议已签署" and CaseStatus.SIGNED.message_id == "Signed"


def test_choices_list_every_member_with_its_label_in_order() -> None:
    set_language("en")
    assert Role.choices() == [(member.label, member) for member in Role]
    assert Role.choices()[0] == ("Resident judge", Role.JUDGE)


def test_a_member_declared_without_its_label_is_refused() -> None:
    with pytest.raises(TypeError, match="'blue' is declared without its label"):

        class Colour(LabelledEnum):
            RED = "red", N_("Red")
            BLUE = "blue"


def test_a_labelled_enum_is_a_str_enum_for_json_and_sql() -> None:
    assert all(issubclass(e, StrEnum) for e in ENUMS)
    assert CaseStatus("intake") in {"intake"}
