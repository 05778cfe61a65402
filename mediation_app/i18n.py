"""The translation facade: ``_`` and ``ngettext`` for every user-facing string.

Message ids are English; the catalogues in ``resources/locale`` translate them. Chinese (zh_CN)
is the default language; English is the other one. Extraction and compilation use babel
(``pybabel extract/update/compile``, see ``resources/README.md``).

Code marks strings with ``_("...")`` at the moment they are shown, never at import time, so a
language switch takes effect on the next screen that is built. For strings declared at import
time (column headers, enum labels) use ``N_("...")`` and translate with ``_`` when shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from babel.support import NullTranslations, Translations

from mediation_app.paths import resources_dir

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
DOMAIN = "messages"

# The application's language (the client's setting, a command's --lang), and a language spoken
# for a while in one thread or task only (a final document is issued in Chinese whatever the
# screen shows): the context variable never leaks into another thread, so a document rendered in
# the background cannot change the language of the screens, nor they of it.
_app_language = "en"
_speaking: ContextVar[str | None] = ContextVar("speaking", default=None)


@cache
def _translations(language: str) -> NullTranslations:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    if language == "en":
        return NullTranslations()
    locale_dir = resources_dir() / "locale"
    translations = Translations.load(str(locale_dir), [language], DOMAIN)
    if not isinstance(translations, Translations):
        raise FileNotFoundError(
            f"no compiled catalogue for {language} in {locale_dir}; run `make catalogues`"
        )
    return translations


def set_language(language: str) -> None:
    """The application's language from now on (one of :data:`LANGUAGES`): set at start-up and by
    the settings page, never to speak another language for a moment (use :func:`speaking`)."""
    global _app_language
    _translations(language)  # refuses an unknown language, or one without a catalogue
    _app_language = language


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak ``language`` in this thread (or task) for the duration of the block only."""
    _translations(language)
    token = _speaking.set(language)
    try:
        yield
    finally:
        _speaking.reset(token)


def language() -> str:
    """The language in force here (``zh_CN`` or ``en``); babel formatting uses it as its locale."""
    return _speaking.get() or _app_language


def _(message: str) -> str:
    return _translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "N_", "_", "language", "ngettext", "set_language", "speaking"]
