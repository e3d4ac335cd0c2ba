"""What the sentences share: how people, things, phases and stored values are named."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Protocol

from bot.domain.process import PROCESSES
from bot.presentation.i18n import N_
from bot.presentation.text import Text, joined, text

NOTHING = N_("intet")

Who = str | Text
Snap = dict[str, Any]

_PHASES: dict[str, str] = {}
for _process in PROCESSES.values():  # a key two processes share: the default process's title
    for _phase in _process.phases:
        _PHASES.setdefault(_phase.key, _phase.title)
CHOICES = {"for": N_("For"), "against": N_("Imod"), "abstain": N_("Undlad")}
DECISIONS = {
    "accepted": N_("Imødekommet"),
    "partly": N_("Delvist imødekommet"),
    "rejected": N_("Ikke imødekommet"),
    "noted": N_("Taget til efterretning"),
}
APPROVALS = {"pending": N_("afventer"), "given": N_("givet")}
HEARINGS = {"internal": N_("den interne høring"), "industry": N_("branchehøringen")}


class Names(Protocol):
    """What a sentence needs to name: people by their Slack id, and the things the log is
    about (``meeting:4`` → ``møde 2 »Opstartsmøde«``)."""

    def person(self, user_id: str) -> str | Text: ...

    def thing(self, entity: str) -> str | Text: ...


def worded(value: Any, names: Names) -> Any:
    """A stored value as people read it: a Slack id as the person's name, an ISO time as a date
    in words, a list joined with commas, a mapping as ``key: value``."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return text(N_("ja")) if value else text(N_("nej"))
    if isinstance(value, list):
        return joined([worded(v, names) for v in value])
    if isinstance(value, dict):
        return joined(
            [
                text(N_("%(key)s: %(value)s"), key=k, value=worded(v, names))
                for k, v in value.items()
            ]
        )
    if isinstance(value, str):
        moment = _moment(value)
        if moment is not None:
            return moment
        if _looks_like_user(value):
            return names.person(value)
    return value


def _looks_like_user(value: str) -> bool:
    return len(value) >= 3 and value[0] in "UW" and value.isalnum() and value.isupper()


def _moment(value: str) -> datetime | date | None:
    if len(value) < 10 or not value[:4].isdigit() or value[4] != "-":
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def phase_title(key: str | None) -> Text | str:
    return text(_PHASES[key]) if key is not None and key in _PHASES else (key or "–")


def label(labels: Mapping[str, str], key: str | None) -> Text | str:
    return text(labels[key]) if key is not None and key in labels else (key or "–")


def moment_of(value: str) -> datetime:
    return datetime.fromisoformat(value)
