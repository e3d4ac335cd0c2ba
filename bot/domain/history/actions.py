"""Each action pogi writes to the audit log today, told in its own words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from bot.domain.history.words import (
    APPROVALS,
    CHOICES,
    DECISIONS,
    HEARINGS,
    NOTHING,
    Names,
    Snap,
    Who,
    label,
    moment_of,
    phase_title,
)
from bot.presentation.i18n import N_
from bot.presentation.labels import ROLE_LABELS
from bot.presentation.text import Text, joined, text

Sentence = Callable[[Who, Snap, Snap, "Names", str], Text]


# -- the revision and its group ------------------------------------------------------------


def _revision_start(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s startede revisionen af %(goal)s i fasen %(phase)s"),
        who=who,
        goal=after["goal"],
        phase=phase_title(after["phase"]),
    )


def _revision_phase(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if after.get("vote") is not None:
        return text(
            N_("%(who)s flyttede revisionen fra %(before)s til %(after)s efter %(vote)s"),
            who=who,
            before=phase_title(before["phase"]),
            after=phase_title(after["phase"]),
            vote=names.thing(f"vote:{after['vote']}"),
        )
    return text(
        N_("%(who)s flyttede revisionen fra %(before)s til %(after)s"),
        who=who,
        before=phase_title(before["phase"]),
        after=phase_title(after["phase"]),
    )


def _coordinator(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if before.get("coordinator"):
        return text(
            N_("%(who)s skiftede tovholder fra %(before)s til %(after)s"),
            who=who,
            before=names.person(before["coordinator"]),
            after=names.person(after["coordinator"]),
        )
    return text(
        N_("%(who)s udpegede %(after)s som tovholder"),
        who=who,
        after=names.person(after["coordinator"]),
    )


def _group_change(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    parts = []
    if after.get("added"):
        parts.append(
            text(
                N_("tilføjede %(people)s"),
                people=joined([names.person(p) for p in after["added"]]),
            )
        )
    if after.get("removed"):
        parts.append(
            text(
                N_("fjernede %(people)s"),
                people=joined([names.person(p) for p in after["removed"]]),
            )
        )
    return text(
        N_("%(who)s ændrede arbejdsgruppen: %(changes)s"),
        who=who,
        changes=_both(parts),
    )


def _both(parts: list[Text]) -> Text:
    if len(parts) == 2:
        return text(N_("%(first)s og %(second)s"), first=parts[0], second=parts[1])
    return parts[0] if parts else text(NOTHING)


def _steering(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s gjorde kanalen %(channel)s til styregruppens kanal"),
        who=who,
        channel=after["channel_id"],
    )


def _party_add(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    contact = [v for v in (after.get("contact"), after.get("email")) if v]
    if contact:
        return text(
            N_("%(who)s satte %(organisation)s på høringslisten (%(contact)s)"),
            who=who,
            organisation=after["organisation"],
            contact=joined(contact),
        )
    return text(
        N_("%(who)s satte %(organisation)s på høringslisten"),
        who=who,
        organisation=after["organisation"],
    )


def _party_remove(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s fjernede %(organisation)s fra høringslisten"),
        who=who,
        organisation=before["organisation"],
    )


# -- meetings and homework -----------------------------------------------------------------


def _span(snapshot: Mapping[str, Any]) -> tuple[datetime, datetime]:
    return moment_of(snapshot["starts_at"]), moment_of(snapshot["ends_at"])


def _meeting_confirm(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s indkaldte til %(meeting)s %(when)s"),
        who=who,
        meeting=names.thing(entity),
        when=_span(after),
    )


def _meeting_move(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s flyttede %(meeting)s fra %(before)s til %(after)s"),
        who=who,
        meeting=names.thing(entity),
        before=_span(before),
        after=_span(after),
    )


def _meeting_cancel(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s aflyste %(meeting)s %(when)s"),
        who=who,
        meeting=names.thing(entity),
        when=_span(before),
    )


def _minutes(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if any(before.get(key) for key in ("attendance", "decisions", "notes")):
        return text(
            N_("%(who)s rettede referatet af %(meeting)s"), who=who, meeting=names.thing(entity)
        )
    return text(N_("%(who)s skrev referat af %(meeting)s"), who=who, meeting=names.thing(entity))


def _homework_assign(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s gav %(assignee)s hjemmearbejdet »%(task)s« med frist %(due)s"),
        who=who,
        assignee=names.person(after["assignee"]),
        task=after["task"],
        due=moment_of(after["due_at"]),
    )


def _homework_done(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(N_("%(who)s meldte %(homework)s færdigt"), who=who, homework=names.thing(entity))


# -- hearings ------------------------------------------------------------------------------


def _hearing_open(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s åbnede %(hearing)s med frist %(deadline)s"),
        who=who,
        hearing=label(HEARINGS, after["kind"]),
        deadline=moment_of(after["deadline"]),
    )


def _hearing_close(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(N_("%(who)s lukkede %(hearing)s"), who=who, hearing=names.thing(entity))


def _hearing_answer(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if after.get("received_on"):
        return text(
            N_(
                "%(who)s registrerede høringssvaret fra %(organisation)s, modtaget %(day)s "
                "(version %(version)s), i %(hearing)s"
            ),
            who=who,
            organisation=after["organisation"],
            day=date.fromisoformat(after["received_on"]),
            version=after["version"],
            hearing=names.thing(entity),
        )
    return text(
        N_("%(who)s afgav høringssvar for %(organisation)s (version %(version)s) i %(hearing)s"),
        who=who,
        organisation=after["organisation"],
        version=after["version"],
        hearing=names.thing(entity),
    )


def _hearing_reply(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if before.get("decision"):
        return text(
            N_(
                "%(who)s ændrede behandlingen af høringssvaret fra %(organisation)s fra "
                "%(before)s til %(after)s"
            ),
            who=who,
            organisation=after["organisation"],
            before=label(DECISIONS, before["decision"]),
            after=label(DECISIONS, after["decision"]),
        )
    return text(
        N_("%(who)s behandlede høringssvaret fra %(organisation)s: %(decision)s"),
        who=who,
        organisation=after["organisation"],
        decision=label(DECISIONS, after["decision"]),
    )


# -- votes ---------------------------------------------------------------------------------


def _vote_open(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if after.get("override_reason"):
        return text(
            N_("%(who)s åbnede %(vote)s uden for forårsmødet med begrundelsen »%(reason)s«"),
            who=who,
            vote=names.thing(entity),
            reason=after["override_reason"],
        )
    return text(N_("%(who)s åbnede %(vote)s"), who=who, vote=names.thing(entity))


def _ballot(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if before.get("choice"):
        return text(
            N_(
                "%(who)s ændrede stemmen for %(organisation)s fra %(before)s til %(after)s "
                "i %(vote)s"
            ),
            who=who,
            organisation=after["organisation"],
            before=label(CHOICES, before["choice"]),
            after=label(CHOICES, after["choice"]),
            vote=names.thing(entity),
        )
    return text(
        N_("%(who)s stemte %(choice)s for %(organisation)s i %(vote)s"),
        who=who,
        choice=label(CHOICES, after["choice"]),
        organisation=after["organisation"],
        vote=names.thing(entity),
    )


def _approval(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s meldte intern godkendelse for %(organisation)s som %(state)s i %(vote)s"),
        who=who,
        organisation=after["organisation"],
        state=label(APPROVALS, after["state"]),
        vote=names.thing(entity),
    )


def _vote_close(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    counts = after["counts"]
    return text(
        N_(
            "%(who)s lukkede %(vote)s: %(outcome)s med %(for)s for og %(against)s imod, "
            "%(abstain)s undlod at stemme; %(voted)s af %(seats)s pladser stemte"
        ),
        who=who,
        vote=names.thing(entity),
        outcome=text(N_("godkendt")) if after["passed"] else text(N_("ikke godkendt")),
        voted=after["voted"],
        seats=after["seats_total"],
        **{key: counts.get(key, 0) for key in ("for", "against", "abstain")},
    )


# -- the roster ----------------------------------------------------------------------------


def _roles(codes: str) -> Text:
    labels = [text(ROLE_LABELS[c]) if c in ROLE_LABELS else c for c in codes.split(";") if c]
    return joined(labels) if labels else text(N_("ingen roller"))


def _person_create(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s føjede %(name)s (%(organisation)s) til brugerlisten som %(roles)s"),
        who=who,
        name=after["name"],
        organisation=after["organisation"],
        roles=_roles(after["roles"]),
    )


def _person_update(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    parts = []
    if before.get("name") != after.get("name"):
        parts.append(
            text(
                N_("navn fra %(before)s til %(after)s"), before=before["name"], after=after["name"]
            )
        )
    if before.get("organisation") != after.get("organisation"):
        parts.append(
            text(
                N_("organisation fra %(before)s til %(after)s"),
                before=before["organisation"],
                after=after["organisation"],
            )
        )
    if before.get("roles") != after.get("roles"):
        parts.append(
            text(
                N_("roller fra %(before)s til %(after)s"),
                before=_roles(before["roles"]),
                after=_roles(after["roles"]),
            )
        )
    return text(
        N_("%(who)s ændrede %(name)s på brugerlisten: %(changes)s"),
        who=who,
        name=after["name"],
        changes=joined(parts, "; ") if parts else text(NOTHING),
    )


def _person_erase(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s slettede en persons oplysninger fra %(organisation)s"),
        who=who,
        organisation=after["organisation"],
    )


SENTENCES: dict[str, Sentence] = {
    "revision.start": _revision_start,
    "revision.phase": _revision_phase,
    "revision.coordinator": _coordinator,
    "group.change": _group_change,
    "steering.channel": _steering,
    "hearing.party.add": _party_add,
    "hearing.party.remove": _party_remove,
    "meeting.confirm": _meeting_confirm,
    "meeting.move": _meeting_move,
    "meeting.cancel": _meeting_cancel,
    "meeting.minutes": _minutes,
    "homework.assign": _homework_assign,
    "homework.done": _homework_done,
    "hearing.open": _hearing_open,
    "hearing.close": _hearing_close,
    "hearing.answer": _hearing_answer,
    "hearing.reply": _hearing_reply,
    "vote.open": _vote_open,
    "vote.ballot": _ballot,
    "vote.internal_approval": _approval,
    "vote.close": _vote_close,
    "person.create": _person_create,
    "person.update": _person_update,
    "person.erase": _person_erase,
}
"""Every action pogi writes to the audit log, told in its own words."""
