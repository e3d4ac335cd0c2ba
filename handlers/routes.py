"""One Bolt listener for all buttons and one for all modals, routing by id.

Bolt asks each registered listener in turn whether a request is its own, and every asking costs
(the matcher's arguments are built each time). With a listener per button, a click on the last
one registered was asked about a dozen times; routing by id through a dictionary asks once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from handlers.errors import Listener, answering


def register_routes(
    listen: Callable[[re.Pattern[str]], Callable[[Listener], Any]],
    listeners: Mapping[str, Listener],
    *,
    id_of: Callable[[dict], str],
) -> None:
    """``listen`` (``app.action`` or ``app.view``) once for every id in ``listeners``; each
    listener answers through ``answering``."""
    routes = {key: answering(listener) for key, listener in listeners.items()}
    ids = re.compile("^(?:" + "|".join(re.escape(key) for key in routes) + ")$")

    def route(ack, body, context, client, respond, logger, payload, event):  # type: ignore[no-untyped-def]
        routes[id_of(body)](ack, body, context, client, respond, logger, payload, event)

    listen(ids)(route)
