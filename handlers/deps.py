"""What every listener needs, put into Bolt's context by middleware."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slack_sdk import WebClient

from bot.app.settings import Settings
from bot.app.webhooks import Connections
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer
from storage.database import Database


@dataclass(frozen=True)
class Pogi:
    settings: Settings
    db: Database
    renderer: Renderer
    clock: Callable[[], datetime]
    lookup_client: WebClient
    """A client with a short timeout for look-ups made before an acknowledgement."""
    locales: Any = None
    """Users' Slack locales (``handlers.people.LocaleLookup``)."""
    kick: Callable[[], None] = lambda: None
    """Wake the dispatcher: something was just put in the outbox for now."""
    work: Any = None
    """Where commands run after their acknowledgement (an executor); None runs them at once."""
    connections: Connections = field(default_factory=Connections)
    """Kept-open connections for answers through response URLs (``respond``)."""
    courier: Any = None
    """Composes and sends answers through response URLs for ``respond.soon`` (``bot.app.courier``):
    from a process of its own when served over HTTP, at once in the console."""

    @property
    def public_tr(self) -> Translator:
        """What a whole channel reads is in the workspace's language."""
        return Translator(self.settings.pogi_language, self.settings.timezone)

    def render(self, template: str, *, tr: Translator, **data: Any) -> dict[str, Any]:
        return self.renderer.slack(template, translator=tr, zone=self.settings.timezone, **data)
