"""Names of Slack users, looked up once when someone joins the roster."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain import roster

if TYPE_CHECKING:  # the database is only handed on to the roster service
    from storage.database import Database

logger = logging.getLogger(__name__)
_LABEL = re.compile(r"^<@[UW][A-Z0-9]+\|([^>]+)>$")


class _LooksUp(Protocol):
    """What a name needs: ``handlers.context.Pogi``'s client for look-ups before an ack."""

    @property
    def lookup_client(self) -> WebClient: ...


def display_name(pogi: _LooksUp, user_id: str, *, fallback: str = "") -> str:
    """The user's real name from Slack, else the name in the mention, else the id."""
    try:
        user = pogi.lookup_client.users_info(user=user_id).get("user") or {}
        profile = user.get("profile") or {}
        name = user.get("real_name") or profile.get("real_name") or user.get("name")
        if name:
            return str(name)
    except (SlackApiError, OSError) as error:
        logger.info("no name for %s: %s", user_id, error)
    label = _LABEL.match(fallback)
    return label.group(1) if label else user_id


class LocaleLookup:
    """Slack locales of users, from the roster or ``users.info``; remembered so that an answer
    rarely waits for the Web API."""

    def __init__(
        self, db: Database, client: WebClient, *, size: int = 2048, retry_after: float = 600.0
    ) -> None:
        self._db = db
        self._client = client
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
            roster.remember_locale(self._db, slack_user_id=user_id, locale=locale)
        return locale

    def _fetch(self, user_id: str) -> str | None:
        try:
            response = self._client.users_info(user=user_id, include_locale=True)
        except (SlackApiError, OSError) as error:
            logger.info("no locale for %s: %s", user_id, error)
            return None
        return (response.get("user") or {}).get("locale")
