"""``/pogi rejsehold …`` (``travel-team``): the travelling advisory team's round in this channel.

``start NAVN``; ``deltager add ORG; @kontakt; @indkøbschef`` and ``deltager remove ORG``;
``workshop opstart|afslutning TID [STED]``; ``opstartsmøde ORG TID``; ``plan ORG``;
``evaluering``; and with no words the round's board.
"""

from __future__ import annotations

from bot.domain import travel
from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command, Modal
from handlers.commands.travel_steps import (
    evaluation_command,
    kickoff_command,
    plan_command,
    workshop_command,
)
from handlers.parsing import mention, unescape

START = ("start",)
PARTICIPANT = ("deltager", "participant", "deltagere", "participants")
ADD, REMOVE = ("add", "tilføj"), ("remove", "fjern")
WORKSHOP = ("workshop",)
KICKOFF = ("opstartsmøde", "opstartsmode", "kickoff")
PLAN = ("plan",)
EVALUATION = ("evaluering", "evaluation")
USAGE = N_(
    "Brug `/pogi rejsehold` (holdets oversigt), `/pogi rejsehold start NAVN`, "
    "`/pogi rejsehold deltager add ORGANISATION; @kontakt; @indkøbschef`, "
    "`/pogi rejsehold workshop opstart TID [STED]`, `/pogi rejsehold opstartsmøde ORGANISATION "
    "TID`, `/pogi rejsehold plan ORGANISATION` eller `/pogi rejsehold evaluering`."
)


def travel_command(cmd: Command) -> Answer | Modal:
    sub = cmd.sub()
    if not sub:
        board = travel.board(cmd.pogi.db, actor=cmd.actor, channel_id=cmd.channel_id, now=cmd.now)
        return cmd.answer("travel/board", board=board)
    if sub in START:
        board = travel.start(
            cmd.pogi.db,
            actor=cmd.actor,
            name=unescape(" ".join(cmd.args[1:])),
            channel_id=cmd.channel_id,
            now=cmd.now,
        )
        return cmd.announce("travel/started", board=board, by=cmd.user_id)
    if sub in PARTICIPANT:
        return _participant(cmd)
    if sub in WORKSHOP:
        return workshop_command(cmd)
    if sub in KICKOFF:
        return kickoff_command(cmd)
    if sub in PLAN:
        return plan_command(cmd)
    if sub in EVALUATION:
        return evaluation_command(cmd)
    raise InvalidInput(USAGE)


def _participant(cmd: Command) -> Answer:
    action = cmd.args[1].lower() if len(cmd.args) > 1 else ""
    rest = unescape(" ".join(cmd.args[2:]))
    if action in ADD:
        parts = [part.strip() for part in rest.split(";")]
        people = [mention(part) for part in parts[1:]]
        if len(parts) != 3 or not parts[0] or None in people:
            raise InvalidInput(travel.ADD_USAGE)
        contact, head = (str(person) for person in people)
        board, name = travel.add_participant(
            cmd.pogi.db,
            actor=cmd.actor,
            channel_id=cmd.channel_id,
            organisation=parts[0],
            contact=contact,
            head=head,
            now=cmd.now,
        )
        return cmd.announce(
            "travel/participant_changed", board=board, organisation=name, added=True
        )
    if action in REMOVE:
        board, name = travel.remove_participant(
            cmd.pogi.db,
            actor=cmd.actor,
            channel_id=cmd.channel_id,
            organisation=rest,
            now=cmd.now,
        )
        return cmd.announce(
            "travel/participant_changed", board=board, organisation=name, added=False
        )
    raise InvalidInput(
        N_(
            "Brug `/pogi rejsehold deltager add ORGANISATION; @kontakt; @indkøbschef` eller "
            "`/pogi rejsehold deltager remove ORGANISATION`."
        )
    )
