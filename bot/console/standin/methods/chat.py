"""``chat.*``: posting, updating and deleting the bot's messages, and their permalinks."""

from __future__ import annotations

from typing import Any

from bot.console.standin.checks import SlackError, check_message_content, required
from bot.console.standin.world import World


def post_message(world: World, args: dict[str, Any]) -> dict[str, Any]:
    channel = world.postable_channel(args)
    check_message_content(args)
    message = bot_message(world, args, ts=world.next_ts())
    world.messages[(channel, message["ts"])] = message
    return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}


def post_ephemeral(world: World, args: dict[str, Any]) -> dict[str, Any]:
    channel = world.postable_channel(args)
    check_message_content(args)
    known = world.channels.get(channel)
    if known is not None and known.members and args.get("user") not in known.members:
        raise SlackError("user_not_in_channel")
    return {"ok": True, "message_ts": world.next_ts()}


def update(world: World, args: dict[str, Any]) -> dict[str, Any]:
    channel, ts = required(args, "channel", "channel_not_found"), args.get("ts")
    if not ts:
        raise SlackError("message_not_found")
    check_message_content(args)
    message = world.messages.get((channel, ts)) or bot_message(world, {}, ts=ts)
    updated = {**message, **bot_message(world, args, ts=ts)}
    updated["edited"] = {"user": world.workspace.bot_user_id, "ts": world.next_ts()}
    world.messages[(channel, ts)] = updated
    text = updated.get("text", "")
    return {"ok": True, "channel": channel, "ts": ts, "text": text, "message": updated}


def delete(world: World, args: dict[str, Any]) -> dict[str, Any]:
    channel, ts = required(args, "channel", "channel_not_found"), args.get("ts")
    if not ts:
        raise SlackError("message_not_found")
    world.messages.pop((channel, ts), None)
    return {"ok": True, "channel": channel, "ts": ts}


def get_permalink(world: World, args: dict[str, Any]) -> dict[str, Any]:
    channel = required(args, "channel", "channel_not_found")
    ts = required(args, "message_ts", "message_not_found")
    domain = world.workspace.team_domain
    link = f"https://{domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    return {"ok": True, "channel": channel, "permalink": link}


def bot_message(world: World, args: dict[str, Any], *, ts: str) -> dict[str, Any]:
    """The message object Slack stores for a post by the bot."""
    workspace = world.workspace
    message: dict[str, Any] = {
        "type": "message",
        "user": workspace.bot_user_id,
        "bot_id": workspace.bot_id,
        "app_id": workspace.app_id,
        "team": workspace.team_id,
        "text": args.get("text", ""),
        "ts": ts,
    }
    for key in ("blocks", "attachments", "metadata", "thread_ts"):
        if args.get(key):
            message[key] = args[key]
    return message
