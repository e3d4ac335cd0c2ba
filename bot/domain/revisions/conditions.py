"""The conditions to leave a phase: each a named check over a revision's stored facts
(``storage.queries.process.facts``, one statement per revision), with what it means and what to
do when it is unmet. A process names them per phase (``bot.domain.process``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.domain.process import MIN_ORGANISATIONS, Phase
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from bot.presentation.text import Text, plural, text
from storage.queries.process import INDUSTRY, INTERNAL, Facts


@dataclass(frozen=True)
class Condition:
    key: str
    label: Text
    """What must be true, as a statement."""
    met: Callable[[Facts], bool]
    todo: Callable[[Facts], Text]
    """What to do about it while it is unmet."""


@dataclass(frozen=True)
class ConditionView:
    key: str
    label: Text
    met: bool
    todo: Text


def _is_steering(facts: Facts) -> bool:
    roles = (facts.coordinator_roles or "").split(";")
    return Role.STEERING.value in roles


def _group_rule(facts: Facts) -> bool:
    return (
        facts.organisations >= MIN_ORGANISATIONS
        and facts.coordinator_roles is not None
        and _is_steering(facts)
        and facts.coordinator_in_group
    )


def _group_todo(facts: Facts) -> Text:
    if facts.coordinator_roles is None:
        return text(N_("Udpeg først tovholderen med `/pogi tovholder @navn`."))
    if not _is_steering(facts):
        return text(N_("Tovholderen sidder ikke i styregruppen. Udpeg en anden tovholder."))
    return plural(
        "Gruppen har %(count)s medlemsorganisation; tilføj medlemmer med `/pogi gruppe add @navn`.",
        "Gruppen har %(count)s medlemsorganisationer; tilføj medlemmer med "
        "`/pogi gruppe add @navn`.",
        count=facts.organisations,
    )


def _meetings(count: int) -> Condition:
    return Condition(
        f"meetings-{count}",
        plural(
            "Arbejdsgruppen har holdt mindst %(count)s møde.",
            "Arbejdsgruppen har holdt mindst %(count)s møder.",
            count=count,
        ),
        lambda facts: facts.meetings_held >= count,
        lambda facts: plural(
            "%(count)s møde holdt indtil nu. Indkald med `/pogi møde TID`; et møde tæller, "
            "når det er slut.",
            "%(count)s møder holdt indtil nu. Indkald med `/pogi møde TID`; et møde tæller, "
            "når det er slut.",
            count=facts.meetings_held,
        ),
    )


def _hearing_closed(kind: str, label: Text, command: str) -> Condition:
    def todo(facts: Facts) -> Text:
        if facts.hearing_status[kind] is None:
            return text(N_("Åbn høringen med `%(command)s`."), command=command)
        return text(
            N_("Høringen lukker ved fristen; sekretariatet kan lukke den med `/pogi høring luk`.")
        )

    return Condition(
        f"{kind}-hearing-closed",
        label,
        lambda facts: facts.hearing_status[kind] == "closed",
        todo,
    )


def _replies(kind: str, label: Text) -> Condition:
    def todo(facts: Facts) -> Text:
        if facts.hearing_status[kind] is None:
            return text(N_("Høringen er ikke holdt endnu."))
        if facts.hearing_status[kind] != "closed" and not facts.unreplied[kind]:
            return text(
                N_("Svarene kan ændres indtil fristen; de behandles, når høringen er lukket.")
            )
        return plural(
            "%(count)s høringssvar mangler arbejdsgruppens behandling (`Behandl` under "
            "`/pogi høring`).",
            "%(count)s høringssvar mangler arbejdsgruppens behandling (`Behandl` under "
            "`/pogi høring`).",
            count=facts.unreplied[kind],
        )

    return Condition(
        f"{kind}-replies",
        label,
        lambda facts: facts.hearing_status[kind] == "closed" and facts.unreplied[kind] == 0,
        todo,
    )


def _memo(facts: Facts) -> bool:
    return (
        facts.industry_closed_at is not None
        and facts.memo_at is not None
        and facts.memo_at >= facts.industry_closed_at
    )


def _vote_todo(facts: Facts) -> Text:
    if facts.vote_result is not None:
        return text(
            N_(
                "Den seneste afstemning vedtog ikke målet. Sekretariatet kan sætte en ny i gang "
                "med `/pogi afstemning MÅL` i styregruppens kanal."
            )
        )
    return text(
        N_("Sekretariatet åbner afstemningen med `/pogi afstemning MÅL` i styregruppens kanal.")
    )


def _voted_version_todo(facts: Facts) -> Text:
    if facts.vote_result is None:
        return text(N_("Styregruppen har ikke stemt endnu."))
    return text(
        N_(
            "Der blev stemt om version %(voted)s, men målteksten er siden ændret (version "
            "%(current)s). Ændringen kræver en ny afstemning: `/pogi afstemning MÅL` i "
            "styregruppens kanal."
        ),
        voted=facts.voted_version or "–",
        current=facts.goal_version or "–",
    )


CONDITIONS: dict[str, Condition] = {
    condition.key: condition
    for condition in (
        Condition(
            "coordinator",
            text(N_("Der er udpeget en tovholder.")),
            lambda facts: facts.coordinator_roles is not None,
            lambda facts: text(
                N_("Sekretariatet udpeger tovholderen med `/pogi tovholder @navn`.")
            ),
        ),
        Condition(
            "background-report",
            text(N_("Baggrundsrapporten er registreret.")),
            lambda facts: facts.documents["background-report"] > 0,
            lambda facts: text(N_("Registrér den med `/pogi dokument add baggrundsrapport LINK`.")),
        ),
        Condition(
            "terms-of-reference",
            text(N_("Kommissoriet er registreret.")),
            lambda facts: facts.documents["terms-of-reference"] > 0,
            lambda facts: text(N_("Registrér det med `/pogi dokument add kommissorium LINK`.")),
        ),
        Condition(
            "suppliers",
            text(N_("Leverandørerne er inddraget tidligt.")),
            lambda facts: (
                facts.documents["supplier-dialogue"] > 0 or bool(facts.no_supplier_dialogue)
            ),
            lambda facts: text(
                N_(
                    "Registrér leverandørdialogen med `/pogi dokument add leverandørdialog LINK`, "
                    "eller hvorfor den er udeladt med `/pogi dokument ingen-leverandørdialog "
                    "BEGRUNDELSE`."
                )
            ),
        ),
        Condition(
            "group-rule",
            text(
                N_(
                    "Gruppen opfylder kravene: mindst 5 medlemsorganisationer, heriblandt "
                    "tovholderens, og tovholderen sidder i styregruppen."
                )
            ),
            _group_rule,
            _group_todo,
        ),
        _meetings(1),
        _meetings(2),
        _meetings(3),
        _hearing_closed(
            INTERNAL,
            text(N_("Den interne høring er holdt og lukket.")),
            "/pogi høring intern FRIST [LINK]",
        ),
        _replies(
            INTERNAL, text(N_("Alle svar i den interne høring er behandlet af arbejdsgruppen."))
        ),
        _hearing_closed(
            INDUSTRY,
            text(N_("Branchehøringen er holdt og lukket.")),
            "/pogi høring branche FRIST [LINK]",
        ),
        _replies(INDUSTRY, text(N_("Alle svar i branchehøringen er behandlet af arbejdsgruppen."))),
        Condition(
            "memo",
            text(N_("Høringsnotatet er lavet efter branchehøringen.")),
            _memo,
            lambda facts: text(N_("Sekretariatet laver det med `/pogi høring notat`.")),
        ),
        Condition(
            "vote-passed",
            text(N_("Styregruppen har godkendt indkøbsmålet ved afstemning.")),
            lambda facts: bool(facts.vote_result and facts.vote_result.get("passed")),
            _vote_todo,
        ),
        Condition(
            "goal-text",
            text(N_("Der er skrevet en måltekst.")),
            lambda facts: facts.goal_version is not None,
            lambda facts: text(
                N_("Tovholderen og sekretariatet skriver den med `/pogi mål rediger`.")
            ),
        ),
        Condition(
            "voted-version-current",
            text(N_("Styregruppen har stemt om den gældende version af målteksten.")),
            lambda facts: facts.voted_version == facts.goal_version,
            _voted_version_todo,
        ),
        Condition(
            "launch-confirmed",
            text(N_("En ambassadør har bekræftet lanceringen.")),
            lambda facts: facts.launched_at is not None,
            lambda facts: text(
                N_(
                    "Ambassadørerne trykker `Lanceret` i beskeden om, at målet er godkendt, når "
                    "det er lanceret."
                )
            ),
        ),
    )
}


def conditions_of(phase: Phase, facts: Facts) -> tuple[ConditionView, ...]:
    """Every condition to leave ``phase``, met or not."""
    views = []
    for key in phase.exits:
        condition = CONDITIONS[key]
        views.append(
            ConditionView(key, condition.label, condition.met(facts), condition.todo(facts))
        )
    return tuple(views)


def label_of(key: str) -> Text:
    """A condition's statement, for one recorded by name (an override's unmet conditions)."""
    condition = CONDITIONS.get(key)
    return condition.label if condition else Text(key)
