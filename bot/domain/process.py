"""The phases of a goal revision (2023 process, seeds/003) and what each needs to move on."""

from __future__ import annotations

from dataclasses import dataclass

from bot.presentation.i18n import N_


@dataclass(frozen=True)
class Phase:
    key: str
    title: str
    description: str


PROCESS_2023 = "pogi-2023"

PHASES: dict[str, tuple[Phase, ...]] = {
    PROCESS_2023: (
        Phase(
            "forberedelse",
            N_("Forberedelse"),
            N_(
                "Sekretariatet udarbejder baggrundsrapport, inddrager leverandørerne tidligt og "
                "skriver kommissorium. Tovholderen udpeges efter turnus."
            ),
        ),
        Phase(
            "udvikling",
            N_("Udvikling i arbejdsgruppen"),
            N_(
                "Arbejdsgruppen udvikler indkøbsmålet på møder og i skriftlige kommenteringer, "
                "faciliteret af sekretariatet."
            ),
        ),
        Phase(
            "intern-hoering",
            N_("Intern høring"),
            N_("Bred høring blandt alle Partnerskabets medlemmer."),
        ),
        Phase(
            "branchehoering",
            N_("Branchehøring"),
            N_("Høring af leverandører og brancheorganisationer."),
        ),
        Phase(
            "godkendelse",
            N_("Godkendelse i styregruppen"),
            N_(
                "Det endelige forslag sendes til styregruppen. Medlemmerne kan gennemføre en "
                "intern godkendelse, fx i et politisk udvalg. Styregruppen træffer beslutning "
                "ved flertalsafstemning, som udgangspunkt på forårsmødet."
            ),
        ),
        Phase(
            "lancering",
            N_("Lancering"),
            N_("Ambassadørerne lancerer det godkendte indkøbsmål."),
        ),
        Phase(
            "implementering",
            N_("Implementering"),
            N_("Medlemmerne implementerer indkøbsmålet i egen organisation."),
        ),
    ),
}


def phases_of(process: str) -> tuple[Phase, ...]:
    return PHASES[process]


def first_phase(process: str) -> Phase:
    return phases_of(process)[0]


def phase_index(process: str, key: str) -> int:
    for index, phase in enumerate(phases_of(process)):
        if phase.key == key:
            return index
    raise KeyError(key)


def next_phase(process: str, key: str) -> Phase | None:
    phases = phases_of(process)
    index = phase_index(process, key)
    return phases[index + 1] if index + 1 < len(phases) else None
