"""Calendar files (``.ics``) for meetings: stable UID, the meeting's time zone, SEQUENCE raised
on every change, and METHOD:CANCEL with STATUS:CANCELLED when a meeting is cancelled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from icalendar import Calendar, Event

PRODID = "-//POGI//pogi//DA"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    sequence: int
    summary: str
    description: str
    starts_at: datetime
    ends_at: datetime
    stamp: datetime
    cancelled: bool = False
    location: str = ""


def meeting_ics(entry: CalendarEntry, *, zone: tzinfo) -> bytes:
    """One VEVENT in a VCALENDAR that calendar programs import or update by its UID."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if entry.cancelled else "PUBLISH")
    event = Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", entry.stamp)
    event.add("dtstart", entry.starts_at.astimezone(zone))
    event.add("dtend", entry.ends_at.astimezone(zone))
    event.add("summary", entry.summary)
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    calendar.add_component(event)
    # Describe the zone's rules around the meeting only, not since 1970.
    calendar.add_missing_timezones(
        first_date=(entry.starts_at - timedelta(days=366)).date(),
        last_date=(entry.ends_at + timedelta(days=366)).date(),
    )
    return calendar.to_ical()
