"""Reading an activity plan as the advisers write it: a line an activity, ``aktivitet;
ansvarlig; frist``; a line pogi cannot read is refused with its number, under the form's field."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain.errors import InvalidInput
from bot.presentation.i18n import N_
from bot.timephrase import Day, Moment, Rejection, parse_time
from storage import queries
from storage.tables import Person

ACTIVITY_LIMIT = 300
MOST_ACTIVITIES = 20


class PlanProblem(InvalidInput):
    """A plan that cannot be sent; ``field`` is the part of the form it is about."""

    def __init__(self, field: str, message: str, /, **params: object) -> None:
        super().__init__(message, **params)
        self.field = field
        self.block: str | None = None
        """The form's block to show the problem under (the handler knows the form)."""


def _owner(session: Session, word: str) -> Person | None:
    wanted = word.strip().lstrip("@").casefold()
    for person in queries.all_people(session):
        if wanted in (person.name.casefold(), person.slack_user_id.casefold()):
            return person
    return None


def read_activities(
    session: Session, given: str, *, now: datetime, zone: ZoneInfo, language: str | None
) -> list[dict[str, str]]:
    """``Markedsdialog om rengøring; Ole Rask; 1/3`` a line: what, who, by when."""
    found: list[dict[str, str]] = []
    for number, line in enumerate((ln for ln in given.splitlines() if ln.strip()), start=1):
        parts = [part.strip() for part in line.split(";")]
        if len(parts) != 3 or not all(parts):
            raise PlanProblem(
                "activities",
                N_(
                    "Linje %(line)s: Skriv aktivitet; ansvarlig; frist, fx »Markedsdialog om "
                    "rengøring; Ole Rask; 1/3«."
                ),
                line=number,
            )
        title, who, when = parts
        if len(title) > ACTIVITY_LIMIT:
            raise PlanProblem(
                "activities",
                N_("Linje %(line)s: Aktiviteten er for lang (højst %(limit)s tegn)."),
                line=number,
                limit=ACTIVITY_LIMIT,
            )
        owner = _owner(session, who)
        if owner is None:
            raise PlanProblem(
                "activities",
                N_("Linje %(line)s: %(who)s er ikke på brugerlisten. Skriv personens fulde navn."),
                line=number,
                who=who,
            )
        parsed = parse_time(when, now=now, zone=zone, language=language)
        if isinstance(parsed, Rejection) or not isinstance(parsed, Day | Moment):
            raise PlanProblem(
                "activities",
                N_("Linje %(line)s: »%(when)s« er ikke en dato, fx 1/3 eller 1. marts."),
                line=number,
                when=when,
            )
        due = parsed.day if isinstance(parsed, Day) else parsed.at.astimezone(zone).date()
        found.append(
            {
                "title": title,
                "owner": owner.slack_user_id,
                "owner_name": owner.name,
                "due": due.isoformat(),
            }
        )
    if not found:
        raise PlanProblem("activities", N_("Skriv mindst én aktivitet."))
    if len(found) > MOST_ACTIVITIES:
        raise PlanProblem(
            "activities",
            N_("En plan kan højst have %(limit)s aktiviteter."),
            limit=MOST_ACTIVITIES,
        )
    return found
