"""Middleware: the services and the time of the request; who is asking is read when a listener
first asks (``handlers.context``)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from handlers.context import Pogi
from handlers.responses import Respond

logger = logging.getLogger("pogi")
# What every slash command carries: who, where, and where to answer (pogi answers after its ack).
COMMAND_FIELDS = ("user_id", "channel_id", "response_url")


def _well_formed(body: dict) -> bool:
    """What pogi reads of a command or a click is there: a command's user, channel and response
    URL (pogi answers after its ack); a click's user and the actions clicked."""
    if "command" in body:
        if not all(isinstance(body.get(name), str) and body[name] for name in COMMAND_FIELDS):
            return False
        url = str(body["response_url"])
        return url.isascii() and url.startswith(("https://", "http://"))
    if body.get("type") == "block_actions":
        actions, user = body.get("actions"), body.get("user")
        return (
            isinstance(user, dict)
            and isinstance(user.get("id"), str)
            and isinstance(actions, list)
            and bool(actions)
            and all(isinstance(a, dict) and isinstance(a.get("action_id"), str) for a in actions)
        )
    return True


class PogiContext(Middleware):
    """Put ``pogi`` and ``now`` into the context of every request, and a ``respond`` that
    answers over kept-open connections (``handlers.responses``).

    Who is asking, and in which language, is read from the roster when a listener first asks
    (``actor_of``, ``tr_of``): a command is acknowledged before that, and a vote click reads
    the voter's seat in its own transaction, so neither waits for a second look-up. A
    ``Middleware`` rather than a function: Bolt calls it directly, without working out its
    arguments on every request."""

    def __init__(self, pogi: Pogi) -> None:
        self.pogi = pogi

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        body = req.body
        if not _well_formed(body):
            logger.warning("a malformed %s refused", body.get("type") or "command")
            return BoltResponse(status=400, body="Bad Request")
        context = req.context
        context["pogi"] = self.pogi
        context["now"] = self.pogi.clock()
        if context.response_url:
            context["respond"] = Respond(
                response_url=context.response_url, urls=self.pogi.responses
            )
        return next()
