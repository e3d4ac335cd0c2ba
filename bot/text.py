"""Translatable text that services hand to the edge, where it meets a language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.i18n import Translator


@dataclass(frozen=True)
class Text:
    """A Danish message id with parameters; parameters may be ``Text`` themselves."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    plural: str | None = None
    """With ``plural``, the ``count`` parameter chooses the form (``ngettext``)."""

    def render(self, translator: Translator) -> str:
        params = {
            key: value.render(translator) if isinstance(value, Text) else value
            for key, value in self.params.items()
        }
        if self.plural is not None:
            form = translator.ngettext(self.message, self.plural, int(params["count"]))
            return form % params
        return translator(self.message, **params)


def text(message: str, /, **params: Any) -> Text:
    return Text(message, params)


def plural(singular: str, plural_form: str, /, **params: Any) -> Text:
    """A message whose form follows ``count``: ``1 organisation``, ``2 organisationer``."""
    return Text(singular, params, plural_form)
