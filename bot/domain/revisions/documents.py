"""A revision's preparation documents (seeds/003: background report, terms of reference, early
supplier dialogue) and the reason when there was no supplier dialogue. A document added again
becomes a new version; earlier versions are kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.domain import audit
from bot.domain.errors import InvalidInput
from bot.domain.people import Actor
from bot.domain.permissions import require_coordinator_or_secretariat
from bot.domain.revisions.revisions import revision_in
from bot.domain.revisions.views import entity_of, id_of
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import process as stored
from storage.tables import RevisionDocument

BACKGROUND, TERMS, SUPPLIERS, OTHER = (
    "background-report",
    "terms-of-reference",
    "supplier-dialogue",
    "other",
)
KINDS = (BACKGROUND, TERMS, SUPPLIERS, OTHER)
ONE_OF_A_KIND = frozenset({BACKGROUND, TERMS})
"""A revision has one background report and one terms of reference; adding another is a new
version. Supplier dialogues and other documents are told apart by their title."""

KIND_NAMES = {
    BACKGROUND: N_("Baggrundsrapport"),
    TERMS: N_("Kommissorium"),
    SUPPLIERS: N_("Leverandørdialog"),
    OTHER: N_("Andet"),
}
WORDS = {
    "baggrundsrapport": BACKGROUND,
    "background-report": BACKGROUND,
    "kommissorium": TERMS,
    "terms-of-reference": TERMS,
    "leverandørdialog": SUPPLIERS,
    "leverandoerdialog": SUPPLIERS,
    "supplier-dialogue": SUPPLIERS,
    "andet": OTHER,
    "other": OTHER,
}
TITLE_LIMIT, URL_LIMIT, REASON_LIMIT = 200, 1000, 2000
ONLY_GROUP_LEAD = N_("Kun gruppens tovholder og sekretariatet kan registrere dokumenter.")


@dataclass(frozen=True)
class DocumentVersion:
    version: int
    title: str
    url: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class DocumentView:
    kind: str
    current: DocumentVersion
    earlier: tuple[DocumentVersion, ...]

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


@dataclass(frozen=True)
class Documents:
    goal: str
    documents: tuple[DocumentView, ...]
    no_supplier_dialogue: str | None


def kind_of(word: str) -> str:
    kind = WORDS.get(word.lower())
    if kind is None:
        raise InvalidInput(
            N_(
                "»%(word)s« er ikke en dokumenttype. Brug `baggrundsrapport`, `kommissorium`, "
                "`leverandørdialog` eller `andet`."
            ),
            word=word,
        )
    return kind


def add_document(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    kind: str,
    url: str,
    title: str,
    now: datetime,
) -> DocumentView:
    title = " ".join(title.split())
    if not url.startswith(("https://", "http://")):
        raise InvalidInput(
            N_(
                "Skriv dokumentets link, fx `/pogi dokument add kommissorium "
                "https://pogi.dk/kommissorium.docx`. En fil delt i kanalen har et link under "
                "»Kopiér link«."
            )
        )
    if len(url) > URL_LIMIT:
        raise InvalidInput(N_("Linket må højst være på 1000 tegn."))
    if len(title) > TITLE_LIMIT:
        raise InvalidInput(N_("Titlen må højst være på 200 tegn."))
    name = kind if kind in ONE_OF_A_KIND else (title.casefold() or url)
    with db.transaction() as session:
        revision = revision_in(session, channel_id)
        require_coordinator_or_secretariat(session, actor, revision, ONLY_GROUP_LEAD)
        version = (
            stored.latest_version(session, revision_id=id_of(revision), kind=kind, name=name) + 1
        )
        session.add(
            RevisionDocument(
                revision_id=id_of(revision),
                kind=kind,
                name=name,
                title=title,
                url=url,
                version=version,
                added_by=actor.user_id,
                added_at=now,
            )
        )
        audit.record(
            session,
            actor=actor,
            action="revision.document",
            entity=entity_of(revision),
            before=None if version == 1 else {"version": version - 1},
            after={"kind": kind, "title": title, "url": url, "version": version},
            at=now,
        )
        session.flush()
        found = [d for d in _documents(session, id_of(revision)) if d.current.url == url]
    return next(
        d for d in found if d.kind == kind and d.current.version == version and d.current.url == url
    )


def record_no_supplier_dialogue(
    db: Database, *, actor: Actor, channel_id: str, reason: str, now: datetime
) -> str:
    """Why the revision had no early supplier dialogue; a later reason replaces it (the audit
    log keeps both)."""
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(
            N_(
                "Skriv begrundelsen, fx `/pogi dokument ingen-leverandørdialog Markedet er "
                "afdækket i SKI's udbud`."
            )
        )
    if len(reason) > REASON_LIMIT:
        raise InvalidInput(N_("Begrundelsen må højst være på 2000 tegn."))
    with db.transaction() as session:
        revision = revision_in(session, channel_id)
        require_coordinator_or_secretariat(session, actor, revision, ONLY_GROUP_LEAD)
        before = revision.no_supplier_dialogue
        revision.no_supplier_dialogue = reason
        session.add(revision)
        audit.record(
            session,
            actor=actor,
            action="revision.no_supplier_dialogue",
            entity=entity_of(revision),
            before={"reason": before},
            after={"reason": reason},
            at=now,
        )
    return reason


def documents(db: Database, *, actor: Actor, channel_id: str) -> Documents:
    actor.in_roster()
    with db.reading() as session:
        revision = revision_in(session, channel_id)
        return Documents(
            revision.goal, _documents(session, id_of(revision)), revision.no_supplier_dialogue
        )


def _documents(session: Session, revision_id: int) -> tuple[DocumentView, ...]:
    grouped: dict[tuple[str, str], list[DocumentVersion]] = {}
    for row in stored.documents(session, revision_id=revision_id):
        grouped.setdefault((row.kind, row.name), []).append(
            DocumentVersion(row.version, row.title, row.url, row.added_by, row.added_at)
        )
    order = {kind: index for index, kind in enumerate(KINDS)}
    views = [
        DocumentView(kind, versions[0], tuple(versions[1:]))
        for (kind, _name), versions in grouped.items()
    ]
    return tuple(sorted(views, key=lambda d: (order[d.kind], d.current.added_at)))
