"""Slack's text as a terminal shows it: mrkdwn links, mentions and escapes resolved."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_ANGLE = re.compile(r"<([^<>]+)>")


def mrkdwn_to_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """Slack mrkdwn as a terminal shows it: links, mentions and escapes resolved, styling kept."""
    names = names or {}

    def resolve(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@"):
            return "@" + names.get(target[1:], label or target[1:])
        if target.startswith("#"):
            return "#" + (label or names.get(target[1:], target[1:]))
        if target.startswith("!"):
            return label or "@" + target[1:].split("^")[0]
        if not label or label == target or f"mailto:{label}" == target:
            return label or target
        return f"{label} ({target})"

    return unescape(_ANGLE.sub(resolve, text))


def plain(item: Any) -> str:
    """The text of a ``plain_text`` object (or a bare string), unescaped."""
    if item is None:
        return ""
    if isinstance(item, str):
        return unescape(item)
    return unescape(str(item.get("text", "")))


def unescape(text: str) -> str:
    # Slack escapes only these three; ``&amp;`` last so ``&amp;lt;`` stays a literal ``&lt;``.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def block_id(block: Mapping[str, Any], index: int) -> str:
    # Slack invents ids for blocks without one; a stable stand-in keeps answers addressable.
    return str(block.get("block_id") or f"block-{index + 1}")
