"""The translation facade: ``_`` and ``ngettext`` for every user-facing string.

Message ids are English; the catalogues in ``resources/locale`` translate them. Chinese (zh_CN)
is the default language; English is the other one. Extraction and compilation use babel
(``pybabel extract/update/compile``, see ``resources/README.md``).

Code marks strings with ``_("...")`` at the moment they are shown, never at import time, so a
language switch takes effect on the next screen that is built. For strings declared at import
time (column headers, enum labels) use ``N_("...")`` and translate with ``_`` when shown.
"""

from __future__ import annotations

from babel.support import NullTranslations, Translations

from mediation_app.paths import resources_dir

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
DOMAIN = "messages"

_current: NullTranslations = NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Switch every later ``_`` call to ``language`` (one of :data:`LANGUAGES`)."""
    global _current, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    locale_dir = resources_dir() / "locale"
    if language == "en":
        _current = NullTranslations()
    else:
        translations = Translations.load(str(locale_dir), [language], DOMAIN)
        if not isinstance(translations, Translations):
            raise FileNotFoundError(
                f"no compiled catalogue for {language} in {locale_dir}; run `make catalogues`"
            )
        _current = translations
    _language = language


def language() -> str:
    """The language in force (``zh_CN`` or ``en``); babel formatting uses it as its locale."""
    return _language


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "N_", "_", "language", "ngettext", "set_language"]
