"""``/pogi``: one listener that reads the first word and hands over to a subcommand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.ids import COMMAND
from handlers.commands.activity_plan import activity_plan_command
from handlers.commands.base import Answer, Command, Modal
from handlers.commands.comments import comments_command
from handlers.commands.document import documents_command
from handlers.commands.goal import goal_command
from handlers.commands.group import coordinator_command, group_command
from handlers.commands.hearing import hearing_command
from handlers.commands.help import help_command
from handlers.commands.history import history_command
from handlers.commands.homework import homework_command
from handlers.commands.meeting import meeting_command, meetings_command
from handlers.commands.phase import phase_command
from handlers.commands.revision import revision_command
from handlers.commands.roster import roster_command
from handlers.commands.status import status_command
from handlers.commands.steering import steering_command
from handlers.commands.travel import travel_command
from handlers.commands.travel_examples import example_command, examples_command
from handlers.commands.uptake import uptake_command
from handlers.commands.vote import vote_command
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.errors import answering
from handlers.parsing import words

Subcommand = Callable[[Command], Answer | Modal]

# English word first, Danish alias after (SPEC §3).
SUBCOMMANDS: dict[str, Subcommand] = {
    "help": help_command,
    "hjælp": help_command,
    "hjaelp": help_command,
    "status": status_command,
    "roster": roster_command,
    "revision": revision_command,
    "group": group_command,
    "gruppe": group_command,
    "coordinator": coordinator_command,
    "tovholder": coordinator_command,
    "steering": steering_command,
    "styregruppe": steering_command,
    "phase": phase_command,
    "fase": phase_command,
    "meeting": meeting_command,
    "møde": meeting_command,
    "mode": meeting_command,
    "meetings": meetings_command,
    "møder": meetings_command,
    "moder": meetings_command,
    "homework": homework_command,
    "hjemmearbejde": homework_command,
    "vote": vote_command,
    "afstemning": vote_command,
    "activity-plan": activity_plan_command,
    "aktivitetsplan": activity_plan_command,
    "document": documents_command,
    "dokument": documents_command,
    "documents": documents_command,
    "dokumenter": documents_command,
    "hearing": hearing_command,
    "høring": hearing_command,
    "horing": hearing_command,
    "goal": goal_command,
    "mål": goal_command,
    "maal": goal_command,
    "comments": comments_command,
    "kommentering": comments_command,
    "history": history_command,
    "historik": history_command,
    "implementation": uptake_command,
    "implementering": uptake_command,
    "travel-team": travel_command,
    "rejsehold": travel_command,
    "example": example_command,
    "eksempel": example_command,
    "examples": examples_command,
    "eksempler": examples_command,
}


def pogi_command(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    """Acknowledge at once; then the command runs on pogi's command workers, after the work
    that came before it from the same channel or the same user (``handlers.lanes``), and
    answers through the response URL."""
    commands = pogi_of(context).commands
    if commands is None:
        ack()
        _answered_command(ack, body, context, client, respond, None)
        return
    place = commands.reserve(lanes_of(body))
    try:
        ack()
    finally:
        place.start(_answered_command, ack, body, context, client, respond, None)


def lanes_of(body: dict[str, Any]) -> list[str]:
    """Whose work a command must wait for: its channel's and its user's."""
    return [f"channel:{body['channel_id']}", f"user:{body['user_id']}"]


def _run_command(
    body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    """Parse the command, run it, answer: in the channel if public, otherwise to the user."""
    given = words(body.get("text"))
    name = given[0].lower() if given else "help"
    command = Command(
        pogi=pogi_of(context),
        actor=actor_of(context),
        tr=tr_of(context),
        now=now_of(context),
        user_id=body["user_id"],
        channel_id=body["channel_id"],
        name=name,
        args=given[1:],
        trigger_id=body.get("trigger_id"),
    )
    subcommand = SUBCOMMANDS.get(name)
    result = help_command(command, unknown=given[0]) if subcommand is None else subcommand(command)
    if isinstance(result, Modal):
        client.views_open(trigger_id=body["trigger_id"], view=result.view)
        return
    respond(response_type="in_channel" if result.public else "ephemeral", **result.message)


_answered_command = answering(_run_command)


def register(app: App) -> None:
    # Acknowledged at once; whether it came before is asked on the worker (_answered_command).
    app.command(COMMAND)(answering(pogi_command, once=False))
