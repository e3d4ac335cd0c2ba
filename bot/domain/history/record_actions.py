"""The formal records' actions told in words: the consultation memo's own text and themes,
statements entered in the decision record, and the written comment rounds on the goal text."""

from __future__ import annotations

from bot.domain.history.actions import Sentence
from bot.domain.history.words import DECISIONS, Names, Snap, Who, label, moment_of
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


def _comments_open(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_(
            "%(who)s bad arbejdsgruppen om kommentarer til version %(version)s af målteksten "
            "med frist %(deadline)s"
        ),
        who=who,
        version=after["goal_version"],
        deadline=moment_of(after["deadline"]),
    )


def _comment(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if before:
        return text(
            N_("%(who)s rettede sin kommentar til version %(version)s af målteksten"),
            who=who,
            version=after["goal_version"],
        )
    return text(
        N_("%(who)s kommenterede version %(version)s af målteksten"),
        who=who,
        version=after["goal_version"],
    )


def _comments_close(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if not after.get("comments"):
        return text(N_("%(who)s lukkede kommenteringen uden kommentarer"), who=who)
    return plural(
        "%(who)s lukkede kommenteringen med %(count)s kommentar",
        "%(who)s lukkede kommenteringen med %(count)s kommentarer",
        who=who,
        count=after["comments"],
    )


SENTENCES: dict[str, Sentence] = {
    "comments.open": _comments_open,
    "comments.comment": _comment,
    "comments.close": _comments_close,
    "hearing.memo_details": _memo_details,
    "hearing.theme": _theme,
    "hearing.theme_removed": _theme_removed,
    "vote.statement": _statement,
}
