"""The consultation memo (høringsnotat): what it is written from, and the secretariat's request
for it, which the outbox composes and shares in the channel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from bot.domain import goals, outbox, permissions
from bot.domain.errors import InvalidInput
from bot.domain.goals import GoalDiff, GoalText
from bot.domain.hearings.views import MEMO, MEMO_WORD, NOT_HERE, Memo, id_of, view_of
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import goals as stored_goals
from storage.queries import hearings as stored
from storage.tables import Hearing, Revision


def memo(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> Memo:
    """Ask for the consultation memo (høringsnotat); it is composed and shared through the
    outbox."""
    actor.require_secretariat(N_("Kun sekretariatet kan lave høringsnotatet."))
    with db.transaction() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        if not stored.of_revision(session, revision_id=id_of(revision)):
            raise InvalidInput(
                N_("Der har ikke været nogen høring endnu, så der er intet høringsnotat at lave.")
            )
        for kind in (MEMO, MEMO_WORD):  # Markdown to read in Slack, Word to file
            outbox.schedule(
                session,
                kind=kind,
                subject=f"revision:{id_of(revision)}",
                destination=channel_id,
                due_at=now,
                data={"requested_by": actor.user_id},
                now=now,
            )
        return memo_of(session, revision)


def memo_of(session: Session, revision: Revision) -> Memo:
    """The revision's hearings, oldest first, and its goal; with the goal text put to the
    first hearing and what has changed in it since."""
    rows = stored.of_revision(session, revision_id=id_of(revision))
    draft, since = _goal_text_since_hearing(session, revision, rows)
    return Memo([view_of(session, row) for row in rows], revision.goal, draft, since)


def _goal_text_since_hearing(
    session: Session, revision: Revision, rows: Sequence[Hearing]
) -> tuple[GoalText | None, GoalDiff | None]:
    """The version frozen into the first hearing that had one, and its difference from the
    version current now (None when nothing was saved since)."""
    frozen = next((row.goal_version for row in rows if row.goal_version), None)
    if frozen is None:
        return None, None
    found = stored_goals.version(session, revision_id=id_of(revision), number=frozen)
    latest = stored_goals.latest(session, revision_id=id_of(revision))
    if found is None or latest is None:
        return None, None
    draft = goals.text_of(found)
    if latest.number == found.number:
        return draft, None
    return draft, goals.diff_between(revision.goal, draft, goals.text_of(latest))
