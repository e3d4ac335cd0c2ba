"""Counting a vote (SPEC §4), pure: one seat per organisation, the latest ballot counts; passed
means a quorum of more than half the seats voting and more For than Imod; a tie does not pass."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
CHOICES = (FOR, AGAINST, ABSTAIN)
PENDING, GIVEN = "pending", "given"
"""A seat's internal (e.g. political) approval."""
MEMBER, DEPUTY = "member", "deputy"
"""Who cast a seat's ballot: the steering-group member or the deputy."""


@dataclass(frozen=True)
class Seat:
    organisation: str
    choice: str | None
    voter: str | None
    approval: str | None
    reason: str | None = None
    """The seat's short reason for its ballot, where it gave one for the choice it made."""
    cast_as: str | None = None
    """``MEMBER`` or ``DEPUTY``; known once the vote is closed."""


@dataclass(frozen=True)
class Tally:
    seats: list[Seat]
    quorum_fraction: float

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(CHOICES, 0)
        for seat in self.seats:
            if seat.choice:
                counts[seat.choice] += 1
        return counts

    @property
    def voted(self) -> int:
        return sum(1 for seat in self.seats if seat.choice)

    @property
    def quorum_needed(self) -> int:
        """More than ``quorum_fraction`` of the seats, counted exactly (no float rounding)."""
        return math.floor(Fraction(str(self.quorum_fraction)) * len(self.seats)) + 1

    @property
    def quorum(self) -> bool:
        return self.voted >= self.quorum_needed and bool(self.seats)

    @property
    def passed(self) -> bool:
        counts = self.counts
        return self.quorum and counts[FOR] > counts[AGAINST]

    @property
    def waiting(self) -> list[str]:
        return [seat.organisation for seat in self.seats if not seat.choice]

    @property
    def approvals_pending(self) -> list[str]:
        return [seat.organisation for seat in self.seats if seat.approval == PENDING]
