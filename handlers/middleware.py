"""Middleware: who is asking, in which language, and the services they may use."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from slack_bolt import BoltContext, BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot import roster
from bot.i18n import Translator, language_of
from bot.people import Actor
from handlers.deps import Pogi
from handlers.errors import APOLOGY

logger = logging.getLogger(__name__)


class LocaleLookup:
    """Slack locales of users, from the roster or ``users.info``; remembered so that an answer
    rarely waits for the Web API."""

    def __init__(self, pogi: Pogi, *, size: int = 2048, retry_after: float = 600.0) -> None:
        self._pogi = pogi
        self._cache: OrderedDict[str, tuple[str | None, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size
        self._retry_after = retry_after

    def locale(self, user_id: str, known: str | None, *, in_roster: bool) -> str | None:
        if known:
            return known
        with self._lock:
            cached = self._cache.get(user_id)
            if cached and (cached[0] or time.monotonic() - cached[1] < self._retry_after):
                return cached[0]
        locale = self._fetch(user_id)
        with self._lock:
            self._cache[user_id] = (locale, time.monotonic())
            self._cache.move_to_end(user_id)
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        if locale and in_roster:
            roster.remember_locale(self._pogi.db, slack_user_id=user_id, locale=locale)
        return locale

    def _fetch(self, user_id: str) -> str | None:
        try:
            response = self._pogi.lookup_client.users_info(user=user_id, include_locale=True)
        except (SlackApiError, OSError) as error:
            logger.info("no locale for %s: %s", user_id, error)
            return None
        return (response.get("user") or {}).get("locale")


def context_middleware(pogi: Pogi) -> Callable[..., None]:
    """Put ``pogi``, ``actor``, ``tr`` (the user's translator) and ``now`` into the context."""
    locales = LocaleLookup(pogi)

    def middleware(
        context: BoltContext, body: dict, next: Callable[[], None]
    ) -> BoltResponse | None:
        user_id = context.user_id
        try:
            person = roster.find_person(pogi.db, slack_user_id=user_id) if user_id else None
        except Exception:
            # The database is not answering: say so rather than let Slack show a failure.
            logger.exception("could not look up %s", user_id)
            return _unavailable(body, Translator(pogi.settings.pogi_language))
        locale = None
        if user_id:
            locale = locales.locale(
                user_id, person.locale if person else None, in_roster=person is not None
            )
        context["pogi"] = pogi
        context["actor"] = Actor(user_id or "", person)
        context["tr"] = Translator(
            language_of(locale, pogi.settings.pogi_language), pogi.settings.timezone
        )
        context["now"] = pogi.clock()
        next()
        return None

    return middleware


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
