"""One audit row in words: who did what, from what to what (``Sofie Holm flyttede revisionen fra
Forberedelse til Udvikling i arbejdsgruppen``).

Each action written today has its own sentence; an action this module does not know yet is told
as ``who: action (entity): key: before → after`` with people's names and times in words, never
as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.domain.history.process_actions import SENTENCES
from bot.domain.history.words import NOTHING, Names, worded
from bot.presentation.i18n import N_
from bot.presentation.text import Text, joined, text

Entry = Mapping[str, Any]
"""An audit row's ``actor``, ``action``, ``entity``, ``before`` and ``after``."""


def describe(entry: Entry, names: Names) -> Text:
    """The row as a sentence in words."""
    who = names.person(entry["actor"])
    before, after = entry.get("before") or {}, entry.get("after") or {}
    sentence = SENTENCES.get(entry["action"])
    if sentence is not None:
        try:
            return sentence(who, before, after, names, entry["entity"])
        except (KeyError, TypeError, ValueError):
            pass  # an older row of another shape: told the general way
    return _generic(who, entry["action"], entry["entity"], before, after, names)


def _generic(
    who: str | Text,
    action: str,
    entity: str,
    before: dict[str, Any],
    after: dict[str, Any],
    names: Names,
) -> Text:
    changes = []
    for key in [*before, *(k for k in after if k not in before)]:
        if key in before and key in after:
            if before[key] == after[key]:
                continue
            changes.append(
                text(
                    N_("%(key)s: %(before)s → %(after)s"),
                    key=key,
                    before=worded(before[key], names),
                    after=worded(after[key], names),
                )
            )
        elif key in after:
            changes.append(text(N_("%(key)s: %(value)s"), key=key, value=worded(after[key], names)))
        else:
            changes.append(
                text(N_("%(key)s: %(value)s fjernet"), key=key, value=worded(before[key], names))
            )
    return text(
        N_("%(who)s: %(action)s (%(thing)s): %(changes)s"),
        who=who,
        action=action,
        thing=names.thing(entity),
        changes=joined(changes, "; ") if changes else text(NOTHING),
    )
