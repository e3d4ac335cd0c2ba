"""After launch: the approved goal text to each member, asking how far their organisation has
come with it, and the quarterly reminder while the organisation has not answered."""

from __future__ import annotations

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing
from bot.domain import announcements, goals, uptake
from bot.domain.outbox import Composer, Outgoing
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        uptake.ASK: Composer(_ask(composing, reminder=False)),
        uptake.REMINDER: Composer(_ask(composing, reminder=True)),
    }


def _ask(composing: Composing, *, reminder: bool) -> Compose:
    """In the member's language, while they are in the roster; a reminder only while their
    organisation has not answered."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        revision = uptake.pending_for(session, subject=row.subject)
        if revision is None and reminder:
            return None
        revision_id, _ = uptake.ids_of(row.subject)
        view = goals.view_by_id(session, revision_id)
        if (
            view is None
            or not announcements.recipient(session, slack_user_id=row.destination).in_roster
        ):
            return None
        number = (row.data or {}).get("version")
        text = next((t for t in view.versions if t.number == number), None)
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("uptake_ask", row, tr=tr, view=view, text=text, reminder=reminder)

    return compose
