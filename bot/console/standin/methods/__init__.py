"""The Web API methods the stand-in answers, each a function of the world and the call's args.

A method reads and changes the ``World`` (under its lock) and answers Slack's JSON, or raises
``SlackError`` for Slack's ``{"ok": false}``. The modules follow Slack's method families.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from bot.console.standin.methods import apps, chat, conversations, files, users, views
from bot.console.standin.world import World

Method = Callable[[World, dict[str, Any]], dict[str, Any]]

APP_TOKEN_METHODS = apps.APP_TOKEN_METHODS


def _api_test(world: World, args: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, "args": args}


def web_api(*, origin: Callable[[], str], open_socket: Callable[[], str]) -> dict[str, Method]:
    """Every method by name; ``origin`` and ``open_socket`` give the stand-in's own URLs."""
    return {
        "api.test": _api_test,
        "auth.test": users.auth_test,
        "apps.connections.open": partial(apps.connections_open, open_socket=open_socket),
        "chat.postMessage": chat.post_message,
        "chat.postEphemeral": chat.post_ephemeral,
        "chat.update": chat.update,
        "chat.delete": chat.delete,
        "chat.getPermalink": chat.get_permalink,
        "views.open": views.open_,
        "views.push": views.open_,
        "views.update": views.update,
        "views.publish": views.publish,
        "users.info": users.info,
        "conversations.info": conversations.info,
        "conversations.join": conversations.join,
        "conversations.members": conversations.members,
        "conversations.open": conversations.open_,
        "files.getUploadURLExternal": lambda world, args: files.get_upload_url(
            world, args, origin=origin()
        ),
        "files.completeUploadExternal": files.complete_upload,
        "files.list": files.list_files,
    }
