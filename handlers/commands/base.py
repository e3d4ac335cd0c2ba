"""The typed input every ``/pogi`` subcommand gets, and what it answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.domain.people import Actor
from bot.presentation.i18n import Translator
from handlers.context import Pogi


@dataclass(frozen=True)
class Answer:
    """A reply to the user; ``public`` shows it to the whole channel."""

    message: dict[str, Any]
    public: bool = False


@dataclass(frozen=True)
class Modal:
    view: dict[str, Any]


@dataclass(frozen=True)
class Command:
    pogi: Pogi
    actor: Actor
    tr: Translator
    now: datetime
    user_id: str
    channel_id: str
    name: str
    args: list[str] = field(default_factory=list)
    trigger_id: str | None = None

    def render(self, template: str, *, public: bool = False, **data: Any) -> dict[str, Any]:
        tr = self.pogi.public_tr if public else self.tr
        return self.pogi.render(template, tr=tr, actor=self.actor, **data)

    def answer(self, template: str, **data: Any) -> Answer:
        return Answer(self.render(template, **data))

    def announce(self, template: str, **data: Any) -> Answer:
        return Answer(self.render(template, public=True, **data), public=True)

    def notice(self, *lines: str) -> Answer:
        return self.answer("notice", lines=list(lines))

    def sub(self) -> str:
        """The first argument, lower-cased: ``add`` in ``/pogi gruppe add @x``."""
        return self.args[0].lower() if self.args else ""
