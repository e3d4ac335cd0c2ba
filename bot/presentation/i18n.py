"""Danish and English through one mechanism: gettext.

Danish is the source language: templates and code carry the Danish text as the message id, and
``bot/presentation/locale/en/LC_MESSAGES/messages.po`` translates it to English. The catalogue is
compiled in memory with Babel when first needed, so there is no build step and no ``.mo`` file to
forget.
"""

from __future__ import annotations

import gettext
from datetime import tzinfo
from functools import cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("da", "en")
DEFAULT_ZONE = "Europe/Copenhagen"


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where it is shown."""
    return message


def language_of(locale: str | None, default: str = "da") -> str:
    """``en-GB`` → ``en``; anything not English is Danish, the primary language."""
    if not locale:
        return default
    return "en" if locale.lower().startswith("en") else "da"


@cache
def translations(language: str) -> gettext.NullTranslations:
    if language == "da":
        return gettext.NullTranslations()
    po_file = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Translator:
    """The strings of one language, and the time zone its reader lives in;
    ``t("Hej %(name)s", name=...)``."""

    def __init__(self, language: str, zone: tzinfo | None = None) -> None:
        self.language = language if language in LANGUAGES else "da"
        self.zone = zone or ZoneInfo(DEFAULT_ZONE)
        self._translations = translations(self.language)

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._translations.ngettext(singular, plural, count)

    def __call__(self, message: str, /, **params: object) -> str:
        text = self.gettext(message)
        return text % params if params else text
