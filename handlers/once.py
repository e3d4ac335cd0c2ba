"""Acting once on what Slack delivers more than once.

Slack delivers a request again when it thinks the first delivery was lost (an event, with
``X-Slack-Retry-Num``; a command or a click, from a client that tried again). The same request
has the same ``event_id``, or the same body with the same ``trigger_id``: its key. A delivery
whose key is recorded is acknowledged and not acted on; otherwise the key is recorded in the
transaction of the request's first change (``bot.domain.requests``), so that of two deliveries
acting at once, in one process or two, one change is kept and the other rolled back.
"""

from __future__ import annotations

import hashlib
from typing import Any

KEY_LENGTH = 80


def delivery_key(body: dict[str, Any]) -> str | None:
    """What a request is known by when it comes again; None if nothing tells it apart.

    An event by its ``event_id``; a command, a click or a form by its ``trigger_id``, which
    Slack makes anew for every interaction and sends again only with the same delivery (the same
    body), so it tells a delivery apart as well as a digest of the whole body would, without
    reading the body (a click carries the whole message it was made on)."""
    event_id = body.get("event_id")
    if isinstance(event_id, str) and event_id:
        return f"event:{event_id}"[:KEY_LENGTH]
    trigger_id = body.get("trigger_id")
    if not isinstance(trigger_id, str) or not trigger_id:
        return None
    if len(trigger_id) + len("trigger:") <= KEY_LENGTH:
        return f"trigger:{trigger_id}"
    return "trigger:" + hashlib.sha256(trigger_id.encode()).hexdigest()
