"""The travelling team's messages: the kickoff meeting's checklist and minutes, the plan to the
organisation and what became of it, the activities' reminders and their completion."""

from __future__ import annotations

import json

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain import meetings
from bot.domain.outbox import Attachment, Composer, Outgoing
from bot.domain.travel import activities, evaluation, kickoff, messages, plans
from bot.domain.travel.views import (
    ACTIVITY_DONE,
    ACTIVITY_REMINDER,
    APPROVED,
    CHECKLIST,
    EVALUATION_INVITE,
    KICKOFF_MINUTES,
    PLAN_APPROVED,
    PLAN_COMMENTED,
    PLAN_SENT,
    SENT,
)
from bot.presentation.i18n import N_
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        CHECKLIST: Composer(_checklist(composing)),
        KICKOFF_MINUTES: Composer(_kickoff_minutes(composing)),
        PLAN_SENT: Composer(_plan_sent(composing)),
        PLAN_COMMENTED: Composer(_plan_commented(composing)),
        PLAN_APPROVED: Composer(_plan_approved(composing)),
        ACTIVITY_REMINDER: Composer(_activity_reminder(composing)),
        ACTIVITY_DONE: Composer(_activity_done(composing)),
        EVALUATION_INVITE: Composer(_evaluation_invite(composing)),
        evaluation.EXPORT: Composer(_evaluation_export(composing)),
    }


def _checklist(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = meetings.get(session, subject_id(row))
        if meeting is None or meeting.status != meetings.PLANNED:
            return None
        head = messages.head_of_kickoff(session, meeting_id=meeting.id)
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("travel/checklist", row, tr=tr, meeting=meeting, head=head)

    return compose


def _kickoff_minutes(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        minutes = kickoff.recorded(session, meeting_id=subject_id(row))
        if minutes is None:
            return None
        return composing.message("travel/kickoff_minutes", row, minutes=minutes)

    return compose


def _plan_sent(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        plan = plans.get(session, subject_id(row))
        if plan is None or plan.status != SENT:
            return None  # replaced, commented or approved before it went
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("travel/plan_message", row, tr=tr, plan=plan)

    return compose


def _plan_commented(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        plan = plans.get(session, subject_id(row))
        if plan is None:
            return None
        data = row.data or {}
        return composing.message(
            "travel/plan_commented",
            row,
            plan=plan,
            by=str(data.get("by", "")),
            comment=str(data.get("text", "")),
        )

    return compose


def _plan_approved(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        plan = plans.get(session, subject_id(row))
        if plan is None or plan.status != APPROVED:
            return None
        done = activities.of_plan(session, plan.id)
        return composing.message("travel/plan_approved", row, plan=plan, activities=done)

    return compose


def _activity_reminder(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        activity = activities.get(session, subject_id(row))
        if activity is None or activity.status != "open":
            return None
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("travel/activity_reminder", row, tr=tr, activity=activity)

    return compose


def _activity_done(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        activity = activities.get(session, subject_id(row))
        if activity is None or activity.status != "done":
            return None
        return composing.message("travel/activity_done", row, activity=activity)

    return compose


def _evaluation_invite(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = meetings.get(session, subject_id(row))
        participant_id = int((row.data or {}).get("participant", 0))
        invite = messages.evaluation_invite(session, participant_id=participant_id)
        if meeting is None or meeting.status != meetings.PLANNED or invite is None:
            return None
        tr = composing.recipient_tr(session, row.destination)
        return composing.message(
            "travel/evaluation_invite",
            row,
            tr=tr,
            team=invite[0],
            organisation=invite[1],
            participant_id=participant_id,
        )

    return compose


def _evaluation_export(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        team = evaluation.round_for_export(session, subject_id(row))
        if team is None:
            return None
        tr = composing.recipient_tr(session, row.destination)
        results = evaluation.results_of(session, team)
        questions = json.loads(
            composing.renderer.document(
                "travel_evaluation_questions", translator=tr, zone=composing.zone
            )
        )
        keys = [question.key for question in results.questions]
        headings = [tr(N_("Organisation")), *(questions.get(k, k) for k in keys)]
        headings += [tr(N_("Bemærkninger")), tr(N_("Besvaret af"))]
        content = evaluation.as_csv(results, headings).encode("utf-8-sig")  # Excel reads UTF-8
        title = tr(N_("Evaluering af rejseholdet %(team)s"), team=team.name)
        slug = "".join(c if c.isalnum() else "-" for c in team.name.lower()).strip("-")
        return Outgoing(
            channel=row.destination,
            text=tr(N_("Evalueringen som CSV-fil.")),
            attachment=Attachment(f"evaluering-{slug or team.id}.csv", title, content),
        )

    return compose
