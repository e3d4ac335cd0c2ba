"""``Færdig`` on homework: the assignee, the coordinator or the secretariat."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.domain import homework
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.events.home import publish_home
from handlers.parsing import number_or_refuse


def homework_done(
    ack: Ack, body: dict, context: BoltContext, client: WebClient, respond: Respond
) -> None:
    """Stored before the acknowledgement; others' clicks are refused and change nothing."""
    pogi = pogi_of(context)
    done = homework.complete(
        pogi.db,
        actor=actor_of(context),
        homework_id=number_or_refuse(
            body["actions"][0].get("value"), N_("Opgaven findes ikke længere.")
        ),
        now=now_of(context),
    )
    ack()
    pogi.kick()
    receipt = pogi.render(
        "homework_completed", tr=tr_of(context), homework=done.homework, already=done.already_done
    )
    if body.get("response_url"):
        respond(response_type="ephemeral", replace_original=False, **receipt)
    else:
        client.chat_postMessage(channel=actor_of(context).user_id, **receipt)
    if (
        body.get("container", {}).get("type") == "view"
        and body.get("view", {}).get("type") == "home"
    ):
        publish_home(context, client)
