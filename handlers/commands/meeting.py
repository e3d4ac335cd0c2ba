"""``/pogi møde WHEN [TITLE]``, ``møde flyt N WHEN``, ``møde aflys N``, ``møde forslag WHEN;
WHEN; … [TITLE]`` and ``/pogi møder``."""

from __future__ import annotations

from bot.domain import meetings
from bot.domain.errors import InvalidInput
from bot.domain.meetings import polls
from bot.presentation.i18n import N_
from handlers.actions.meeting import confirm_value
from handlers.commands.base import Answer, Command
from handlers.parsing import number_or_refuse

MOVE = ("flyt", "move")
POLL = ("forslag", "poll")
CANCEL = ("aflys", "cancel")
USAGE = N_(
    "Brug `/pogi møde TID [TITEL]`, `/pogi møde flyt NR TID`, `/pogi møde aflys NR` eller "
    "`/pogi møde forslag TID; TID; … [TITEL]`, fx `/pogi møde torsdag kl. 13-15 Opstartsmøde`."
)


def meeting_command(cmd: Command) -> Answer:
    sub = cmd.sub()
    if sub in MOVE + CANCEL:
        return _change(cmd, sub)
    if sub in POLL:
        return _poll(cmd)
    text = " ".join(cmd.args)
    proposal = meetings.propose(
        cmd.pogi.db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        text=text,
        now=cmd.now,
        zone=cmd.pogi.settings.timezone,
        language=cmd.tr.language,
    )
    other = proposal.alternative
    return cmd.answer(
        "meeting_proposal",
        proposal=proposal,
        confirm_value=confirm_value(proposal),
        alternative_value=confirm_value(other) if other else "",
    )


def _poll(cmd: Command) -> Answer:
    """``møde forslag TID; TID; TID [TITEL]``: the times go to the channel for everyone to mark."""
    poll = polls.start_poll(
        cmd.pogi.db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        text=" ".join(cmd.args[1:]),
        now=cmd.now,
        zone=cmd.pogi.settings.timezone,
        language=cmd.tr.language,
        working=cmd.pogi.settings.working_hours,
    )
    cmd.pogi.kick()
    return cmd.answer("poll_started", poll=poll)


def _number(cmd: Command) -> int:
    if len(cmd.args) < 2:
        raise InvalidInput(USAGE)
    return number_or_refuse(cmd.args[1], USAGE)


def _change(cmd: Command, sub: str) -> Answer:
    number = _number(cmd)
    db = cmd.pogi.db
    if sub in CANCEL:
        meeting = meetings.cancel(
            db, actor=cmd.actor, channel_id=cmd.channel_id, number=number, now=cmd.now
        )
        cmd.pogi.kick()
        return cmd.answer("meeting_changed", meeting=meeting, cancelled=True)
    _, meeting = meetings.move(
        db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        number=number,
        text=" ".join(cmd.args[2:]),
        now=cmd.now,
        zone=cmd.pogi.settings.timezone,
        reminders=cmd.pogi.settings.pogi_meeting_reminders,
        language=cmd.tr.language,
        working=cmd.pogi.settings.working_hours,
    )
    cmd.pogi.kick()
    return cmd.answer("meeting_changed", meeting=meeting, cancelled=False)


def meetings_command(cmd: Command) -> Answer:
    cmd.actor.in_roster()
    here = meetings.coming(cmd.pogi.db, channel_id=cmd.channel_id, now=cmd.now)
    if here:
        return cmd.answer("meetings_list", meetings=here, everywhere=False)
    every = meetings.coming(cmd.pogi.db, channel_id=None, now=cmd.now)
    return cmd.answer("meetings_list", meetings=every, everywhere=True)
