"""Reading what users type in Slack: words and mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.errors import InvalidInput

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


def number_or_refuse(text: object, refusal: str) -> int:
    """``whole_number`` of what a user typed or a button carries, or ``refusal`` said to the
    user: nothing too large for the database, nothing that is not a number."""
    number = whole_number(text) if isinstance(text, str) else None
    if number is None:
        raise InvalidInput(refusal)
    return number


# A link at the end of the text: as Slack sends it (``<https://…|label>``, ``<https://…>``) or bare.
TRAILING_LINK = re.compile(r"\s*<?(https?://[^\s>|]+)(?:\|[^>]*)?>?\s*$")
# An e-mail address: as Slack sends it (``<mailto:jh@di.dk|jh@di.dk>``) or bare.
EMAIL_ADDRESS = re.compile(r"<mailto:([^|>]+)(?:\|[^>]*)?>|([\w.+-]+@[\w-]+\.[\w.-]+)")


def trailing_link(text: str) -> tuple[str, str]:
    """The text before a link at its end, and the link's plain address (``""`` if none):
    ``15. januar <https://pogi.dk/udkast|udkast>`` → ``15. januar``, ``https://pogi.dk/udkast``."""
    found = TRAILING_LINK.search(text)
    if found is None:
        return text, ""
    return text[: found.start()], found.group(1)


HIDDEN = ("skjult", "hidden")
"""The word that hides a vote's tally until it closes: ``afstemning Rengøring skjult``."""


@dataclass(frozen=True)
class VoteRequest:
    """``Rengøring skjult <https://…>``: what to vote on, the proposal's link, and whether the
    tally is hidden until the vote closes."""

    subject: str
    proposal: str
    hidden: bool


def read_vote_request(text: str) -> VoteRequest:
    """The subject, the link at the end, and ``skjult``/``hidden`` as the subject's last word."""
    subject, proposal = trailing_link(unescape(text))
    given = subject.split()
    hidden = bool(given) and given[-1].lower() in HIDDEN
    if hidden:
        given = given[:-1]
    return VoteRequest(" ".join(given), proposal, hidden)


def email_address(text: str) -> tuple[str, str]:
    """The text without its first e-mail address, and that plain address (``""`` if none):
    ``Jens Hansen; <mailto:jh@di.dk|jh@di.dk>`` → ``Jens Hansen; ``, ``jh@di.dk``."""
    found = EMAIL_ADDRESS.search(text)
    if found is None:
        return text, ""
    address = (found.group(1) or found.group(2)).strip()
    return text[: found.start()] + text[found.end() :], address
