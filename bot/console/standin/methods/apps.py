"""``apps.connections.open``: where a Socket Mode app opens its WebSocket."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.console.standin.world import World

# Methods that take the app-level token (xapp-…) and no other; every other method refuses it.
APP_TOKEN_METHODS = frozenset({"apps.connections.open"})


def connections_open(
    world: World, args: dict[str, Any], *, open_socket: Callable[[], str]
) -> dict[str, Any]:
    """A fresh ``ws://`` URL with a one-time ticket, as Slack answers a ``wss://`` one."""
    return {"ok": True, "url": open_socket()}
