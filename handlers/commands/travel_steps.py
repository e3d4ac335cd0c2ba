"""The steps of a round after it is started: ``rejsehold workshop opstart|afslutning TID
[STED]``, ``rejsehold opstartsmøde ORG TID``, ``rejsehold plan ORG`` and ``rejsehold
evaluering``."""

from __future__ import annotations

from bot.domain.errors import InvalidInput
from bot.domain.travel import evaluation, plans
from bot.domain.travel import meetings as travel_meetings
from bot.domain.travel.views import CLOSING, KICKOFF, OPENING
from bot.presentation.i18n import N_
from handlers.actions.travel import meeting_value
from handlers.commands.base import Answer, Command, Modal
from handlers.parsing import unescape

OPENING_WORDS = ("opstart", "opening", "start")
CLOSING_WORDS = ("afslutning", "closing", "afsluttende")


def workshop_command(cmd: Command) -> Answer:
    which = cmd.args[1].lower() if len(cmd.args) > 1 else ""
    if which not in OPENING_WORDS + CLOSING_WORDS:
        raise InvalidInput(
            N_(
                "Brug `/pogi rejsehold workshop opstart TID [STED]` eller "
                "`/pogi rejsehold workshop afslutning TID [STED]`, fx "
                "`/pogi rejsehold workshop opstart 29/2 kl. 9-16 Force Technology, Vejen`."
            )
        )
    return _propose(cmd, OPENING if which in OPENING_WORDS else CLOSING, cmd.args[2:])


def kickoff_command(cmd: Command) -> Answer:
    return _propose(cmd, KICKOFF, cmd.args[1:])


def _propose(cmd: Command, kind: str, words: list[str]) -> Answer:
    proposal = travel_meetings.propose(
        cmd.pogi.db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        kind=kind,
        text=unescape(" ".join(words)),
        now=cmd.now,
        zone=cmd.pogi.settings.timezone,
        language=cmd.tr.language,
    )
    return cmd.answer(
        "travel/meeting_proposal", proposal=proposal, confirm_value=meeting_value(proposal)
    )


def plan_command(cmd: Command) -> Modal:
    form = plans.plan_form(
        cmd.pogi.db,
        actor=cmd.actor,
        channel_id=cmd.channel_id,
        text_given=unescape(" ".join(cmd.args[1:])),
    )
    return Modal(cmd.render("travel/plan_modal", form=form))


def evaluation_command(cmd: Command) -> Answer:
    results = evaluation.results(
        cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now
    )
    cmd.pogi.kick()
    return cmd.answer("travel/evaluation_results", results=results)
