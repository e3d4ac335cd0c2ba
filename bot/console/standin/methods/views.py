"""``views.*``: modals opened, pushed and updated, and the Home tab published."""

from __future__ import annotations

from typing import Any

from bot.console.standin.checks import SlackError, required, submitted_view
from bot.console.standin.world import World


def open_(world: World, args: dict[str, Any]) -> dict[str, Any]:
    """``views.open`` and ``views.push``: a new modal, which needs a trigger id."""
    if not args.get("trigger_id"):
        raise SlackError("invalid_arguments")
    view_id = world.next_id("V")
    view = stored_view(world, view_id, submitted_view(args, modal=True))
    return {"ok": True, "view": view}


def update(world: World, args: dict[str, Any]) -> dict[str, Any]:
    view_id = args.get("view_id")
    if not view_id and args.get("external_id"):
        matches = [v["id"] for v in world.views.values() if v["external_id"] == args["external_id"]]
        if not matches:
            raise SlackError("not_found")
        view_id = matches[0]
    if not view_id:
        raise SlackError("invalid_arguments")
    check_hash(world, view_id, args.get("hash"))
    view = stored_view(world, view_id, submitted_view(args, modal=False))
    return {"ok": True, "view": view}


def publish(world: World, args: dict[str, Any]) -> dict[str, Any]:
    user_id = required(args, "user_id", "invalid_arguments")
    if user_id not in world.home_views:
        world.home_views[user_id] = world.next_id("V")
    view_id = world.home_views[user_id]
    check_hash(world, view_id, args.get("hash"))
    view = stored_view(world, view_id, submitted_view(args, modal=False))
    return {"ok": True, "view": view}


def check_hash(world: World, view_id: str, given: str | None) -> None:
    """An update naming an outdated hash loses to the one that changed the view meanwhile."""
    known = world.views.get(view_id)
    if given and known is not None and known["hash"] != given:
        raise SlackError("hash_conflict")


def stored_view(world: World, view_id: str, submitted: dict[str, Any]) -> dict[str, Any]:
    """The view as Slack keeps and answers it: every field, a fresh hash, the root kept."""
    workspace = world.workspace
    previous = world.views.get(view_id, {})
    view: dict[str, Any] = {
        "id": view_id,
        "team_id": workspace.team_id,
        "type": "modal",
        "blocks": [],
        "private_metadata": "",
        "callback_id": "",
        "state": {"values": {}},
        "title": None,
        "clear_on_close": False,
        "notify_on_close": False,
        "close": None,
        "submit": None,
        "previous_view_id": None,
        "root_view_id": previous.get("root_view_id", view_id),
        "app_id": workspace.app_id,
        "external_id": previous.get("external_id", ""),
        "app_installed_team_id": workspace.team_id,
        "bot_id": workspace.bot_id,
    }
    view.update({k: v for k, v in submitted.items() if k in view})
    view["hash"] = f"{world.now()}.{world.next_id('')[-8:]}"
    world.views[view_id] = view
    return view
