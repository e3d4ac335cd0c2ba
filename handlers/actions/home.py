"""``Opdatér`` on the App Home tab."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from handlers.events.home import publish_home


def refresh_home(ack: Ack, context: BoltContext, client: WebClient) -> None:
    ack()
    publish_home(context, client)
