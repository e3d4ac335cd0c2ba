"""Revisions of procurement goals, their working groups, coordinators and phases.

- ``views``: the views (revision, group overview and check, phases);
- ``revisions``: starting a revision, and which revisions there are;
- ``groups``: the working group, its coordinator and the rule it must meet;
- ``rotation``: the coordinator by rotation (turnus);
- ``phases``: where a revision stands and moving it on;
- ``steering``: the steering group's channel.
"""

from __future__ import annotations

from bot.domain.revisions.groups import (
    MIN_ORGANISATIONS,
    appoint_coordinator,
    change_group,
    check_group,
    group_overview,
)
from bot.domain.revisions.phases import advance_phase, overview_here, phase_overview
from bot.domain.revisions.revisions import (
    all_revisions,
    revision_here,
    revisions_of_person,
    start_revision,
)
from bot.domain.revisions.rotation import RotationProposal, Skipped
from bot.domain.revisions.rotation import propose as propose_coordinator
from bot.domain.revisions.rotation import skip as skip_in_rotation
from bot.domain.revisions.steering import set_steering_channel, steering_channel
from bot.domain.revisions.views import (
    GroupChange,
    GroupCheck,
    GroupOverview,
    PhaseOverview,
    RevisionView,
)

__all__ = [
    "MIN_ORGANISATIONS",
    "GroupChange",
    "GroupCheck",
    "GroupOverview",
    "PhaseOverview",
    "RevisionView",
    "RotationProposal",
    "Skipped",
    "advance_phase",
    "all_revisions",
    "appoint_coordinator",
    "change_group",
    "check_group",
    "group_overview",
    "overview_here",
    "phase_overview",
    "propose_coordinator",
    "revision_here",
    "revisions_of_person",
    "set_steering_channel",
    "skip_in_rotation",
    "start_revision",
    "steering_channel",
]
