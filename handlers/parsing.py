"""Reading what users type in Slack: words and mentions."""

from __future__ import annotations

import re

# Escaped mentions (``<@U123|name>``), bare ones (``<@U123>``) and, in the console, ``@U123``.
MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$|^@([UW][A-Z0-9]{2,})$")
CHANNEL = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$")


def words(text: str | None) -> list[str]:
    return (text or "").split()


def mention(word: str) -> str | None:
    match = MENTION.match(word)
    return (match.group(1) or match.group(2)) if match else None


def split_mentions(items: list[str]) -> tuple[list[str], list[str]]:
    """The user ids mentioned, and the words that were not mentions."""
    users: list[str] = []
    rest: list[str] = []
    for word in items:
        user = mention(word)
        (users if user else rest).append(user or word)
    return users, rest


def unescape(text: str) -> str:
    """Slack escapes ``& < >`` in command text; give users their own characters back."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_WHOLE = re.compile(r"^\d{1,18}$")


def whole_number(text: str) -> int | None:
    """A number as people and buttons write it (``3``), within what the database stores; None
    for anything else."""
    text = text.strip()
    return int(text) if _WHOLE.match(text) else None


_TRAILING_URL = re.compile(r"\s*(<)?(https?://\S+?)(?:\|[^>]*)?(>)?$")


def split_trailing_url(text: str) -> tuple[str, str]:
    """``Rengøring <https://…|forslaget>`` → (``Rengøring``, ``https://…``); no link at the end:
    (the text, ``""``). Spaces are made single."""
    text = " ".join(text.split())
    found = _TRAILING_URL.search(text)
    if found is None:
        return text, ""
    return text[: found.start()].strip(), found.group(2)
