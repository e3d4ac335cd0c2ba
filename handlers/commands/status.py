"""``/pogi status``: this group's revision here, every revision elsewhere."""

from __future__ import annotations

from bot.domain import (
    activity_plan,
    hearings,
    homework,
    meetings,
    outbox,
    revisions,
    uptake,
    votes,
)
from handlers.commands.base import Answer, Command


def status_command(cmd: Command) -> Answer:
    cmd.actor.in_roster()
    db = cmd.pogi.db
    here = revisions.status_here(db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now)
    if here is not None:
        phase, group = here
        open_homework = homework.open_by_person(db, channel_id=cmd.channel_id)
        return cmd.answer(
            "status_revision",
            phase=phase,
            group=group,
            next_meeting=meetings.next_meeting(db, channel_id=cmd.channel_id, now=cmd.now),
            open_homework=sum(len(tasks) for tasks in open_homework.values()),
            hearing=next(
                iter(hearings.overview(db, actor=cmd.actor, channel_id=cmd.channel_id)), None
            ),
            vote=votes.open_for_revision(
                db, revision_id=phase.revision.id, quorum=cmd.pogi.settings.pogi_vote_quorum
            ),
            plan=activity_plan.tie_of(
                db, goal=phase.revision.goal, now=cmd.now, zone=cmd.pogi.settings.timezone
            ),
        )
    return cmd.answer(
        "status_all",
        revisions=list(revisions.conditions_everywhere(db, now=cmd.now).values()),
        steering_here=revisions.steering_channel(db) == cmd.channel_id,
        undelivered=outbox.undelivered(db) if cmd.actor.is_secretariat else [],
        uptake=uptake.launched_by_id(db),
    )
