"""The travelling advisory team (rejsehold, seeds/000): regional rounds whose organisations go
through four phases with the advisers.

- ``access``: who runs the team (the secretariat and the advisers), the round of a channel;
- ``views``: the meeting and outbox kinds, and the board (each organisation's phase, what it
  waits for and who);
- ``rounds``: start a round, add and remove organisations, the board.
"""

from __future__ import annotations

from bot.domain.travel.rounds import ADD_USAGE, add_participant, board, remove_participant, start
from bot.domain.travel.views import Board, ParticipantState, WorkshopView

__all__ = [
    "ADD_USAGE",
    "Board",
    "ParticipantState",
    "WorkshopView",
    "add_participant",
    "board",
    "remove_participant",
    "start",
]
