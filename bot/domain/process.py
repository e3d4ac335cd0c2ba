"""The processes a goal revision follows, as data: each names its phases, what may happen in
each (hearings, the steering group's vote) and the conditions to leave it. A condition is a
named check over stored facts (``bot.domain.revisions.conditions``). A new process is a new
entry in ``PROCESSES`` (plus any check it needs that does not exist yet).

- ``pogi-2023``: the revision process of 10 July 2023 (seeds/003), the default;
- ``pogi-2014``: the older working-group process (seeds/001): four meetings, then the steps
  after the group.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.presentation.i18n import N_

MIN_ORGANISATIONS = 5
SPRING_MONTHS = frozenset({3, 4, 5, 6})
"""When the steering group's spring meeting is, where goals are approved (seeds/003)."""
"""A working group has at least this many member organisations (seeds/003)."""

# What a phase may allow.
INTERNAL_HEARING, INDUSTRY_HEARING, GOAL_VOTE = "internal-hearing", "industry-hearing", "goal-vote"


@dataclass(frozen=True)
class Phase:
    key: str
    title: str
    description: str
    exits: tuple[str, ...] = ()
    """The names of the conditions to leave the phase, in the order they are shown."""
    allows: frozenset[str] = frozenset()
    """What may happen in this phase only: ``INTERNAL_HEARING``, ``INDUSTRY_HEARING``,
    ``GOAL_VOTE``."""


@dataclass(frozen=True)
class Process:
    key: str
    """Stored on the revision."""
    name: str
    """What the secretariat writes after ``proces`` at ``revision start``."""
    title: str
    phases: tuple[Phase, ...]
    rework: str
    """Where a goal the steering group did not approve goes back to."""


PROCESS_2023 = "pogi-2023"
PROCESS_2014 = "pogi-2014"
DEFAULT_PROCESS = PROCESS_2023

_LAUNCH = Phase(
    "lancering",
    N_("Lancering"),
    N_("Ambassadørerne lancerer det godkendte indkøbsmål."),
    exits=("launch-confirmed",),
)
_IMPLEMENTATION = Phase(
    "implementering",
    N_("Implementering"),
    N_("Medlemmerne implementerer indkøbsmålet i egen organisation."),
)

PROCESSES: dict[str, Process] = {
    PROCESS_2023: Process(
        PROCESS_2023,
        "2023",
        N_("Revisionsprocessen fra 2023"),
        (
            Phase(
                "forberedelse",
                N_("Forberedelse"),
                N_(
                    "Sekretariatet udarbejder en baggrundsrapport, inddrager leverandørerne "
                    "tidligt og udarbejder et kommissorium for arbejdsgruppen. Tovholderen udpeges "
                    "efter en turnusordning."
                ),
                exits=("coordinator", "background-report", "terms-of-reference", "suppliers"),
            ),
            Phase(
                "udvikling",
                N_("Udvikling i arbejdsgruppen"),
                N_(
                    "Arbejdsgruppen udvikler indkøbsmålet på møder og gennem skriftlige "
                    "kommenteringer. Sekretariatet faciliterer arbejdet."
                ),
                exits=("group-rule", "meetings-1", "goal-text"),
            ),
            Phase(
                "intern-hoering",
                N_("Intern høring"),
                N_("Bred høring blandt alle Partnerskabets medlemmer."),
                exits=("internal-hearing-closed", "internal-replies"),
                allows=frozenset({INTERNAL_HEARING}),
            ),
            Phase(
                "branchehoering",
                N_("Branchehøring"),
                N_("Høring af leverandører og brancheorganisationer."),
                exits=("industry-hearing-closed", "industry-replies", "memo"),
                allows=frozenset({INDUSTRY_HEARING}),
            ),
            Phase(
                "godkendelse",
                N_("Godkendelse i styregruppen"),
                N_(
                    "Det endelige forslag sendes til styregruppen. Styregruppens medlemmer kan "
                    "gennemføre en intern godkendelsesproces i egen organisation, fx ved "
                    "forelæggelse for et politisk udvalg. Styregruppen træffer beslutning ved "
                    "flertalsafstemning, som udgangspunkt på forårsmødet."
                ),
                exits=("vote-passed", "voted-version-current"),
                allows=frozenset({GOAL_VOTE}),
            ),
            _LAUNCH,
            _IMPLEMENTATION,
        ),
        rework="udvikling",
    ),
    PROCESS_2014: Process(
        PROCESS_2014,
        "2014",
        N_("Arbejdsgruppeprocessen fra før 2023"),
        (
            Phase(
                "moede-1",
                N_("1. arbejdsgruppemøde"),
                N_(
                    "Gruppen får en formand (tovholder), fastlægger succeskriterier, mødebehov "
                    "og tidsplan og hører oplæg fra en ekspert."
                ),
                exits=("coordinator", "meetings-1"),
            ),
            Phase(
                "moede-2",
                N_("2. arbejdsgruppemøde"),
                N_(
                    "Det eksisterende grundlag og sammenlignelige mål kortlægges, og gruppen "
                    "udarbejder forslag til realistiske mål."
                ),
                exits=("meetings-2",),
            ),
            Phase(
                "moede-3",
                N_("3. arbejdsgruppemøde"),
                N_(
                    "Arbejdsmøde, hvor forslaget til indkøbsmål og dets følgetekst formuleres "
                    "til styregruppens førstkommende møde."
                ),
                exits=("meetings-3",),
            ),
            Phase(
                "moede-4",
                N_("4. arbejdsgruppemøde (efter behov)"),
                N_("Der arbejdes videre med teksten, og gruppens arbejde afrundes og evalueres."),
            ),
            Phase(
                "kommentering",
                N_("Medlemmernes kommentarer"),
                N_(
                    "Styregruppen behandler indkøbsmålet i egen organisation, og arbejdsgruppen "
                    "retter det til efter medlemmernes kommentarer."
                ),
                exits=("internal-hearing-closed", "internal-replies"),
                allows=frozenset({INTERNAL_HEARING}),
            ),
            Phase(
                "politisk-behandling",
                N_("Politisk behandling"),
                N_("Styregruppens medlemmer faciliterer politisk behandling i egen organisation."),
            ),
            Phase(
                "godkendelse",
                N_("Endelig godkendelse i styregruppen"),
                N_("Indkøbsmålet godkendes endeligt i styregruppen."),
                exits=("vote-passed",),
                allows=frozenset({GOAL_VOTE}),
            ),
            _LAUNCH,
            _IMPLEMENTATION,
        ),
        rework="moede-4",
    ),
}


def process_named(name: str) -> Process | None:
    """The process the secretariat names (``2014``, ``pogi-2014``), or None."""
    name = name.strip().lower()
    for process in PROCESSES.values():
        if name in (process.name, process.key):
            return process
    return None


def phases_of(process: str) -> tuple[Phase, ...]:
    return PROCESSES[process].phases


def first_phase(process: str) -> Phase:
    return phases_of(process)[0]


def phase_index(process: str, key: str) -> int:
    for index, phase in enumerate(phases_of(process)):
        if phase.key == key:
            return index
    raise KeyError(key)


def phase_of(process: str, key: str) -> Phase:
    return phases_of(process)[phase_index(process, key)]


def next_phase(process: str, key: str) -> Phase | None:
    phases = phases_of(process)
    index = phase_index(process, key)
    return phases[index + 1] if index + 1 < len(phases) else None


def phase_allowing(process: str, what: str) -> Phase | None:
    """The phase in which ``what`` may happen, or None if the process has none."""
    return next((phase for phase in phases_of(process) if what in phase.allows), None)
