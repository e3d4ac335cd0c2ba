"""``/pogi hjemmearbejde @user [@user …] OPGAVE til WHEN`` and ``/pogi hjemmearbejde``."""

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
    assignees = _leading_mentions(cmd.args)
    if not assignees:
        raise InvalidInput(
            N_("Nævn personen først, fx `/pogi hjemmearbejde @navn Send udkast til fredag kl. 12`.")
        )
    given = homework.assign(
        cmd.pogi.db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        assignee_ids=assignees,
        text=unescape(" ".join(cmd.args[len(assignees) :])),
        now=cmd.now,
        zone=cmd.pogi.settings.timezone,
        reminders=cmd.pogi.settings.pogi_homework_reminders,
        language=cmd.tr.language,
        working=cmd.pogi.settings.working_hours,
    )
    cmd.pogi.kick()
    return cmd.answer("homework_given", given=given)


def _leading_mentions(words: list[str]) -> list[str]:
    """``@a @b Læs rapporten`` → the people named before the task (a mention inside the task
    stays part of it)."""
    users: list[str] = []
    for word in words:
        user = mention(word)
        if user is None:
            break
        users.append(user)
    return users
