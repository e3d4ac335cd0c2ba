"""What every payload shares: the workspace's ids and the ids Slack stamps on each request."""

from __future__ import annotations

import hashlib
import itertools
import os
import time

TEAM_ID = "T0POGI"
TEAM_DOMAIN = "pogi"
API_APP_ID = "A0POGI"
BOT_USER_ID = "U0POGIBOT"
BOT_ID = "B0POGIBOT"
# The deprecated verification token Slack still sends; Bolt ignores it unless configured.
VERIFICATION_TOKEN = "pogi-verification-token"


def user_object(user_id: str, user_name: str, team_id: str) -> dict[str, str]:
    """The ``user`` object of an interaction."""
    name = user_name or user_id
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


_SERIAL = itertools.count(1)


def serial() -> str:
    """A part no two payloads built share: Slack stamps each delivery with ids of its own, and
    pogi knows a request delivered again by them (``handlers.once``)."""
    return f"{os.getpid()}.{next(_SERIAL)}"


def make_trigger_id(*parts: str) -> str:
    hashed = digest(*parts, serial())
    return f"{int(time.time())}.{int(hashed[:8], 16) % 10**10}.{hashed[8:40]}"


def now_ts() -> str:
    return f"{time.time():.6f}"


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
