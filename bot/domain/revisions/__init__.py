"""Revisions of procurement goals, their working groups, coordinators and phases.

- ``views``: the views (revision, group overview and check, phases);
- ``revisions``: starting a revision, and which revisions there are;
- ``groups``: the working group, its coordinator and the rule it must meet;
- ``rotation``: the coordinator by rotation (turnus);
- ``phases``: where a revision stands and moving it on;
- ``conditions``: the named checks to leave a phase, over a revision's stored facts;
- ``documents``: the preparation documents and the reason for no supplier dialogue;
- ``steering``: the steering group's channel.
"""

from __future__ import annotations

from bot.domain.revisions.conditions import ConditionView
from bot.domain.revisions.documents import (
    Documents,
    DocumentView,
    add_document,
    documents,
    kind_of,
    record_no_supplier_dialogue,
)
from bot.domain.revisions.groups import (
    MIN_ORGANISATIONS,
    appoint_coordinator,
    change_group,
    check_group,
    group_overview,
)
from bot.domain.revisions.launch import confirm_launch
from bot.domain.revisions.phases import (
    MOVED,
    ConditionsUnmet,
    Moved,
    advance_phase,
    conditions_everywhere,
    moved,
    overview_here,
    phase_overview,
    status_here,
)
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
    OverrideView,
    PhaseOverview,
    RevisionView,
)

__all__ = [
    "MIN_ORGANISATIONS",
    "MOVED",
    "ConditionView",
    "ConditionsUnmet",
    "DocumentView",
    "Documents",
    "GroupChange",
    "GroupCheck",
    "GroupOverview",
    "Moved",
    "OverrideView",
    "PhaseOverview",
    "RevisionView",
    "RotationProposal",
    "Skipped",
    "add_document",
    "advance_phase",
    "all_revisions",
    "appoint_coordinator",
    "change_group",
    "check_group",
    "conditions_everywhere",
    "confirm_launch",
    "documents",
    "group_overview",
    "kind_of",
    "moved",
    "overview_here",
    "phase_overview",
    "propose_coordinator",
    "record_no_supplier_dialogue",
    "revision_here",
    "revisions_of_person",
    "set_steering_channel",
    "skip_in_rotation",
    "start_revision",
    "status_here",
    "steering_channel",
]
