"""``/pogi hjemmearbejde @user OPGAVE til WHEN`` and ``/pogi hjemmearbejde`` (the list)."""

from __future__ import annotations

from bot.domain import homework, revisions
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command
from handlers.parsing import mention, unescape


def homework_command(cmd: Command) -> Answer:
    if not cmd.args:
        cmd.actor.in_roster()
        here = revisions.revision_here(cmd.pogi.db, channel_id=cmd.channel_id) is not None
        by_person = homework.open_by_person(
            cmd.pogi.db, channel_id=cmd.channel_id if here else None
        )
        return cmd.answer("homework_list", by_person=by_person, everywhere=not here)
    assignee = mention(cmd.args[0])
    if assignee is None:
        raise InvalidInput(
            N_("Nævn personen først, fx `/pogi hjemmearbejde @navn Send udkast til fredag kl. 12`.")
        )
    task = homework.assign(
        cmd.pogi.db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        assignee_id=assignee,
        text=unescape(" ".join(cmd.args[1:])),
        now=cmd.now,
        zone=cmd.pogi.settings.timezone,
        reminders=cmd.pogi.settings.pogi_homework_reminders,
        language=cmd.tr.language,
    )
    cmd.pogi.kick()
    return cmd.answer("homework_given", homework=task)
