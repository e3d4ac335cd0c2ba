"""Translatable text that services hand to the edge, where it meets a language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.presentation.i18n import Translator
from bot.presentation.timeformat import format_day, format_moment, format_span


@dataclass(frozen=True)
class Text:
    """A Danish message id with parameters; parameters may be ``Text`` themselves."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    plural: str | None = None
    """With ``plural``, the ``count`` parameter chooses the form (``ngettext``)."""

    def render(self, translator: Translator) -> str:
        params = {key: _shown(value, translator) for key, value in self.params.items()}
        if self.plural is not None:
            form = translator.ngettext(self.message, self.plural, int(params["count"]))
            return form % params
        return translator(self.message, **params)


@dataclass(frozen=True)
class Joined(Text):
    """Parts shown one after the other with ``separator`` between them, each in the reader's
    language: ``Odense Kommune, Vejle Kommune``."""

    parts: tuple[Any, ...] = ()
    separator: str = ", "

    def render(self, translator: Translator) -> str:
        return self.separator.join(str(_shown(part, translator)) for part in self.parts)


def joined(parts: Any, separator: str = ", ") -> Joined:
    return Joined("", {}, None, tuple(parts), separator)


def text(message: str, /, **params: Any) -> Text:
    return Text(message, params)


def plural(singular: str, plural_form: str, /, **params: Any) -> Text:
    """A message whose form follows ``count``: ``1 organisation``, ``2 organisationer``."""
    return Text(singular, params, plural_form)


class Bullets(Text):
    """Texts as a bulleted list, one a line, in the reader's language."""

    items: tuple[Text, ...]

    def __init__(self, items: tuple[Text, ...]) -> None:
        super().__init__("")
        object.__setattr__(self, "items", items)

    def render(self, translator: Translator) -> str:
        return "\n".join("• " + item.render(translator) for item in self.items)


def _shown(value: Any, translator: Translator) -> Any:
    """Nested texts in the same language; times and days as people read them, in their zone."""
    if isinstance(value, Text):
        return value.render(translator)
    if isinstance(value, datetime):
        return format_moment(value, zone=translator.zone, language=translator.language)
    if isinstance(value, date):
        return format_day(value, language=translator.language)
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, datetime) for v in value):
        return format_span(value[0], value[1], zone=translator.zone, language=translator.language)
    return value


_DANISH_LAST = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


def danish_order(name: str) -> str:
    """A sort key in Danish alphabetical order: … x, y, z, æ, ø, å (case ignored)."""
    return name.casefold().translate(_DANISH_LAST)
