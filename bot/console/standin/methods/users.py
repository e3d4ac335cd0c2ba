"""``auth.test`` and ``users.info``: who the bot is, and the people it asks about."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.console.standin.checks import SlackError, flag
from bot.console.standin.world import World

_TZ_LABELS = {"CET": "Central European Time", "CEST": "Central European Summer Time"}


def auth_test(world: World, args: dict[str, Any]) -> dict[str, Any]:
    workspace = world.workspace
    return {
        "ok": True,
        "url": f"https://{workspace.team_domain}.slack.com/",
        "team": workspace.team_name,
        "user": workspace.bot_name,
        "team_id": workspace.team_id,
        "user_id": workspace.bot_user_id,
        "bot_id": workspace.bot_id,
        "is_enterprise_install": False,
    }


def info(world: World, args: dict[str, Any]) -> dict[str, Any]:
    user_id = args.get("user", "")
    person = world.users.get(user_id)
    if person is None:
        raise SlackError("user_not_found")
    user = _user_object(world, user_id, person)
    if flag(args.get("include_locale")):
        user["locale"] = person["locale"]
    return {"ok": True, "user": user}


def _user_object(world: World, user_id: str, person: dict[str, Any]) -> dict[str, Any]:
    team_id = world.workspace.team_id
    now = datetime.now(UTC).astimezone(ZoneInfo(person["tz"]))
    offset = now.utcoffset()
    zone_name = now.tzname() or ""
    return {
        "id": user_id,
        "team_id": team_id,
        "name": person["name"],
        "deleted": False,
        "real_name": person["real_name"],
        "tz": person["tz"],
        "tz_label": _TZ_LABELS.get(zone_name, zone_name),
        "tz_offset": int(offset.total_seconds()) if offset else 0,
        "profile": {
            "real_name": person["real_name"],
            "real_name_normalized": person["real_name"],
            "display_name": person["name"],
            "display_name_normalized": person["name"],
            "team": team_id,
        },
        "is_admin": False,
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": person["is_bot"],
        "is_app_user": False,
        "updated": world.now(),
    }
