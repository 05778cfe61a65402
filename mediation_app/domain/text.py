"""Text hygiene: one normal form for every name and free text that comes in, and no invisible
characters.

Intake, spreadsheet import and corrections all pass what people type (or paste, or a company's
system exports) through :func:`clean_text` before it is checked and stored, so the same name is
stored the same way whichever way it came in:

- **Refused** (a :class:`~mediation_app.errors.ValidationError` naming the field): control
  characters other than line breaks and tabs (a NUL byte from a pasted file), zero-width
  characters (U+200B–U+200D, U+2060, U+FEFF …) and bidirectional controls (U+202A–U+202E,
  U+2066–U+2069, U+200E/U+200F, U+061C), and every other invisible *format* character (Unicode
  category Cf). They make two names that look the same differ (a search for 张三 does not find
  张\u200b三), and a bidi override makes a text read differently on screen than it is stored. They
  are refused rather than removed: the clerk should see that the pasted text was not what it
  looked like.
- **Normalised** with Unicode NFKC: full-width letters and digits become plain ones (ＡＢＣ → ABC,
  １５０２ → 1502), the ideographic space a plain space, compatibility forms their usual letters.
  One exception, decided for Chinese prose: NFKC would turn the full-width punctuation of
  Chinese text (，：；！？（）) into ASCII, which the agreements and notices print; those six
  marks are kept as typed. (Search folds width itself, so a search typed either way finds them.)

:func:`check_stored_text` is the same refusal without normalising, for the last check before the
database (:mod:`mediation_app.storage.text_guard`).
"""

from __future__ import annotations

import re
import unicodedata

from mediation_app.errors import ValidationError
from mediation_app.i18n import _

# C0 controls and DEL, except tab, line feed and carriage return (kept in free text).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")
# The marks of Chinese prose that NFKC would make ASCII; kept full-width (see the module's text).
_CJK_PUNCTUATION = re.compile("([，：；！？（）])")
_KEPT_LINE_BREAKS = "\t\n\r"


def invisible_problem(text: str) -> str | None:
    """What is wrong with ``text`` (an invisible character, named by its code point), or None."""
    if text.isprintable():
        return None  # nearly every text: every character refused below is not printable
    if text.isascii():
        return _control_problem() if CONTROL_CHARACTERS.search(text) else None
    for char in text:
        if char.isprintable():
            continue
        code = f"U+{ord(char):04X}"
        if char in BIDI_CONTROLS:
            return _(
                "contains an invisible text-direction control ({code}) that makes it read differently "
                "than it is stored; please retype it"
            ).format(code=code)
        if char in ZERO_WIDTH:
            return _("contains an invisible zero-width character ({code}); please retype it").format(
                code=code
            )
        category = unicodedata.category(char)
        if category == "Cc" and char not in _KEPT_LINE_BREAKS:
            return _control_problem()
        if category == "Cf":
            return _("contains an invisible formatting character ({code}); please retype it").format(
                code=code
            )
    return None


def _control_problem() -> str:
    return _("contains an invisible control character; please retype it")


def check_stored_text(text: str, field: str, label: str | None = None) -> str:
    """Refuse ``text`` if it holds an invisible character (see the module); return it unchanged."""
    problem = invisible_problem(text)
    if problem is not None:
        raise ValidationError(field, problem, label)
    return text


def normalise(text: str) -> str:
    """``text`` in NFKC, with Chinese prose punctuation kept full-width (no refusal here)."""
    if text.isascii():
        return text
    # The kept marks split the text; each piece between them is normalised on its own.
    return "".join(
        piece if index % 2 else unicodedata.normalize("NFKC", piece)
        for index, piece in enumerate(_CJK_PUNCTUATION.split(text))
    )


def clean_text(value: str | None, field: str, label: str | None = None) -> str:
    """What a person typed, as it is stored: invisible characters refused, NFKC, trimmed.

    The one function intake, import and corrections use for names and free text; the field
    validators of :mod:`mediation_app.domain.validators` call it first.
    """
    text = value or ""
    check_stored_text(text, field, label)
    return normalise(text).strip()
