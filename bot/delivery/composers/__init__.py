"""What each kind of outbox row says when it is due, composed from the current state.

A composer returns ``None`` when its subject no longer warrants the message (a cancelled
meeting's reminder, finished homework's nudge): the dispatcher then drops the row unsent.
Channel messages are in the workspace's language; direct messages in the recipient's.
One module a feature; ``Composing`` is what they all need.
"""

from __future__ import annotations

from bot.delivery.composers import (
    comments,
    goals,
    hearings,
    history,
    homework,
    meetings,
    polls,
    revisions,
    travel,
    uptake,
    votes,
)
from bot.delivery.composers.context import Composing, Locales
from bot.domain.outbox import Composers

__all__ = ["Composing", "Locales", "composers"]


def composers(composing: Composing) -> Composers:
    """Every kind's composer, for the dispatcher."""
    registry = Composers()
    for feature in (
        meetings,
        polls,
        homework,
        votes,
        hearings,
        history,
        revisions,
        goals,
        comments,
        travel,
        uptake,
    ):
        for kind, composer in feature.composers(composing).items():
            registry.register(kind, composer)
    return registry
