"""``files.*``: the two-step external upload (get a URL, post the bytes, complete it), and
``files.list`` of what was shared in a channel."""

from __future__ import annotations

import mimetypes
from typing import Any

from bot.console.standin.checks import SlackError, required
from bot.console.standin.world import File, World


def get_upload_url(world: World, args: dict[str, Any], *, origin: str) -> dict[str, Any]:
    """``files.getUploadURLExternal``; the bytes then go to ``origin``'s ``/upload/`` path."""
    filename = required(args, "filename", "invalid_arguments")
    try:
        length = int(args.get("length", ""))
    except ValueError:
        raise SlackError("invalid_arguments") from None
    file_id = world.next_id("F")
    world.files[file_id] = File(id=file_id, name=filename, length=length)
    return {"ok": True, "upload_url": f"{origin}/upload/{file_id}", "file_id": file_id}


def complete_upload(world: World, args: dict[str, Any]) -> dict[str, Any]:
    """``files.completeUploadExternal``; the shared bytes are kept in the call's args."""
    requested = args.get("files")
    if not isinstance(requested, list) or not requested:
        raise SlackError("invalid_arguments")
    channel_ids = [args["channel_id"]] if args.get("channel_id") else []
    channel_ids += [c for c in str(args.get("channels") or "").split(",") if c]
    for channel_id in channel_ids:
        world.postable_channel({"channel": channel_id})
    shared: list[dict[str, Any]] = []
    contents: dict[str, bytes] = {}
    for item in requested:
        upload = world.files.get(item.get("id", ""))
        if upload is None or upload.content is None:
            raise SlackError("file_not_found")
        upload.title = item.get("title") or upload.name
        upload.channels = channel_ids
        upload.created = world.now()
        contents[upload.id] = upload.content
        shared.append(file_object(world, upload))
    args["_contents"] = contents
    args["_content"] = contents[requested[0]["id"]]
    return {"ok": True, "files": shared}


def file_object(world: World, upload: File) -> dict[str, Any]:
    workspace = world.workspace
    sharer = upload.user or workspace.bot_user_id
    mimetype = mimetypes.guess_type(upload.name)[0] or "application/octet-stream"
    private = f"https://files.slack.com/files-pri/{workspace.team_id}-{upload.id}/{upload.name}"
    permalink = (
        f"https://{workspace.team_domain}.slack.com/files/{sharer}/{upload.id}/{upload.name}"
    )
    return {
        "id": upload.id,
        "created": upload.created or world.now(),
        "name": upload.name,
        "title": upload.title,
        "mimetype": mimetype,
        "filetype": upload.name.rsplit(".", 1)[-1] if "." in upload.name else "binary",
        "user": sharer,
        "size": len(upload.content or b""),
        "mode": "hosted",
        "is_external": False,
        "is_public": bool(upload.channels),
        "url_private": private,
        "permalink": permalink,
        "channels": list(upload.channels),
    }


def list_files(world: World, args: dict[str, Any]) -> dict[str, Any]:
    """``files.list``: files shared in ``channel`` (or anywhere), the newest ``count``."""
    channel = args.get("channel")
    try:
        count = int(args.get("count") or 100)
    except ValueError:
        raise SlackError("invalid_arguments") from None
    shared = [
        upload
        for upload in world.files.values()
        if upload.channels and (not channel or channel in upload.channels)
    ]
    shared.sort(key=lambda upload: (upload.created, upload.id), reverse=True)
    found = [file_object(world, upload) for upload in shared[:count]]
    return {"ok": True, "files": found, "paging": {"count": count, "total": len(shared)}}


def share(world: World, *, channel: str, user: str, name: str, title: str) -> dict[str, Any]:
    """A person shares a file in a channel (what the Slack client does; no Web API call)."""
    file_id = world.next_id("F")
    world.files[file_id] = File(
        id=file_id,
        name=name,
        length=0,
        title=title or name,
        content=b"",
        channels=[channel],
        user=user,
        created=world.now(),
    )
    return file_object(world, world.files[file_id])
