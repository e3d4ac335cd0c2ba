"""``pogi audit export`` and ``pogi person export|erase``: the audit log and a person's data
from the command line."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, time
from pathlib import Path

from bot.app.settings import Settings
from bot.domain import history, personal_data
from bot.domain.errors import DomainError
from bot.presentation.i18n import N_, Translator
from storage.database import Database, make_engine


def _database(settings: Settings) -> Database:
    db = Database(make_engine(settings.database_url))
    db.upgrade()
    return db


def _write(content: str, output: str | None) -> int:
    if output is None:
        sys.stdout.write(content)
        return 0
    try:
        Path(output).write_text(content, encoding="utf-8")
    except OSError as error:
        print(f"pogi: {output}: {error}", file=sys.stderr)
        return 1
    return 0


def audit_export(
    settings: Settings, *, since: str | None, goal: str | None, form: str, output: str | None
) -> int:
    """The audit log, newest first: of ``goal``'s revisions or all of it, from ``since``."""
    tr = Translator(settings.pogi_language, settings.timezone)
    start = None
    if since is not None:
        try:
            start = datetime.combine(date.fromisoformat(since), time(0), settings.timezone)
        except ValueError:
            print(f"pogi: --since {since}: give a day as YYYY-MM-DD", file=sys.stderr)
            return 2
    db = _database(settings)
    try:
        lines = history.export(db, goal=goal, since=start)
    except DomainError as error:
        print(f"pogi: {error.text.render(tr)}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    content = history.as_csv(lines, tr) if form == "csv" else history.as_json(lines, tr)
    return _write(content, output)


def person_export(settings: Settings, slack_id: str, *, output: str | None) -> int:
    """Everything pogi holds about the person, as one JSON file (a subject-access answer)."""
    tr = Translator(settings.pogi_language, settings.timezone)
    db = _database(settings)
    try:
        document = personal_data.export_person(db, slack_user_id=slack_id, tr=tr)
    except DomainError as error:
        print(f"pogi: {error.text.render(tr)}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    target = output or f"person-{slack_id}.json"
    status = _write(json.dumps(document, ensure_ascii=False, indent=2) + "\n", target)
    if status == 0:
        print(
            tr(
                N_("Alt, hvad pogi har om %(user)s, er skrevet til %(file)s."),
                user=slack_id,
                file=target,
            )
        )
    return status


def person_erase(settings: Settings, slack_id: str) -> int:
    """Anonymise the person; what their organisation did stays and counts."""
    from bot.app.factory import utc_now

    tr = Translator(settings.pogi_language, settings.timezone)
    db = _database(settings)
    try:
        erased = personal_data.erase_person(db, actor="cli", slack_user_id=slack_id, now=utc_now())
    except DomainError as error:
        print(f"pogi: {error.text.render(tr)}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(
        tr(
            N_(
                "%(user)s er slettet: navn og Slack-id er erstattet overalt, og "
                "organisationens data (%(organisation)s) består."
            ),
            user=slack_id,
            organisation=erased.organisation,
        )
    )
    return 0
