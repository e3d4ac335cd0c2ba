"""``Læs udkastet``: the version of the goal text put to a hearing or a vote, in a modal; and
``Kommentér`` in a comment round."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.domain import goals
from bot.presentation.i18n import N_
from handlers.context import actor_of, now_of, pogi_of, tr_of
from handlers.parsing import number_or_refuse

GONE = N_("Den version af målteksten findes ikke.")


def show_version(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    pogi = pogi_of(context)
    revision, _, number = str(body["actions"][0].get("value", "")).partition(":")
    view = goals.version_of(
        pogi.db,
        actor=actor_of(context),
        revision_id=number_or_refuse(revision, GONE),
        number=number_or_refuse(number, GONE),
    )
    ack()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render("goal_version_modal", tr=tr_of(context), view=view),
    )


def open_comment_form(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    """``Kommentér``: the comment modal, with the person's own comment if they have one; late
    clicks and people outside the group are refused before it opens."""
    pogi = pogi_of(context)
    actor = actor_of(context)
    found = goals.comments.comment_form(
        pogi.db,
        actor=actor,
        round_id=number_or_refuse(body["actions"][0].get("value"), goals.comments.GONE),
        now=now_of(context),
    )
    ack()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=pogi.render("comments_modal", tr=tr_of(context), round=found, user=actor.user_id),
    )
