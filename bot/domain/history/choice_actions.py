"""Finding a meeting time and the reasons for ballots, told in words: a time poll started,
answered, decided or closed; a reason given for a seat's ballot."""

from __future__ import annotations

from bot.domain.history.words import CHOICES, Names, Snap, Who, label, moment_of
from bot.presentation.i18n import N_
from bot.presentation.text import Text, joined, plural, text


def _poll_start(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    options = after["options"]
    return plural(
        "%(who)s foreslog %(count)s tidspunkt til et møde: %(times)s",
        "%(who)s foreslog %(count)s tidspunkter til et møde: %(times)s",
        count=len(options),
        who=who,
        times=joined([moment_of(option["s"]) for option in options]),
    )


def _poll_answer(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    marked = after.get("options") or []
    if not marked:
        return text(
            N_("%(who)s har ingen tidspunkter markeret i %(poll)s"),
            who=who,
            poll=names.thing(entity),
        )
    return plural(
        "%(who)s markerede, at tidspunkt %(numbers)s passer, i %(poll)s",
        "%(who)s markerede, at tidspunkterne %(numbers)s passer, i %(poll)s",
        count=len(marked),
        who=who,
        numbers=joined([str(number) for number in marked]),
        poll=names.thing(entity),
    )


def _poll_decide(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s valgte et tidspunkt fra %(poll)s og indkaldte til mødet"),
        who=who,
        poll=names.thing(entity),
    )


def _poll_close(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(N_("%(who)s lukkede %(poll)s uden et møde"), who=who, poll=names.thing(entity))


def _ballot_reason(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if not after.get("reason"):
        return text(
            N_("%(who)s fjernede begrundelsen for stemmen for %(organisation)s i %(vote)s"),
            who=who,
            organisation=after["organisation"],
            vote=names.thing(entity),
        )
    return text(
        N_("%(who)s begrundede stemmen %(choice)s for %(organisation)s i %(vote)s: »%(reason)s«"),
        who=who,
        choice=label(CHOICES, after["choice"]),
        organisation=after["organisation"],
        vote=names.thing(entity),
        reason=after["reason"],
    )


SENTENCES = {
    "meeting_poll.start": _poll_start,
    "meeting_poll.answer": _poll_answer,
    "meeting_poll.decide": _poll_decide,
    "meeting_poll.close": _poll_close,
    "vote.ballot_reason": _ballot_reason,
}
