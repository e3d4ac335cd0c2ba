"""The ``pogi`` subcommands that need settings and a database."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pydantic import ValidationError

from bot.app.settings import Settings


def _settings() -> Settings | None:
    try:
        return Settings()
    except ValidationError as error:
        print("pogi: the configuration is not valid:", file=sys.stderr)
        for problem in error.errors():
            name = str(problem["loc"][0]).upper() if problem["loc"] else "?"
            print(f"  {name}: {problem['msg']}", file=sys.stderr)
        return None


def dispatch(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "console":
        from bot.console.session import run_console

        return run_console(as_user=args.as_user, db_file=args.db)
    settings = _settings()
    if settings is None:
        return 2
    if args.command == "db":
        return db_upgrade(settings)
    if args.command == "roster":
        return roster_import(settings, Path(args.file))
    if args.command == "audit":
        from bot.app.data_cli import audit_export

        return audit_export(
            settings, since=args.since, goal=args.revision, form=args.format, output=args.output
        )
    if args.command == "person":
        from bot.app import data_cli

        if args.person_command == "export":
            return data_cli.person_export(settings, args.slack_id, output=args.output)
        return data_cli.person_erase(settings, args.slack_id)
    if args.command == "run":
        from bot.app.server import serve

        return serve(settings, force_http=args.http, host=args.host, port=args.port)
    raise AssertionError(args.command)


def db_upgrade(settings: Settings) -> int:
    from storage.database import Database, make_engine

    db = Database(make_engine(settings.database_url))
    db.upgrade()
    print("pogi: the database is up to date.")
    db.dispose()
    return 0


def roster_import(settings: Settings, file: Path) -> int:
    """All or nothing: a file with any bad line imports nobody and lists every problem."""
    from bot.app.factory import utc_now
    from bot.domain import roster
    from bot.presentation.i18n import N_, Translator
    from storage.database import Database, make_engine

    tr = Translator(settings.pogi_language)
    try:
        content = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"pogi: {file}: {error}", file=sys.stderr)
        return 1
    try:
        entries = roster.read_roster_csv(content)
    except roster.RosterImportError as error:
        print(f"pogi: {file}: {error.text.render(tr)}", file=sys.stderr)
        for problem in error.problems:
            said = tr(
                N_("linje %(line)s: %(problem)s"),
                line=problem.line,
                problem=problem.text.render(tr),
            )
            print(f"  {said}", file=sys.stderr)
        return 1
    db = Database(make_engine(settings.database_url))
    db.upgrade()
    result = roster.import_roster(db, entries=entries, actor="cli", now=utc_now())
    db.dispose()
    print(
        tr(
            N_(
                "Brugerlisten er indlæst. Nye: %(created)s · Opdaterede: %(updated)s · "
                "Uændrede: %(unchanged)s"
            ),
            created=len(result.created),
            updated=len(result.updated),
            unchanged=len(result.unchanged),
        )
    )
    return 0
