"""An ambassador confirms that an approved goal is launched (``Lanceret`` on the message that
told the ambassadors): the condition to leave the launch phase."""

from __future__ import annotations

from datetime import datetime

from bot.domain import audit, uptake
from bot.domain.errors import Conflict, NotAllowed, NotFound
from bot.domain.people import Actor
from bot.domain.revisions.views import RevisionView, entity_of, view_of
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from bot.timephrase.workdays import WorkingHours
from storage.database import Database
from storage.tables import Revision, Vote


def confirm_launch(
    db: Database,
    *,
    actor: Actor,
    vote_id: int,
    now: datetime,
    working: WorkingHours | None = None,
) -> RevisionView:
    """Record the launch of the goal the steering group approved in vote ``vote_id``; the first
    ambassador's confirmation counts, a second is told who confirmed it. Every member is asked
    how far their organisation has come with the goal (``uptake``)."""
    person = actor.in_roster()
    if not person.has(Role.AMBASSADOR):
        raise NotAllowed(N_("Kun ambassadørerne kan bekræfte, at målet er lanceret."))
    with db.transaction() as session:
        vote = session.get(Vote, vote_id)
        revision = session.get(Revision, vote.revision_id) if vote and vote.revision_id else None
        if vote is None or revision is None or not (vote.result or {}).get("passed"):
            raise NotFound(N_("Der er ikke noget godkendt indkøbsmål at lancere her."))
        if revision.launched_at is not None:
            raise Conflict(
                N_("<@%(user)s> har allerede bekræftet lanceringen af %(goal)s (%(when)s)."),
                user=revision.launched_by or "",
                goal=revision.goal,
                when=revision.launched_at,
            )
        revision.launched_by, revision.launched_at = actor.user_id, now
        session.add(revision)
        audit.record(
            session,
            actor=actor,
            action="revision.launched",
            entity=entity_of(revision),
            before=None,
            after={"vote": vote_id},
            at=now,
        )
        uptake.announce(
            session, revision=revision, version=vote.goal_version, now=now, working=working
        )
        session.flush()
        return view_of(session, revision)
