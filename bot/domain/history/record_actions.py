"""The formal records' actions told in words: the consultation memo's own text and themes, and
statements entered in the decision record."""

from __future__ import annotations

from bot.domain.history.actions import Sentence
from bot.domain.history.words import DECISIONS, Names, Snap, Who, label
from bot.presentation.i18n import N_
from bot.presentation.text import Text, plural, text


def _memo_details(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s gemte oplysningerne til høringsnotatet for %(revision)s (sagsnr. %(case)s)"),
        who=who,
        revision=names.thing(entity),
        case=after.get("case_number") or "–",
    )


def _theme(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if before:
        return text(
            N_("%(who)s rettede tema %(number)s, »%(title)s«, i høringsnotatet: %(decision)s"),
            who=who,
            number=after["number"],
            title=after["title"],
            decision=label(DECISIONS, after["decision"]) if after.get("decision") else "–",
        )
    return plural(
        "%(who)s oprettede tema %(number)s, »%(title)s«, i høringsnotatet med %(count)s "
        "høringssvar",
        "%(who)s oprettede tema %(number)s, »%(title)s«, i høringsnotatet med %(count)s "
        "høringssvar",
        who=who,
        number=after["number"],
        title=after["title"],
        count=len(after.get("answers") or []),
    )


def _theme_removed(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s fjernede tema %(number)s, »%(title)s«, fra høringsnotatet"),
        who=who,
        number=before["number"],
        title=before["title"],
    )


def _statement(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if not after:
        return text(
            N_("%(who)s trak bemærkningen fra %(organisation)s i protokollen for %(vote)s tilbage"),
            who=who,
            organisation=before["organisation"],
            vote=names.thing(entity),
        )
    return text(
        N_("%(who)s førte en bemærkning fra %(organisation)s til protokollen for %(vote)s"),
        who=who,
        organisation=after["organisation"],
        vote=names.thing(entity),
    )


SENTENCES: dict[str, Sentence] = {
    "hearing.memo_details": _memo_details,
    "hearing.theme": _theme,
    "hearing.theme_removed": _theme_removed,
    "vote.statement": _statement,
}
