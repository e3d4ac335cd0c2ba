"""Queries, by concept: ``people``, ``revisions``, ``audit``, ``meetings``, ``homework``,
``votes``, ``hearings``. Keyword-only, take a session, never commit: the service owns the
transaction (STYLE §6).

The queries most features read (people, revisions and the audit log) are also named here, so a
service says ``queries.person_by_slack_id``; a feature's own queries are read from their module
(``storage.queries.votes``).
"""

from storage.queries.audit import add_audit, audit_entries
from storage.queries.people import (
    all_people,
    count_people,
    get_or_create_organisation,
    organisation_named,
    organisations_by_id,
    people_by_slack_ids,
    people_with_organisations,
    person_by_slack_id,
    person_with_organisation,
)
from storage.queries.revisions import (
    group_people,
    group_sizes,
    revision_in_channel,
    steering_channel,
)

__all__ = [
    "add_audit",
    "all_people",
    "audit_entries",
    "count_people",
    "get_or_create_organisation",
    "group_people",
    "group_sizes",
    "organisation_named",
    "organisations_by_id",
    "people_by_slack_ids",
    "people_with_organisations",
    "person_by_slack_id",
    "person_with_organisation",
    "revision_in_channel",
    "steering_channel",
]
