"""What every listener needs, put into Bolt's context by middleware, and typed ways to read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.domain import roster
from bot.domain.people import Actor
from bot.presentation.i18n import Translator, language_of
from bot.presentation.render import Renderer
from handlers.lanes import Lanes
from handlers.responses import ResponseUrls

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
    responses: ResponseUrls = field(default_factory=ResponseUrls)
    """Kept-open connections for answers through response URLs (``handlers.responses``)."""
    commands: Lanes | None = None
    """Where a command's work runs once it is acknowledged, in order per channel and per user;
    None runs it at once (the console). A few workers of their own, apart from Bolt's listener
    threads: a burst of commands then never keeps the next acknowledgement waiting for a free
    thread."""

    @property
    def public_tr(self) -> Translator:
        """What a whole channel reads is in the workspace's language."""
        return Translator(self.settings.pogi_language, self.settings.timezone)

    def translator(self, locale: str | None) -> Translator:
        """For someone whose Slack locale is ``locale`` (None: the workspace's language)."""
        return Translator(language_of(locale, self.settings.pogi_language), self.settings.timezone)

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
    """Who is asking, read from the roster the first time a listener asks."""
    if context.get("actor") is None:
        identify(context)
    return _read(context, "actor", Actor)


def tr_of(context: BoltContext) -> Translator:
    """The asking user's language: their Slack locale, read with who they are."""
    if context.get("actor") is None:
        identify(context)
    return _read(context, "tr", Translator)


def identify(context: BoltContext) -> None:
    """Who is asking (``actor``) and in which language (``tr``): the roster as stored, and the
    user's Slack locale, remembered after the first look-up."""
    pogi = pogi_of(context)
    user_id = context.user_id
    person = roster.find_person(pogi.db, slack_user_id=user_id) if user_id else None
    locale = None
    if user_id:
        known = person.locale if person else None
        locale = pogi.locales.locale(user_id, known, in_roster=person is not None)
    context["tr"] = pogi.translator(locale)
    context["actor"] = Actor(user_id or "", person)


def now_of(context: BoltContext) -> datetime:
    """When the request came in."""
    return _read(context, "now", datetime)
