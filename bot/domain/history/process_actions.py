"""The process's own actions told in words: a phase moved past unmet conditions, documents,
the rotation of coordinators, the launch, the activity plan, and a vote following its cancelled
meeting."""

from __future__ import annotations

from datetime import date

from bot.domain.activity_plan import NEW
from bot.domain.history.actions import SENTENCES as EVERYDAY
from bot.domain.history.actions import Sentence
from bot.domain.history.choice_actions import SENTENCES as CHOICE_SENTENCES
from bot.domain.history.record_actions import SENTENCES as RECORDS
from bot.domain.history.words import Names, Snap, Who, label, phase_title
from bot.domain.revisions.conditions import label_of
from bot.domain.revisions.documents import KIND_NAMES
from bot.domain.uptake import STATUS_NAMES
from bot.presentation.i18n import N_
from bot.presentation.text import Text, joined, plural, text


def _phase(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    """A move past unmet conditions names them and the reason; any other as every day."""
    if not after.get("unmet"):
        return EVERYDAY["revision.phase"](who, before, after, names, entity)
    return text(
        N_(
            "%(who)s flyttede revisionen fra %(before)s til %(after)s alligevel, med "
            "begrundelsen »%(reason)s«. Ikke opfyldt: %(unmet)s"
        ),
        who=who,
        before=phase_title(before["phase"]),
        after=phase_title(after["phase"]),
        unmet=joined([label_of(key) for key in after["unmet"]], " "),
        reason=after.get("reason") or "–",
    )


def _document(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s registrerede dokumentet »%(title)s« (%(kind)s, version %(version)s): %(url)s"),
        who=who,
        kind=label(KIND_NAMES, after.get("kind")),
        title=after.get("title") or "–",
        version=after.get("version", 1),
        url=after.get("url") or "–",
    )


def _no_supplier_dialogue(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s noterede, hvorfor leverandørerne ikke er inddraget: %(reason)s"),
        who=who,
        reason=after.get("reason") or "–",
    )


def _launched(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(N_("%(who)s bekræftede, at indkøbsmålet er lanceret"), who=who)


def _skip(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s sprang %(organisation)s over i turnus for tovholdere. Begrundelse: %(reason)s"),
        who=who,
        organisation=after.get("organisation") or "–",
        reason=after.get("reason") or "–",
    )


def _plan_item(snapshot: Snap) -> Text:
    return text(
        N_("%(goal)s (%(kind)s, SKI-udbud %(tender)s)"),
        goal=snapshot["goal"],
        kind=text(N_("nyt mål")) if snapshot.get("kind") == NEW else text(N_("revision")),
        tender=date.fromisoformat(snapshot["ski_tender"]),
    )


def _plan_add(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if before:
        return text(
            N_("%(who)s ændrede %(before)s til %(after)s i %(plan)s"),
            who=who,
            before=_plan_item(before),
            after=_plan_item(after),
            plan=names.thing(entity),
        )
    return text(
        N_("%(who)s føjede %(item)s til %(plan)s"),
        who=who,
        item=_plan_item(after),
        plan=names.thing(entity),
    )


def _plan_remove(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return text(
        N_("%(who)s fjernede %(item)s fra %(plan)s"),
        who=who,
        item=_plan_item(before),
        plan=names.thing(entity),
    )


def _follow_meeting(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    if after.get("status") == "cancelled":
        return text(
            N_("%(vote)s blev lukket uden beslutning, da mødet blev aflyst"),
            vote=names.thing(entity),
        )
    return text(N_("%(vote)s fulgte med til styregruppens næste møde"), vote=names.thing(entity))


def _goal_version(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    return plural(
        "%(who)s gemte version %(version)s af målteksten (%(count)s ord)",
        "%(who)s gemte version %(version)s af målteksten (%(count)s ord)",
        who=who,
        version=after.get("version", 1),
        count=after.get("words", 0),
    )


def _uptake(who: Who, before: Snap, after: Snap, names: Names, entity: str) -> Text:
    """A member's answer on how far their organisation has come with the launched goal."""
    status = text(STATUS_NAMES.get(after.get("status") or "", "–"))
    note = after.get("note")
    if before and before.get("status"):
        said = text(
            N_("%(who)s ændrede svaret for %(organisation)s fra »%(before)s« til »%(after)s«"),
            who=who,
            organisation=after.get("organisation") or "–",
            before=text(STATUS_NAMES.get(before["status"], "–")),
            after=status,
        )
    else:
        said = text(
            N_("%(who)s svarede »%(status)s« for %(organisation)s om implementeringen"),
            who=who,
            organisation=after.get("organisation") or "–",
            status=status,
        )
    if not note:
        return said
    return text(N_("%(said)s, med bemærkningen »%(note)s«"), said=said, note=note)


SENTENCES: dict[str, Sentence] = {
    **EVERYDAY,
    **CHOICE_SENTENCES,
    "revision.phase": _phase,
    "revision.document": _document,
    "revision.no_supplier_dialogue": _no_supplier_dialogue,
    "revision.launched": _launched,
    "goal.version": _goal_version,
    "goal.uptake": _uptake,
    "revision.coordinator_skip": _skip,
    "activity_plan.add": _plan_add,
    "activity_plan.remove": _plan_remove,
    "vote.follow_cancelled_meeting": _follow_meeting,
    **RECORDS,
}
"""Every action pogi writes to the audit log, told in its own words."""
