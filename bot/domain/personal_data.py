"""A person's data (GDPR): everything pogi holds about them as one document (a subject-access
answer), and erasure.

Erasing anonymises: the person's name and Slack id are replaced wherever pogi stored them (every
table's text and JSON, the audit log included), and free text that was theirs alone (homework
they gave, a reason they stated for a vote or for a ballot, a comment on the goal text, a note
on a goal's implementation) is replaced. What belongs to their organisation or the working group
stays: the seat's ballot still counts, a hearing answer stays the organisation's answer (by an
erased person), so does an answer on a goal's implementation, and minutes and the group's replies
stay. The erasure is itself in the audit log, without the erased data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.domain import audit, history
from bot.domain.errors import NotFound
from bot.domain.meetings.poll_views import times_of
from bot.domain.people import Actor, PersonView
from bot.presentation.i18n import N_, Translator
from bot.presentation.labels import ERASED_NAME, ERASED_PREFIX, ERASED_TEXT
from storage import queries
from storage.database import Database
from storage.queries import ballot_reasons, comments, erasure, personal, polls
from storage.queries import uptake as stored_uptake
from storage.tables import Organisation, Person

ONLY_SECRETARIAT = N_("Kun sekretariatet kan slette en person.")
NOT_FOUND = N_("%(user)s står ikke på brugerlisten.")
UNSENT = ("pending", "sending", "failed")


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _person(session: Session, slack_user_id: str) -> tuple[Person, Organisation]:
    found = queries.person_with_organisation(session, slack_user_id=slack_user_id)
    if found is None:
        raise NotFound(NOT_FOUND, user=slack_user_id)
    return found


def export_person(db: Database, *, slack_user_id: str, tr: Translator) -> dict[str, Any]:
    """Everything pogi holds about the person, as plain values ready for JSON."""
    with db.reading() as session:
        person, organisation = _person(session, slack_user_id)
        assert person.id is not None
        uid = slack_user_id
        revisions_lines = history.lines_of(session)
        about = {e.id for e in personal.audit_about(session, user_id=uid, name=person.name)}
        return {
            "person": {
                "slack_user_id": uid,
                "name": person.name,
                "organisation": organisation.name,
                "roles": [r for r in person.roles.split(";") if r],
                "locale": person.locale,
                "in_roster_since": _iso(person.created_at),
            },
            "working_groups": [
                {"goal": r.goal, "channel_id": r.channel_id, "member_since": _iso(m.added_at)}
                for m, r in personal.memberships(session, person_id=person.id)
            ],
            "coordinator_of": [r.goal for r in personal.coordinating(session, person_id=person.id)],
            "homework": [
                {
                    "task": h.task,
                    "due_at": _iso(h.due_at),
                    "status": h.status,
                    "assigned_to_them": h.assignee_id == person.id,
                    "given_by": h.created_by,
                    "done_at": _iso(h.done_at),
                }
                for h in personal.homework(session, person_id=person.id, user_id=uid)
            ],
            "ballots": [
                {
                    "vote": v.title,
                    "choice": b.choice,
                    "cast_at": _iso(b.cast_at),
                    "for_organisation": organisation.name,
                }
                for b, v in personal.ballots(session, user_id=uid)
            ],
            "ballot_reasons": [
                {"vote_id": r.vote_id, "choice": r.choice, "reason": r.reason, "at": _iso(r.at)}
                for r in ballot_reasons.reasons_by(session, user_id=uid)
            ],
            "meeting_poll_answers": [
                {
                    "channel_id": poll.channel_id,
                    "title": poll.title,
                    "times_that_suit_them": [
                        _iso(start)
                        for n, (start, _) in enumerate(times_of(poll), 1)
                        if n in (answer.options or [])
                    ],
                    "at": _iso(answer.answered_at),
                }
                for answer, poll in polls.answers_by(session, slack_user_id=uid)
            ],
            "internal_approvals": [
                {"vote": v.title, "state": a.state, "at": _iso(a.at)}
                for a, v in personal.approvals(session, user_id=uid)
            ],
            "hearing_answers": [
                {
                    "hearing": h.kind,
                    "organisation": a.organisation,
                    "version": a.version,
                    "text": a.text,
                    "url": a.url,
                    "at": _iso(a.created_at),
                }
                for a, h in personal.answers(session, user_id=uid)
            ],
            "comments_on_the_goal_text": [
                {
                    "goal_version": c.goal_version,
                    "deadline": _iso(r.deadline),
                    "text": c.text,
                    "at": _iso(c.created_at),
                    "edited_at": _iso(c.updated_at) if c.updated_at != c.created_at else None,
                }
                for c, r in comments.written_by(session, author=uid)
            ],
            "comments": [
                {
                    "on_hearing_answer_from": r.organisation,
                    "comment": r.comment,
                    "decision": r.decision,
                    "reason": r.reason,
                    "change": r.change,
                    "at": _iso(r.at),
                }
                for r, _ in personal.replies(session, user_id=uid)
            ],
            "statements_for_the_record": [
                {
                    "vote": v.title,
                    "for_organisation": st.organisation,
                    "text": st.text,
                    "at": _iso(st.at),
                }
                for st, v in personal.statements(session, user_id=uid)
            ],
            "meetings": [
                {
                    "number": m.number,
                    "title": m.title,
                    "starts_at": _iso(m.starts_at),
                    "called_by_them": m.created_by == uid,
                    "minutes_by_them": m.minutes_by == uid,
                }
                for m in personal.meetings(session, user_id=uid)
            ],
            "votes_opened_or_closed": [
                {"vote": v.title, "opened_by_them": v.opened_by == uid, "reason": v.override_reason}
                for v in personal.votes(session, user_id=uid)
            ],
            "implementation_answers": [
                {
                    "goal": r.goal,
                    "for_organisation": organisation.name,
                    "status": u.status,
                    "note": u.note,
                    "at": _iso(u.answered_at),
                }
                for u, r in stored_uptake.answers_by(session, user_id=uid)
            ],
            "audit": [
                {
                    "at": _iso(line.at),
                    "what": line.sentence.render(tr),
                    "action": line.action,
                    "entity": line.entity,
                    "actor": line.actor,
                    "before": line.before,
                    "after": line.after,
                }
                for line in revisions_lines
                if line.id in about
            ],
        }


def to_erase(db: Database, *, actor: Actor, slack_user_id: str) -> PersonView:
    """The person the secretariat is asked to confirm erasing."""
    actor.require_secretariat(ONLY_SECRETARIAT)
    with db.reading() as session:
        return PersonView.of(*_person(session, slack_user_id))


@dataclass(frozen=True)
class Erased:
    organisation: str
    placeholder: str


def erase_person(db: Database, *, actor: Actor | str, slack_user_id: str, now: datetime) -> Erased:
    """Anonymise the person everywhere; what their organisation did stays and counts."""
    if isinstance(actor, Actor):
        actor.require_secretariat(ONLY_SECRETARIAT)
    with db.transaction() as session:
        person, organisation = _person(session, slack_user_id)
        placeholder = f"{ERASED_PREFIX}{person.id}"
        for homework in personal.homework(session, person_id=person.id, user_id=slack_user_id):
            if homework.created_by == slack_user_id:
                homework.task = ERASED_TEXT
                session.add(homework)
        for vote in personal.votes(session, user_id=slack_user_id):
            if vote.opened_by == slack_user_id and vote.override_reason:
                vote.override_reason = ERASED_TEXT
                session.add(vote)
        # a reason they gave for a ballot is theirs alone, wherever it was copied (the result)
        written = {}
        for given in ballot_reasons.reasons_by(session, user_id=slack_user_id):
            written[given.reason] = ERASED_TEXT
            given.reason = ERASED_TEXT
            session.add(given)
        # a comment on the goal text is theirs alone
        for comment, _ in comments.written_by(session, author=slack_user_id):
            comment.text = ERASED_TEXT
            session.add(comment)
        # so is a note they wrote with an answer on a goal's implementation; the answer stays
        for note in personal.uptake_notes(session, user_id=slack_user_id):
            written[note] = ERASED_TEXT
        erasure.cancel_messages_to(session, destination=slack_user_id, statuses=UNSENT)
        person.locale = None
        session.add(person)
        session.flush()
        erasure.replace_everywhere(
            session,
            replacements={**written, person.name: ERASED_NAME, slack_user_id: placeholder},
        )
        audit.record(
            session,
            actor=actor,
            action="person.erase",
            entity=f"person:{placeholder}",
            before=None,
            after={"organisation": organisation.name},
            at=now,
        )
        return Erased(organisation.name, placeholder)
