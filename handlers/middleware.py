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
        if "command" in body and not all(isinstance(body.get(f), str) for f in COMMAND_FIELDS):
            missing = [f for f in COMMAND_FIELDS if not isinstance(body.get(f), str)]
            logger.warning("a command without %s refused as malformed", ", ".join(missing))
            return BoltResponse(status=400, body="Bad Request")
        context = req.context
        context["pogi"] = self.pogi
        context["now"] = self.pogi.clock()
        if context.response_url:
            context["respond"] = Respond(
                response_url=context.response_url, urls=self.pogi.responses
            )
        return next()
