"""A revision's goal text (seeds/001): the procurement goal, and the accompanying text in its
parts: the background, the environmental and economic effects, example wording for tenders,
and cases for inspiration. Every save is a new version with its author and time; earlier
versions are kept and can be compared word by word."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.goals.diff import Run, changed, counts, marked, word_diff
from bot.domain.people import Actor
from bot.domain.permissions import require_coordinator_or_secretariat
from bot.domain.revisions.revisions import revision_in
from bot.domain.revisions.views import entity_of, id_of
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import comments as stored_comments
from storage.queries import goals as stored
from storage.tables import GoalVersion, Revision

GOAL, BACKGROUND, EFFECTS, TENDER_TEXT, CASES = (
    "goal",
    "background",
    "effects",
    "tender_text",
    "cases",
)
PARTS = (GOAL, BACKGROUND, EFFECTS, TENDER_TEXT, CASES)
PART_NAMES = {
    GOAL: N_("Indkøbsmål"),
    BACKGROUND: N_("Baggrund"),
    EFFECTS: N_("Miljømæssige og økonomiske effekter"),
    TENDER_TEXT: N_("Eksempler på udbudstekst"),
    CASES: N_("Cases"),
}
PART_LIMIT = 20_000
"""Characters in one part: a long accompanying text is a few thousand words."""
ONLY_GROUP_LEAD = N_("Kun gruppens tovholder og sekretariatet kan redigere målteksten.")
FILE_MARKDOWN, FILE_WORD, DIFF_FILE, SAVED = (
    "goal.file_md",
    "goal.file_docx",
    "goal.diff_md",
    "goal.saved",
)


@dataclass(frozen=True)
class GoalText:
    """One version of the goal text."""

    number: int
    parts: tuple[tuple[str, str], ...]
    """``(part, text)`` in the order of ``PARTS``."""
    author: str
    created_at: datetime

    def part(self, key: str) -> str:
        return dict(self.parts)[key]

    @property
    def named(self) -> tuple[tuple[str, str, str], ...]:
        """``(part, its name, text)``: the name is a Danish message id."""
        return tuple((key, PART_NAMES[key], text) for key, text in self.parts)

    @property
    def words(self) -> int:
        return sum(len(text.split()) for _, text in self.parts)


@dataclass(frozen=True)
class GoalView:
    """The revision's goal text as it stands: its current version (None: none yet)."""

    revision_id: int
    goal: str
    current: GoalText | None
    versions: tuple[GoalText, ...] = ()
    comment_counts: tuple[tuple[int, int], ...] = ()
    """``(version, comments)`` for the versions commented on in a comment round."""

    def comments_on(self, number: int) -> int:
        return dict(self.comment_counts).get(number, 0)

    @property
    def editing(self) -> tuple[tuple[str, str, str], ...]:
        """The parts to edit: the current text, or every part empty."""
        if self.current is not None:
            return self.current.named
        return tuple((key, PART_NAMES[key], "") for key in PARTS)


@dataclass(frozen=True)
class PartDiff:
    part: str
    runs: tuple[Run, ...]

    @property
    def name(self) -> str:
        return PART_NAMES[self.part]

    @property
    def changed(self) -> bool:
        return changed(self.runs)

    def slack(self, context: int | None = None) -> str:
        """For Slack's mrkdwn: removed words struck through, added ones in bold, the text
        escaped; with ``context``, only that many unchanged words around each change."""
        return marked(self.runs, added=("*", "*"), removed=("~", "~"), escape=True, context=context)

    def markdown(self) -> str:
        return marked(self.runs, added=("**", "**"), removed=("~~", "~~"))


@dataclass(frozen=True)
class GoalDiff:
    goal: str
    old: GoalText
    new: GoalText
    parts: tuple[PartDiff, ...]

    @property
    def changed(self) -> bool:
        return any(part.changed for part in self.parts)

    @property
    def added(self) -> int:
        return sum(counts(part.runs)[0] for part in self.parts)

    @property
    def removed(self) -> int:
        return sum(counts(part.runs)[1] for part in self.parts)


def text_of(row: GoalVersion) -> GoalText:
    return GoalText(
        row.number,
        tuple((key, getattr(row, _COLUMNS[key])) for key in PARTS),
        row.author,
        row.created_at,
    )


_COLUMNS = {GOAL: "goal", BACKGROUND: "background", EFFECTS: "effects"}
_COLUMNS |= {TENDER_TEXT: "tender_text", CASES: "cases"}


def goal_here(db: Database, *, actor: Actor, channel_id: str) -> GoalView:
    """``/pogi mål``: the current version; ``versions`` lists every one, newest first."""
    actor.in_roster()
    with db.reading() as session:
        revision = revision_in(session, channel_id)
        return _view(session, revision)


def for_editing(db: Database, *, actor: Actor, channel_id: str) -> GoalView:
    """The text to open in the editing modal, for the coordinator and the secretariat."""
    with db.reading() as session:
        revision = revision_in(session, channel_id)
        require_coordinator_or_secretariat(session, actor, revision, ONLY_GROUP_LEAD)
        return _view(session, revision)


def save(
    db: Database,
    *,
    actor: Actor,
    revision_id: int,
    parts: dict[str, str],
    based_on: int,
    now: datetime,
) -> GoalText:
    """Save ``parts`` as the next version. ``based_on`` is the version the editor opened: a
    version saved by someone else meanwhile is not silently overwritten."""
    cleaned = {key: _cleaned(parts.get(key, "")) for key in PARTS}
    if not cleaned[GOAL]:
        raise InvalidInput(N_("Skriv selve indkøbsmålet; de øvrige dele kan vente."))
    for key, value in cleaned.items():
        if len(value) > PART_LIMIT:
            raise InvalidInput(
                N_("%(part)s må højst være på 20.000 tegn; den er på %(length)s."),
                part=PART_NAMES[key],
                length=len(value),
            )
    with db.transaction() as session:
        revision = session.get(Revision, revision_id)
        if revision is None:
            raise NotFound(N_("Revisionen findes ikke længere."))
        require_coordinator_or_secretariat(session, actor, revision, ONLY_GROUP_LEAD)
        latest = stored.latest(session, revision_id=revision_id)
        number = latest.number if latest is not None else 0
        if number != based_on:
            raise InvalidInput(
                N_(
                    "Der er gemt en nyere version (version %(number)s), mens du redigerede. "
                    "Åbn teksten igen med `/pogi mål rediger`."
                ),
                number=number,
            )
        if latest is not None and all(
            getattr(latest, _COLUMNS[key]) == value for key, value in cleaned.items()
        ):
            raise InvalidInput(N_("Teksten er ikke ændret, så der er ikke gemt en ny version."))
        row = GoalVersion(
            revision_id=revision_id,
            number=number + 1,
            author=actor.user_id,
            created_at=now,
            goal=cleaned[GOAL],
            background=cleaned[BACKGROUND],
            effects=cleaned[EFFECTS],
            tender_text=cleaned[TENDER_TEXT],
            cases=cleaned[CASES],
        )
        session.add(row)
        audit.record(
            session,
            actor=actor,
            action="goal.version",
            entity=entity_of(revision),
            before=None if latest is None else {"version": latest.number},
            after={"version": number + 1, "words": text_of(row).words},
            at=now,
        )
        if revision.channel_id:
            outbox.schedule(
                session,
                kind=SAVED,
                subject=f"revision:{revision_id}",
                destination=revision.channel_id,
                due_at=now,
                data={"version": number + 1},
                now=now,
            )
        session.flush()
        return text_of(row)


def version_of(db: Database, *, actor: Actor, revision_id: int, number: int) -> GoalView:
    """One version of the text (as put to a hearing or a vote), for ``Læs udkastet``: its
    ``current`` is that version."""
    actor.in_roster()
    with db.reading() as session:
        revision = session.get(Revision, revision_id)
        if revision is None:
            raise NotFound(N_("Revisionen findes ikke længere."))
        text = _version(session, revision, number)
        return GoalView(revision_id, revision.goal, text, (text,))


def difference(db: Database, *, actor: Actor, channel_id: str, first: int, second: int) -> GoalDiff:
    """What changed from version ``first`` to version ``second``, word by word."""
    actor.in_roster()
    with db.reading() as session:
        revision = revision_in(session, channel_id)
        return diff_of(session, revision, first, second)


def diff_of(session: Session, revision: Revision, first: int, second: int) -> GoalDiff:
    old, new = (_version(session, revision, number) for number in (first, second))
    return diff_between(revision.goal, old, new)


def diff_between(goal: str, old: GoalText, new: GoalText) -> GoalDiff:
    return GoalDiff(
        goal,
        old,
        new,
        tuple(PartDiff(key, word_diff(old.part(key), new.part(key))) for key in PARTS),
    )


def request_file(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    now: datetime,
    between: tuple[int, int] | None = None,
) -> GoalView:
    """Share the current text in the channel as Markdown and Word files (``mål fil``), or the
    difference between two versions as a Markdown file."""
    actor.in_roster()
    with db.transaction() as session:
        revision = revision_in(session, channel_id)
        view = _view(session, revision)
        if view.current is None:
            raise InvalidInput(NO_TEXT)
        data: dict[str, object] = {"requested_by": actor.user_id}
        kinds: tuple[str, ...] = (FILE_MARKDOWN, FILE_WORD)
        if between is not None:
            diff_of(session, revision, *between)  # both versions exist
            data["between"] = list(between)
            kinds = (DIFF_FILE,)
        for kind in kinds:
            outbox.schedule(
                session,
                kind=kind,
                subject=f"revision:{id_of(revision)}",
                destination=channel_id,
                due_at=now,
                data=data,
                now=now,
            )
        return view


NO_TEXT = N_(
    "Der er ingen måltekst endnu. Tovholderen og sekretariatet skriver den med `/pogi mål rediger`."
)


def view_of(session: Session, revision: Revision) -> GoalView:
    return _view(session, revision)


def view_by_id(session: Session, revision_id: int) -> GoalView | None:
    """For the outbox: the revision's goal text as it is when a message is composed."""
    revision = session.get(Revision, revision_id)
    return None if revision is None else _view(session, revision)


def diff_by_id(session: Session, revision_id: int, first: int, second: int) -> GoalDiff | None:
    revision = session.get(Revision, revision_id)
    if revision is None:
        return None
    try:
        return diff_of(session, revision, first, second)
    except InvalidInput:
        return None


def _view(session: Session, revision: Revision) -> GoalView:
    rows = stored.versions(session, revision_id=id_of(revision))
    texts = tuple(text_of(row) for row in reversed(rows))
    counts = tuple(
        sorted(stored_comments.counts_by_version(session, revision_id=id_of(revision)).items())
    )
    return GoalView(id_of(revision), revision.goal, texts[0] if texts else None, texts, counts)


def _version(session: Session, revision: Revision, number: int) -> GoalText:
    row = stored.version(session, revision_id=id_of(revision), number=number)
    if row is None:
        latest = stored.latest_number(session, revision_id=id_of(revision))
        if not latest:
            raise InvalidInput(NO_TEXT)
        raise InvalidInput(
            N_("Der er ingen version %(number)s af målteksten; der er version 1 til %(latest)s."),
            number=number,
            latest=latest,
        )
    return text_of(row)


def _cleaned(value: str) -> str:
    """Line ends made one kind, trailing spaces and blank lines at the ends dropped."""
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n").strip()
