"""Middleware: who is asking, in which language, and the services they may use."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from slack_bolt import BoltContext, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk.webhook import WebhookClient

from bot.domain import roster
from bot.domain.people import Actor
from bot.presentation.i18n import Translator, language_of
from handlers.context import Pogi
from handlers.errors import APOLOGY

logger = logging.getLogger(__name__)


def identify(pogi: Pogi, context: BoltContext) -> None:
    """Who is asking (``actor``) and in which language (``tr``): the roster as stored, and the
    user's Slack locale, remembered after the first look-up."""
    user_id = context.user_id
    person = roster.find_person(pogi.db, slack_user_id=user_id) if user_id else None
    locale = None
    if user_id:
        known = person.locale if person else None
        locale = pogi.locales.locale(user_id, known, in_roster=person is not None)
    context["actor"] = Actor(user_id or "", person)
    context["tr"] = Translator(
        language_of(locale, pogi.settings.pogi_language), pogi.settings.timezone
    )


class PogiContext(Middleware):
    """Put ``pogi``, ``now``, ``actor`` and ``tr`` (the user's translator) into the context.

    A command is acknowledged before it runs, so its user is identified by its listener after
    the acknowledgement (``handlers.commands``): the acknowledgement waits for no database. A
    ``Middleware`` rather than a function: Bolt calls it directly, without working out its
    arguments on every request."""

    def __init__(self, pogi: Pogi) -> None:
        self.pogi = pogi

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        pogi, context, body = self.pogi, req.context, req.body
        context["pogi"] = pogi
        context["now"] = pogi.clock()
        if "command" in body:
            context["actor"] = None
            context["tr"] = pogi.public_tr
            return next()
        try:
            identify(pogi, context)
        except Exception:
            # The database is not answering: say so rather than let Slack show a failure.
            logger.exception("could not look up %s", context.user_id)
            return _unavailable(body, Translator(pogi.settings.pogi_language))
        return next()


def _unavailable(body: dict, tr: Translator) -> BoltResponse:
    """An apology shaped for the request: a command's answer, a modal's field error, or a
    message to the button's response URL."""
    message = tr(APOLOGY)
    if "command" in body:
        return _json({"text": message})
    if body.get("type") == "view_submission":
        inputs = [b["block_id"] for b in body["view"].get("blocks", []) if b.get("type") == "input"]
        if inputs:
            return _json({"response_action": "errors", "errors": {inputs[0]: message[:150]}})
    if body.get("response_url"):
        try:
            WebhookClient(body["response_url"], timeout=2).send(
                text=message, response_type="ephemeral", replace_original=False
            )
        except Exception:
            logger.exception("could not apologise through the response URL")
    return BoltResponse(status=200, body="")


def _json(content: dict) -> BoltResponse:
    return BoltResponse(
        status=200, body=json.dumps(content), headers={"content-type": "application/json"}
    )
