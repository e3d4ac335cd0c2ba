"""``/pogi roster`` and ``/pogi roster add @user ORG ROLE…`` (secretariat)."""

from __future__ import annotations

from bot.domain import personal_data, roster
from bot.domain.errors import InvalidInput
from bot.domain.roles import Role, parse_role
from bot.presentation.i18n import N_
from handlers.commands.base import Answer, Command, Modal
from handlers.parsing import mention, unescape
from handlers.people import display_name


def roster_command(cmd: Command) -> Answer | Modal:
    if cmd.sub() in ("add", "tilføj"):
        return roster_add(cmd, cmd.args[1:])
    if cmd.sub() in ("erase", "slet"):
        return roster_erase(cmd, cmd.args[1:])
    if cmd.args:
        raise InvalidInput(
            N_(
                "Brug `/pogi roster`, `/pogi roster add @navn ORGANISATION ROLLE …` eller "
                "`/pogi roster erase @navn`."
            )
        )
    people = roster.roster_by_organisation(cmd.pogi.db, actor=cmd.actor)
    return cmd.answer("roster", organisations=people)


def roster_add(cmd: Command, args: list[str]) -> Answer | Modal:
    cmd.actor.require_secretariat(N_("Kun sekretariatet kan ændre brugerlisten."))
    if not args:
        return Modal(cmd.render("roster_add_modal", roles=list(Role)))
    user = mention(args[0])
    if user is None:
        raise InvalidInput(
            N_("Nævn personen først, fx `/pogi roster add @navn Aarhus Kommune medlem`.")
        )
    roles: set[Role] = set()
    rest = args[1:]
    while rest and (role := parse_role(rest[-1].strip(",;"))) is not None:
        roles.add(role)
        rest.pop()
    person, created = roster.add_person(
        cmd.pogi.db,
        actor=cmd.actor,
        slack_user_id=user,
        name=display_name(cmd.pogi, user, fallback=args[0]),
        organisation=unescape(" ".join(rest)),
        roles=frozenset(roles),
        now=cmd.now,
    )
    return cmd.answer("roster_added", person=person, created=created)


def roster_erase(cmd: Command, args: list[str]) -> Answer:
    """Ask first: erasing cannot be undone."""
    user = mention(args[0]) if len(args) == 1 else None
    if user is None:
        cmd.actor.require_secretariat(personal_data.ONLY_SECRETARIAT)
        raise InvalidInput(N_("Nævn den person, der skal slettes, fx `/pogi roster erase @navn`."))
    person = personal_data.to_erase(cmd.pogi.db, actor=cmd.actor, slack_user_id=user)
    return cmd.answer("roster_erase_confirm", person=person)
