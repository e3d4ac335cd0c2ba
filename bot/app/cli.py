"""The ``pogi`` command line (SPEC §3). Imports are lazy so ``pogi when`` starts fast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pogi", description="pogi: green procurement in Slack")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser(
        "run", help="serve Slack (Socket Mode with SLACK_APP_TOKEN, else HTTP)"
    )
    run.add_argument(
        "--http", action="store_true", help="serve HTTP even if SLACK_APP_TOKEN is set"
    )
    run.add_argument("--host", default="0.0.0.0", help="HTTP address (default 0.0.0.0)")
    run.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")

    console = commands.add_parser("console", help="try pogi in the terminal, no Slack needed")
    console.add_argument("--as", dest="as_user", metavar="USER", help="act as this Slack user id")
    console.add_argument("--db", metavar="FILE", help="SQLite file (default pogi-console.db)")

    when = commands.add_parser("when", help="parse a time phrase and print what it means")
    when.add_argument("text", nargs="+", help="the phrase, or - to read one phrase a line")
    when.add_argument("--now", help="pretend it is this ISO time (default: now)")
    when.add_argument("--tz", help="time zone (default POGI_TIMEZONE or Europe/Copenhagen)")

    roster = commands.add_parser("roster", help="manage the roster")
    roster_commands = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    roster_import = roster_commands.add_parser("import", help="import people from a CSV file")
    roster_import.add_argument("file", help="CSV: slack_user_id,name,organisation,roles")

    audit = commands.add_parser("audit", help="the audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit_export = audit_commands.add_parser(
        "export", help="write the audit log, in words and as stored, as CSV or JSON"
    )
    audit_export.add_argument("--since", metavar="DATE", help="from this day on (YYYY-MM-DD)")
    audit_export.add_argument("--revision", metavar="GOAL", help="only this goal's revisions")
    audit_export.add_argument("--format", choices=("csv", "json"), required=True)
    audit_export.add_argument("--output", metavar="FILE", help="write here (default: stdout)")

    person = commands.add_parser("person", help="a person's data (GDPR)")
    person_commands = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    person_export = person_commands.add_parser(
        "export", help="everything pogi holds about a person, as one JSON file"
    )
    person_export.add_argument("slack_id", metavar="SLACK_ID")
    person_export.add_argument(
        "--output", metavar="FILE", help="write here (default: person-SLACK_ID.json)"
    )
    person_erase = person_commands.add_parser(
        "erase", help="anonymise a person; what their organisation did stays"
    )
    person_erase.add_argument("slack_id", metavar="SLACK_ID")

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="apply pending migrations")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if args.command == "when":
        from bot.app.when_command import run_when

        return run_when(args.text, now=args.now, tz=args.tz, stdin=sys.stdin, stdout=sys.stdout)

    from bot.app import commands_cli

    return commands_cli.dispatch(args)


if __name__ == "__main__":
    sys.exit(main())
