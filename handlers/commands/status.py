"""``/pogi status``: this group's revision here, every revision elsewhere."""

from __future__ import annotations

from bot import homework, meetings, outbox, revisions
from handlers.commands.base import Answer, Command


def status_command(cmd: Command) -> Answer:
    cmd.actor.in_roster()
    db = cmd.pogi.db
    if revisions.revision_here(db, channel_id=cmd.channel_id) is not None:
        overview = revisions.phase_overview(db, actor=cmd.actor, channel_id=cmd.channel_id)
        group = revisions.group_overview(db, actor=cmd.actor, channel_id=cmd.channel_id)
        return cmd.answer(
            "status_revision",
            phase=overview,
            group=group,
            next_meeting=meetings.next_meeting(db, channel_id=cmd.channel_id, now=cmd.now),
            open_homework=sum(
                len(tasks)
                for tasks in homework.open_by_person(db, channel_id=cmd.channel_id).values()
            ),
        )
    return cmd.answer(
        "status_all",
        revisions=revisions.all_revisions(db),
        steering_here=revisions.steering_channel(db) == cmd.channel_id,
        undelivered=outbox.undelivered(db) if cmd.actor.is_secretariat else [],
    )
