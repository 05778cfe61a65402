"""The zh_CN catalogue: complete, placeholders intact, no English left, and compiled.

Chinese is the default language, so a string that reaches the code without a translation shows
English on a Chinese screen or document. These tests fail when
(a) a message of ``messages.pot`` -- or one the source marks with ``_``/``N_``/``ngettext`` that
    nobody has extracted yet -- has no zh_CN translation;
(b) a translation's ``{placeholders}`` (or ``%(name)s``) differ from its msgid's, which would raise
    ``KeyError`` or drop a figure when the string is formatted;
(c) a translation is English left as it was (English words and no Chinese);
(d) babel's own checks, which ``make catalogues`` runs, find an error;
(e) the compiled ``messages.mo`` does not hold exactly what the ``.po`` holds (forgotten
    ``make catalogues``): the ``.po`` is compiled afresh in a temporary folder and compared.
The last test breaks a copy of the catalogue in the ways (a), (b), (c) and (e) and checks that
every check notices, so the checks cannot pass vacuously.

Fix a failure with ``make extract``, translate the new entries in
``resources/locale/zh_CN/LC_MESSAGES/messages.po``, then ``make catalogues``.
"""

from __future__ import annotations

import configparser
import re
import shutil
import string
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from mediation_app.paths import resources_dir

ROOT = resources_dir().parent
LOCALE = resources_dir() / "locale"
POT = LOCALE / "messages.pot"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")

# Same keywords as `make extract` (babel's defaults already hold _, N_ and ngettext).
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "ngettext": (1, 2)}
# A translation may equal its English msgid only when it is a proper noun used as is.
SAME_IN_BOTH = {"SQLite", "PostgreSQL"}
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PERCENT = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]")


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def _hashable(value: str | tuple[str, ...] | list[str]) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)


def _strings(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ("",)
    return value if isinstance(value, tuple) else (value,)


def placeholders(text: str) -> list[str]:
    """Every replacement field (``{n}``, ``{count:,}``, ``{value!r}``) and ``%``-directive, sorted."""
    fields = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
    return sorted(fields + [m.group() for m in PERCENT.finditer(text) if m.group() != "%%"])


def untranslated(ids: set[str], catalog: Catalog) -> list[str]:
    """The ids that the catalogue lacks, or holds with an empty, partly empty or fuzzy string."""
    translated = {
        _key(m.id)
        for m in catalog
        if m.id and not m.fuzzy and all(_strings(m.string)) and len(_strings(m.string)) == catalog.num_plurals
    }
    return sorted(ids - translated)


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    problems = []
    for message in catalog:
        if not message.id:
            continue
        for source in {_key(message.id), *(message.id[1:] if isinstance(message.id, tuple) else ())}:
            for target in _strings(message.string):
                if target and placeholders(target) != placeholders(source):
                    problems.append(f"{source!r} -> {target!r}")
    return problems


def english_left(catalog: Catalog) -> list[str]:
    """Translations with English words and no Chinese (placeholders aside): English left as is."""
    problems = []
    for message in catalog:
        if not message.id or _key(message.id) in SAME_IN_BOTH:
            continue
        for target in _strings(message.string):
            if re.search(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", target)) and not CJK.search(target):
                problems.append(f"{_key(message.id)!r} -> {target!r}")
    return problems


def stale_mo(po_path: Path, mo_path: Path, scratch: Path) -> list[str]:
    """Where the compiled ``mo_path`` differs from ``po_path`` compiled afresh."""
    fresh = scratch / "fresh.mo"
    with fresh.open("wb") as handle:
        write_mo(handle, _read(po_path))
    if not mo_path.exists():
        return [f"{mo_path} is missing"]
    with fresh.open("rb") as handle:
        wanted = {_hashable(m.id): _hashable(m.string) for m in read_mo(handle) if m.id}
    with mo_path.open("rb") as handle:
        compiled = {_hashable(m.id): _hashable(m.string) for m in read_mo(handle) if m.id}
    problems = [f"not compiled: {_key(i)!r}" for i in wanted if i not in compiled]
    problems += [f"compiled but gone from the .po: {_key(i)!r}" for i in compiled if i not in wanted]
    problems += [
        f"compiled text differs: {_key(i)!r}" for i in wanted if i in compiled and compiled[i] != wanted[i]
    ]
    return problems


def source_ids(root: Path) -> set[str]:
    """The msgids the source marks today, extracted as ``make extract`` does (per babel.cfg)."""
    config = configparser.RawConfigParser()
    config.read(root / "babel.cfg", encoding="utf-8")
    method_map = [(section.split(":", 1)[1].strip(), "python") for section in config.sections()]
    ids = set()
    for top in sorted({pattern.split("/", 1)[0] for pattern, _method in method_map}):
        for _file, _line, message, _comments, _context in extract_from_dir(
            root / top,
            [(p.split("/", 1)[1], m) for p, m in method_map if p.startswith(top + "/")],
            keywords=KEYWORDS,
        ):
            ids.add(_key(message))
    return ids


def test_every_message_of_the_template_is_translated() -> None:
    template = {_key(m.id) for m in _read(POT) if m.id}
    assert template, "messages.pot is empty: run `make extract`"
    assert untranslated(template, _read(PO)) == []


def test_every_string_marked_in_the_source_is_translated() -> None:
    marked = source_ids(ROOT)
    assert len(marked) > 500  # the extraction itself worked
    missing = untranslated(marked, _read(PO))
    assert missing == [], "run `make extract` and translate: " + "; ".join(map(repr, missing))


def test_translations_keep_the_placeholders() -> None:
    assert placeholder_mismatches(_read(PO)) == []


def test_no_english_is_left_in_the_translations() -> None:
    assert english_left(_read(PO)) == []


def test_babel_finds_no_placeholder_errors() -> None:
    """What `make catalogues` (pybabel compile) reports as errors, such as a ``%`` before a letter in
    a msgid that babel then takes for a %-placeholder the translation lacks (it stops the build)."""
    problems = [f"{_key(m.id)!r}: {error}" for m, errors in _read(PO).check() for error in errors]
    assert problems == []


def test_the_compiled_catalogue_matches_the_po(tmp_path: Path) -> None:
    assert stale_mo(PO, MO, tmp_path) == [], "run `make catalogues`"


def test_each_check_notices_a_broken_copy(tmp_path: Path) -> None:
    """Break a copy of the real catalogue four ways; every check must report it."""
    shutil.copy(MO, tmp_path / "messages.mo")
    catalog = _read(PO)
    singular = next(m for m in catalog if m.id and isinstance(m.id, str) and "{" in m.id)
    plain = next(m for m in catalog if m.id and isinstance(m.id, str) and "{" not in m.id)
    english = next(m for m in catalog if m.id and isinstance(m.id, str) and m.id.isalpha() and m is not plain)
    singular.string = singular.string.replace("{", "{x", 1)  # a renamed placeholder
    plain.string = ""  # untranslated
    english.string = english.id  # English copied into msgstr
    with (tmp_path / "messages.po").open("wb") as handle:
        write_po(handle, catalog)
    broken = _read(tmp_path / "messages.po")

    ids = {_key(m.id) for m in _read(POT) if m.id} | {"A string added after the last extraction"}
    assert untranslated(ids, broken) == sorted([plain.id, "A string added after the last extraction"])
    assert placeholder_mismatches(broken) == [f"{singular.id!r} -> {singular.string!r}"]
    assert english_left(broken) == [f"{english.id!r} -> {english.id!r}"]
    stale = stale_mo(tmp_path / "messages.po", tmp_path / "messages.mo", tmp_path)
    assert f"compiled text differs: {singular.id!r}" in stale
    assert f"compiled text differs: {english.id!r}" in stale
    assert f"compiled but gone from the .po: {plain.id!r}" in stale  # an empty msgstr is not compiled
