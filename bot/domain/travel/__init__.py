"""The travelling advisory team (rejsehold, seeds/000): regional rounds whose organisations go
through four phases with the advisers.

- ``access``: who runs the team (the secretariat and the advisers), the round of a channel;
- ``views``: the meeting and outbox kinds, and the board (each organisation's phase, what it
  waits for and who);
- ``rounds``: start a round, add and remove organisations, the board;
- ``meetings``, ``kickoff``: the workshops and kickoff meetings (booked as meetings) and the
  kickoff meeting's minutes;
- ``plans``, ``activities``: the activity plan and cooperation agreement with their versions and
  approval, and the activities;
- ``evaluation``, ``examples``, ``home``: the evaluation, good examples, the App Home section;
- ``following``, ``messages``: what follows a moved workshop, what messages read when sent.

``meetings`` and the modules that use it are imported by their own names: ``bot.domain.meetings``
itself follows a moved workshop through ``following``.
"""

from __future__ import annotations

from bot.domain.travel.rounds import (
    ADD_USAGE,
    add_participant,
    board,
    remove_participant,
    round_name_here,
    start,
)
from bot.domain.travel.views import Board, ParticipantState, WorkshopView

__all__ = [
    "ADD_USAGE",
    "Board",
    "ParticipantState",
    "WorkshopView",
    "add_participant",
    "board",
    "remove_participant",
    "round_name_here",
    "start",
]
