"""The goal text in the consultation memo: the draft put to the hearing quoted, and its changes
since, in Markdown and in Word (struck-through and bold runs)."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from docx import Document

from bot.domain import goals
from bot.domain.hearings import Memo
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer
from bot.presentation.wordfile import markdown_to_docx
from tests.support import factories as f

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _text(number: int, goal: str) -> goals.GoalText:
    parts = tuple((key, goal if key == "goal" else "") for key in goals.PARTS)
    return goals.GoalText(number, parts, "UANNE", NOW)


def test_the_memo_quotes_the_draft_and_shows_its_changes_in_word():
    draft, current = _text(1, "Køb miljømærket fra 2028."), _text(3, "Køb miljømærket fra 2027.")
    memo = Memo(
        [f.hearing(answers=1, closed=True)],
        "Rengøring",
        draft=draft,
        since_hearing=goals.diff_between("Rengøring", draft, current),
    )
    markdown = Renderer().document(
        "hearing_memo.md",
        translator=Translator("da"),
        zone=ZoneInfo("Europe/Copenhagen"),
        memo=memo,
        now=NOW,
    )
    assert "> Køb miljømærket fra 2028." in markdown
    assert "Køb miljømærket fra ~~2028.~~ **2027.**" in markdown
    document = Document(BytesIO(markdown_to_docx(markdown)))
    quoted = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    draft = quoted.index("Indkøbsmål")  # the answers in the annex are quoted too
    assert quoted[draft : draft + 2] == ["Indkøbsmål", "Køb miljømærket fra 2028."]
    runs = [r for p in document.paragraphs for r in p.runs]
    assert [r.text for r in runs if r.font.strike] == ["overstreget", "2028."]  # and the key
    assert "2027." in [r.text for r in runs if r.bold]


def test_a_memo_on_a_draft_left_unchanged_says_so():
    draft = _text(2, "Køb miljømærket.")
    memo = Memo([f.hearing(answers=0, closed=True)], "Rengøring", draft=draft)
    markdown = Renderer().document(
        "hearing_memo.md",
        translator=Translator("en"),
        zone=ZoneInfo("Europe/Copenhagen"),
        memo=memo,
        now=NOW,
    )
    assert "The goal text has not changed since the consultation draft (version 2)." in markdown
