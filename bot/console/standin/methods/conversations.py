"""``conversations.*``: channel info and members, joining, and opening DMs."""

from __future__ import annotations

import hashlib
from typing import Any

from bot.console.standin.checks import SlackError, flag, required
from bot.console.standin.world import Channel, World


def info(world: World, args: dict[str, Any]) -> dict[str, Any]:
    channel_id = args.get("channel", "")
    if channel_id not in world.channels and channel_id.startswith("D"):
        return {"ok": True, "channel": im_object(world, channel_id)}
    channel = world.visible_channel(channel_id)
    answer = channel_object(world, channel)
    if flag(args.get("include_num_members")):
        answer["num_members"] = len(world.members_of(channel))
    return {"ok": True, "channel": answer}


def join(world: World, args: dict[str, Any]) -> dict[str, Any]:
    channel_id = required(args, "channel", "channel_not_found")
    channel = world.channels.get(channel_id)
    if channel is None:
        minimal = {"id": channel_id, "is_channel": True, "is_member": True}
        return {"ok": True, "channel": minimal, "warning": "already_in_channel"}
    if channel.is_archived:
        raise SlackError("is_archived")
    if channel.is_private:
        raise SlackError("method_not_supported_for_channel_type")
    answer: dict[str, Any] = {"ok": True}
    if channel.bot_is_member:
        answer["warning"] = "already_in_channel"
    channel.bot_is_member = True
    answer["channel"] = channel_object(world, channel)
    return answer


def members(world: World, args: dict[str, Any]) -> dict[str, Any]:
    channel = world.visible_channel(args.get("channel", ""))
    return {
        "ok": True,
        "members": world.members_of(channel),
        "response_metadata": {"next_cursor": ""},
    }


def open_(world: World, args: dict[str, Any]) -> dict[str, Any]:
    if args.get("channel"):
        return {"ok": True, "no_op": True, "channel": {"id": args["channel"]}}
    users = [u.strip() for u in str(args.get("users", "")).split(",") if u.strip()]
    if not users:
        raise SlackError("users_list_not_supplied")
    if len(users) == 1:
        dm = im_object(world, world.dm_channel_id(users[0]))
        return {"ok": True, "no_op": False, "channel": dm}
    digest = hashlib.sha1(",".join(sorted(users)).encode()).hexdigest()[:10].upper()
    mpim = {"id": f"G{digest}", "is_mpim": True, "is_im": False, "is_open": True}
    return {"ok": True, "no_op": False, "channel": mpim}


def channel_object(world: World, channel: Channel) -> dict[str, Any]:
    blank = {"value": "", "creator": "", "last_set": 0}
    return {
        "id": channel.id,
        "name": channel.name,
        "name_normalized": channel.name,
        "is_channel": True,
        "is_group": False,
        "is_im": False,
        "is_mpim": False,
        "is_private": channel.is_private,
        "is_archived": channel.is_archived,
        "is_general": False,
        "is_shared": False,
        "is_org_shared": False,
        "is_ext_shared": False,
        "is_member": channel.bot_is_member,
        "created": channel.created,
        "creator": "",
        "context_team_id": world.workspace.team_id,
        "topic": dict(blank),
        "purpose": dict(blank),
    }


def im_object(world: World, channel_id: str) -> dict[str, Any]:
    return {
        "id": channel_id,
        "created": world.now(),
        "is_im": True,
        "is_org_shared": False,
        "user": "U" + channel_id[1:],
        "is_user_deleted": False,
        "priority": 0,
    }
