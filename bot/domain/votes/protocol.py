"""The decision record: every closed vote with its ballots, for the minutes' annex."""

from __future__ import annotations

from datetime import datetime

from bot.domain import outbox
from bot.domain.people import Actor
from bot.domain.votes.views import CLOSED, PROTOCOL, PROTOCOL_WORD
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import votes as stored


def protocol(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> int:
    """Share the decision record in the channel; returns how many votes it lists."""
    actor.require_secretariat(N_("Kun sekretariatet kan lave afstemningsprotokollen."))
    with db.transaction() as session:
        count = stored.count_with_status(session, status=CLOSED)
        for kind in (PROTOCOL, PROTOCOL_WORD):  # Markdown to read in Slack, Word to file
            outbox.schedule(
                session,
                kind=kind,
                subject=f"protocol:{channel_id}",
                destination=channel_id,
                due_at=now,
                data={"requested_by": actor.user_id},
                now=now,
            )
        return count
