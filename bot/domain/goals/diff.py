"""What changed between two versions of a text, word by word (``difflib``).

Words are compared without the whitespace after them, so a line break moved or a double space
is no change; what is shown keeps each version's own spacing. Slack shows a removed word struck
through (``~…~``) and an added word in bold (``*…*``); the Markdown file uses ``~~…~~`` and
``**…**``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

EQUAL, ADDED, REMOVED = "equal", "added", "removed"
_TOKENS = re.compile(r"^\s+|\S+\s*")
_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)
_BREAKS = re.compile(r"(\n[ \t]*\n\s*)")


@dataclass(frozen=True)
class Run:
    """A stretch of text that is in both versions, only in the new one or only in the old."""

    change: str
    text: str


def word_diff(old: str, new: str) -> tuple[Run, ...]:
    """The runs that turn ``old`` into ``new``: where a stretch was replaced, the removed words
    come before the added ones.

    Paragraphs are matched first and words only within each paragraph that differs and the one
    it became: a few edits in a long text cost little, and a repeated sentence in one paragraph
    is never matched against its twin in another.
    Within a paragraph of 200 words or more, a word found in more than one in a hundred (»og«,
    »i«) does not start a match (``difflib``'s autojunk), though matches grow over it: a
    paragraph that repeats itself costs little."""
    before, after = _paragraphs(old), _paragraphs(new)
    matcher = SequenceMatcher(
        None, [p.strip() for p in before], [p.strip() for p in after], autojunk=False
    )
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(runs, EQUAL, "".join(after[j1:j2]))
        else:
            for gone, put in _paired(before[i1:i2], after[j1:j2]):
                _words(runs, gone, put)
    return tuple(runs)


def _paired(before: list[str], after: list[str]) -> list[tuple[str, str]]:
    """The paragraphs of a changed stretch, each old one with the new one it became: in order,
    a paragraph with no like of its own a few paragraphs on counts as taken out or put in."""
    pairs: list[tuple[str, str]] = []
    i = j = 0
    while i < len(before) and j < len(after):
        if _alike(before[i], after[j]):
            pairs.append((before[i], after[j]))
            i, j = i + 1, j + 1
            continue
        ahead_new = next(
            (k for k in range(j + 1, min(j + 4, len(after))) if _alike(before[i], after[k])), None
        )
        ahead_old = next(
            (k for k in range(i + 1, min(i + 4, len(before))) if _alike(before[k], after[j])), None
        )
        if ahead_new is not None and (ahead_old is None or ahead_new - j <= ahead_old - i):
            pairs.extend(("", put) for put in after[j:ahead_new])
            j = ahead_new
        elif ahead_old is not None:
            pairs.extend((gone, "") for gone in before[i:ahead_old])
            i = ahead_old
        else:
            pairs.append((before[i], after[j]))
            i, j = i + 1, j + 1
    pairs.extend((gone, "") for gone in before[i:])
    pairs.extend(("", put) for put in after[j:])
    return pairs


def _alike(old: str, new: str) -> bool:
    """Whether two paragraphs are one edited, by the words they share (an upper bound, cheap)."""
    return SequenceMatcher(None, old.split(), new.split(), autojunk=False).quick_ratio() >= 0.6


def _paragraphs(text: str) -> list[str]:
    """``text`` in paragraphs, each with the blank lines after it."""
    pieces = _BREAKS.split(text)
    paragraphs = [
        pieces[i] + (pieces[i + 1] if i + 1 < len(pieces) else "") for i in range(0, len(pieces), 2)
    ]
    return [p for p in paragraphs if p]


def _words(runs: list[Run], old: str, new: str) -> None:
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = SequenceMatcher(
        None,
        [t.strip() for t in before],
        [t.strip() for t in after],
        autojunk=True,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(runs, EQUAL, "".join(after[j1:j2]))
            continue
        if tag in ("delete", "replace"):
            _add(runs, REMOVED, "".join(before[i1:i2]))
        if tag in ("insert", "replace"):
            _add(runs, ADDED, "".join(after[j1:j2]))


def _add(runs: list[Run], change: str, text: str) -> None:
    if not text:
        return
    if runs and runs[-1].change == change:
        runs[-1] = Run(change, runs[-1].text + text)
    else:
        runs.append(Run(change, text))


def changed(runs: tuple[Run, ...]) -> bool:
    return any(run.change != EQUAL for run in runs)


def counts(runs: tuple[Run, ...]) -> tuple[int, int]:
    """How many words were added and removed."""
    added = sum(len(run.text.split()) for run in runs if run.change == ADDED)
    removed = sum(len(run.text.split()) for run in runs if run.change == REMOVED)
    return added, removed


def marked(
    runs: tuple[Run, ...],
    *,
    added: tuple[str, str],
    removed: tuple[str, str],
    escape: bool = False,
    context: int | None = None,
) -> str:
    """The runs as one text, each changed stretch wrapped in its marks line by line (Slack's
    and Markdown's marks do not span lines). With ``context``, unchanged stretches keep only
    that many words at either side of a change, with ``…`` for what is left out."""
    shown: list[str] = []
    last = len(runs) - 1
    for index, run in enumerate(runs):
        text = _escaped(run.text) if escape else run.text
        if run.change == EQUAL:
            shown.append(
                text
                if context is None
                else _trimmed(text, context, first=index == 0, final=index == last)
            )
        else:
            if shown and index and runs[index - 1].change != EQUAL and not shown[-1][-1:].isspace():
                shown.append(" ")  # marks side by side need a space between them
            shown.append(_wrap(text, *(added if run.change == ADDED else removed)))
    return "".join(shown)


def _escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(text: str, opening: str, closing: str) -> str:
    """Marks around each line's words, the whitespace around them left outside."""
    lines = []
    for line in text.split("\n"):
        lead, core, trail = _EDGES.match(line).groups()  # type: ignore[union-attr]
        lines.append(f"{lead}{opening}{core}{closing}{trail}" if core else line)
    return "\n".join(lines)


def _trimmed(text: str, keep: int, *, first: bool, final: bool) -> str:
    """An unchanged stretch between changes, shortened to ``keep`` words each side."""
    words = _TOKENS.findall(text)
    head = [] if first else words[:keep]
    tail = [] if final else words[-keep:] if keep else []
    if len(head) + len(tail) >= len(words):
        return text
    kept_head = "".join(head).rstrip()
    if final:
        return kept_head + " …"
    return (kept_head + " … " if kept_head else "… ") + "".join(tail)
