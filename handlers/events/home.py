"""The App Home tab: the user's own revisions and what they can do."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.domain import homework, meetings, revisions, uptake
from bot.domain.travel import home as travel_home
from handlers.context import actor_of, now_of, pogi_of, tr_of


def publish_home(context: BoltContext, client: WebClient) -> None:
    pogi = pogi_of(context)
    actor = actor_of(context)
    view = pogi.render(
        "home",
        tr=tr_of(context),
        actor=actor,
        mine=revisions.revisions_of_person(pogi.db, slack_user_id=actor.user_id),
        every=revisions.all_revisions(pogi.db) if actor.is_secretariat else [],
        meetings=meetings.for_person(pogi.db, slack_user_id=actor.user_id, now=now_of(context)),
        homework=homework.for_person(pogi.db, slack_user_id=actor.user_id),
        uptake_open=uptake.open_for(pogi.db, slack_user_id=actor.user_id),
        travel=travel_home.home_of(pogi.db, slack_user_id=actor.user_id, now=now_of(context)),
        now=now_of(context),
    )
    client.views_publish(user_id=actor.user_id, view=view)


def home_opened(event: dict, context: BoltContext, client: WebClient) -> None:
    if event.get("tab", "home") == "home":
        publish_home(context, client)
