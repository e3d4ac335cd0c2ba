"""Domain errors. The app-level error handler turns them into answers in the user's language."""

from __future__ import annotations

from typing import Any

from bot.presentation.i18n import Translator
from bot.presentation.text import Text
from bot.timephrase import Rejection
from bot.timephrase.messages import rejection_message


class DomainError(Exception):
    """Something the user asked for that cannot be done; ``text`` says why, politely."""

    def __init__(self, message: str, /, **params: Any) -> None:
        super().__init__(message)
        self.text = Text(message, params)


class NotAllowed(DomainError):
    """The user's role does not allow this."""


class NotInRoster(DomainError):
    """The user is not in the roster."""


class NotFound(DomainError):
    """What the user referred to does not exist here."""


class InvalidInput(DomainError):
    """The input could not be understood or breaks a rule."""


class Conflict(DomainError):
    """The state changed under the user (e.g. a double click)."""


class _RejectionText(Text):
    """A time phrase's rejection speaks for itself, in the reader's language."""

    rejection: Rejection

    def __init__(self, rejection: Rejection) -> None:
        super().__init__(rejection.code)
        object.__setattr__(self, "rejection", rejection)

    def render(self, translator: Translator) -> str:
        return rejection_message(self.rejection, translator.language)


class TimeNotAccepted(InvalidInput):
    """A time phrase that could not be understood or will not do (past, impossible)."""

    def __init__(self, rejection: Rejection) -> None:
        Exception.__init__(self, rejection.code)
        self.rejection = rejection
        self.text = _RejectionText(rejection)
