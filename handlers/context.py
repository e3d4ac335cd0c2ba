"""What every listener needs, put into Bolt's context by middleware, and typed ways to read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.domain.people import Actor
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer

if TYPE_CHECKING:  # types only: handlers read the settings and hand the database to services
    from bot.app.settings import Settings
    from handlers.people import LocaleLookup
    from storage.database import Database


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Pogi:
    settings: Settings
    db: Database
    renderer: Renderer
    clock: Callable[[], datetime]
    lookup_client: WebClient
    """A client with a short timeout for look-ups made before an acknowledgement."""
    locales: LocaleLookup
    """Users' Slack locales."""
    kick: Callable[[], None] = _nothing
    """Wake the dispatcher: something was just put in the outbox for now."""

    @property
    def public_tr(self) -> Translator:
        """What a whole channel reads is in the workspace's language."""
        return Translator(self.settings.pogi_language, self.settings.timezone)

    def render(self, template: str, *, tr: Translator, **data: Any) -> dict[str, Any]:
        return self.renderer.slack(template, translator=tr, zone=self.settings.timezone, **data)


# What the middleware put into Bolt's context, typed (``handlers.middleware.PogiContext``).

_T = TypeVar("_T")


def _read(context: BoltContext, key: str, kind: type[_T]) -> _T:
    value = context[key]
    if not isinstance(value, kind):
        raise TypeError(f"the request's {key} is {type(value).__name__}, not {kind.__name__}")
    return value


def pogi_of(context: BoltContext) -> Pogi:
    return _read(context, "pogi", Pogi)


def actor_of(context: BoltContext) -> Actor:
    """Who is asking; for a command, known once its listener has identified them."""
    return _read(context, "actor", Actor)


def tr_of(context: BoltContext) -> Translator:
    """The asking user's language (for a command, the workspace's until they are identified)."""
    return _read(context, "tr", Translator)


def now_of(context: BoltContext) -> datetime:
    """When the request came in."""
    return _read(context, "now", datetime)
