"""Revisions of procurement goals, their working groups, coordinators and phases.

- ``views``: the views (revision, group overview and check, phases);
- ``revisions``: starting a revision, and which revisions there are;
- ``groups``: the working group, its coordinator and the rule it must meet;
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
    "advance_phase",
    "all_revisions",
    "appoint_coordinator",
    "change_group",
    "check_group",
    "group_overview",
    "overview_here",
    "phase_overview",
    "revision_here",
    "revisions_of_person",
    "set_steering_channel",
    "start_revision",
    "steering_channel",
]
