"""What Slack refuses before it does anything: missing arguments, oversized or empty content.

Each check raises ``SlackError`` with the error code Slack answers, so the bot meets the same
``{"ok": false, "error": ...}`` it would meet in production.
"""

from __future__ import annotations

from typing import Any

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
TEXT_LIMIT = 40_000


class SlackError(Exception):
    """A Web API error: answered as HTTP 200 with ``{"ok": false, "error": error}``."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def required(args: dict[str, Any], key: str, error: str) -> str:
    """The argument as text, or Slack's error for it missing."""
    value = args.get(key)
    if not value:
        raise SlackError(error)
    return str(value)


def flag(value: Any) -> bool:
    """A boolean argument, as form posts (``"1"``, ``"true"``) and JSON bodies carry it."""
    return value in (True, 1, "1", "true", "True")


def check_message_content(args: dict[str, Any]) -> None:
    """A message needs text, blocks or attachments, within Slack's size limits."""
    if not (args.get("text") or args.get("blocks") or args.get("attachments")):
        raise SlackError("no_text")
    if len(str(args.get("text") or "")) > TEXT_LIMIT:
        raise SlackError("msg_too_long")
    blocks = args.get("blocks")
    if blocks is not None and (not isinstance(blocks, list) or len(blocks) > MESSAGE_BLOCK_LIMIT):
        raise SlackError("invalid_blocks")


def submitted_view(args: dict[str, Any], *, modal: bool) -> dict[str, Any]:
    """The ``view`` argument once Slack would accept it; ``modal`` refuses a Home tab."""
    view = args.get("view")
    if not isinstance(view, dict):
        raise SlackError("invalid_arguments")
    if view.get("type") not in ("modal", "home") or (modal and view.get("type") != "modal"):
        raise SlackError("invalid_arguments")
    if view["type"] == "modal" and not view.get("title"):
        raise SlackError("invalid_arguments")
    if len(view.get("blocks") or []) > VIEW_BLOCK_LIMIT:
        raise SlackError("invalid_arguments")
    if args.get("external_id") and "external_id" not in view:
        view = {**view, "external_id": args["external_id"]}
    return view
