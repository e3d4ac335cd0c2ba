"""What every composer needs: the renderer, the workspace's zone and language, the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import announcements
from bot.domain.outbox import Attachment, Outgoing
from bot.presentation.i18n import Translator, language_of
from bot.presentation.render import Renderer
from storage.tables import OutboxMessage

Compose = Callable[[Session, OutboxMessage], Outgoing | None]


class Locales(Protocol):
    """Users' Slack locales, asked of Slack when the roster does not know them."""

    def locale(self, user_id: str, known: str | None, *, in_roster: bool) -> str | None: ...


@dataclass(frozen=True)
class Document:
    """A Markdown document, rendered in the language of whoever it is for."""

    tr: Translator
    text: str

    def markdown(self, name: str, title: str) -> Attachment:
        return Attachment(f"{name}.md", title, self.text.encode("utf-8"))


@dataclass(frozen=True)
class Composing:
    """The composers' context, built once by the app.

    ``quorum`` is the share of seats a vote needs (``POGI_VOTE_QUORUM``); ``locales`` is
    ``None`` where nobody can be asked (messages are then in the workspace's language unless
    the roster knows better).
    """

    renderer: Renderer
    zone: ZoneInfo
    language: str
    quorum: float
    clock: Callable[[], datetime]
    locales: Locales | None = None

    @property
    def public_tr(self) -> Translator:
        """What a whole channel reads is in the workspace's language."""
        return Translator(self.language, self.zone)

    def message(
        self, template: str, row: OutboxMessage, tr: Translator | None = None, **data: object
    ) -> Outgoing:
        """The row's message from a Slack template, in the workspace's language unless ``tr``."""
        rendered = self.renderer.slack(
            template, translator=tr or self.public_tr, zone=self.zone, now=self.clock(), **data
        )
        return Outgoing(channel=row.destination, text=rendered["text"], blocks=rendered["blocks"])

    def recipient_tr(self, session: Session, user_id: str) -> Translator:
        """A direct message is in the recipient's language, asked of Slack if pogi does not know
        it yet (the dispatcher, not a user, waits for that)."""
        recipient = announcements.recipient(session, slack_user_id=user_id)
        locale = recipient.locale
        if self.locales is not None:
            locale = self.locales.locale(user_id, locale, in_roster=recipient.in_roster)
        return Translator(language_of(locale, self.language), self.zone)

    def requested_document(
        self, session: Session, row: OutboxMessage, template: str, **data: Any
    ) -> Document:
        """A document for whoever asked for it (the row's ``requested_by``), in their
        language; without one, in the workspace's."""
        requested_by = (row.data or {}).get("requested_by")
        tr = self.recipient_tr(session, requested_by) if requested_by else self.public_tr
        text = self.renderer.document(
            template, translator=tr, zone=self.zone, now=self.clock(), **data
        )
        return Document(tr, text)


def subject_id(row: OutboxMessage) -> int:
    """The id in the row's subject: ``meeting:12`` → 12."""
    return int(row.subject.split(":", 1)[1])
