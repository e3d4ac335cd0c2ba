"""Benchmark the goal text's word diff: two versions of a 3,000-word text.

    python bench/goal_diff.py [--words 3000] [--edits 150] [--runs 7] [--seed 7]

Builds a Danish-looking text of ``--words`` words in paragraphs of 60–120 words from a
vocabulary of 1,500 words drawn with Zipf weights (so »og« and »i« are as common as they are in
prose), makes a second version with ``--edits`` edits spread over it (a word replaced, put in or
taken out, and one paragraph rewritten from scratch, one added and one dropped), and times, as
the median of ``--runs`` runs: the diff alone (``bot.domain.goals.word_diff``), and everything
``/pogi mål forskel`` does after the database (the diff of every part, and the Slack message and
the Markdown file rendered). Exits with status 1 when the whole takes a second or more.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain import goals
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer

ZONE = ZoneInfo("Europe/Copenhagen")
TARGET = 1.0


def text(rng: random.Random, words: int) -> str:
    vocabulary = [f"{stem}{ending}" for stem in _STEMS for ending in ("", "e", "en", "er", "ede")]
    vocabulary = vocabulary[:1500]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    drawn = rng.choices(vocabulary, weights, k=words)
    paragraphs, at = [], 0
    while at < words:
        size = rng.randint(60, 120)
        chunk = drawn[at : at + size]
        paragraphs.append(" ".join(chunk).capitalize() + ".")
        at += size
    return "\n\n".join(paragraphs)


def edited(rng: random.Random, original: str, edits: int) -> str:
    paragraphs = original.split("\n\n")
    vocabulary = original.split()
    for _ in range(edits):
        index = rng.randrange(len(paragraphs))
        words = paragraphs[index].split(" ")
        spot = rng.randrange(len(words))
        kind = rng.random()
        if kind < 0.5:
            words[spot] = rng.choice(vocabulary)
        elif kind < 0.8:
            words.insert(spot, rng.choice(vocabulary))
        elif len(words) > 1:
            del words[spot]
        paragraphs[index] = " ".join(words)
    paragraphs[1] = " ".join(rng.sample(vocabulary, 90))
    paragraphs.insert(len(paragraphs) // 2, " ".join(rng.sample(vocabulary, 70)))
    del paragraphs[-2]
    return "\n\n".join(paragraphs)


_STEMS = [
    f"{a}{b}"
    for a in (
        "kom",
        "ind",
        "grøn",
        "miljø",
        "ud",
        "bud",
        "køb",
        "lev",
        "rå",
        "vand",
        "kem",
        "affald",
        "energ",
        "trans",
        "bygn",
        "rengør",
        "møbl",
        "tekst",
        "fødev",
        "it",
        "papir",
        "lys",
        "varm",
        "plast",
        "metal",
        "genbr",
        "cirk",
        "klima",
        "co2",
        "krav",
        "mål",
        "pris",
        "kvalit",
        "kontr",
        "doku",
        "mærk",
        "svane",
        "blom",
        "tilbud",
        "aftal",
    )
    for b in ("a", "e", "i", "o", "u", "y", "æ", "ø")
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=3000)
    parser.add_argument("--edits", type=int, default=150)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    old_text = text(rng, options.words)
    new_text = edited(rng, old_text, options.edits)
    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    old = goals.GoalText(
        1, tuple((k, old_text if k == "background" else "") for k in goals.PARTS), "U1", now
    )
    new = goals.GoalText(
        2, tuple((k, new_text if k == "background" else "") for k in goals.PARTS), "U2", now
    )
    renderer, tr = Renderer(), Translator("da")

    diff_only, whole = [], []
    for _ in range(options.runs):
        started = time.perf_counter()
        runs = goals.word_diff(old_text, new_text)
        diff_only.append(time.perf_counter() - started)
        started = time.perf_counter()
        diff = goals.diff_between("Rengøring", old, new)
        message = renderer.slack("goal_diff", translator=tr, zone=ZONE, diff=diff)
        document = renderer.document("goal_diff.md", translator=tr, zone=ZONE, diff=diff)
        whole.append(time.perf_counter() - started)
    assert "".join(r.text for r in runs if r.change != goals.REMOVED) == new_text
    print(
        f"two texts of {len(old_text.split()):,} and {len(new_text.split()):,} words, "
        f"{diff.added:,} words added and {diff.removed:,} removed"
    )
    print(
        f"word diff:                       {statistics.median(diff_only) * 1000:7.1f} ms "
        f"(median of {options.runs})"
    )
    print(
        f"diff + Slack message + Markdown: {statistics.median(whole) * 1000:7.1f} ms "
        f"({len(message['blocks'])} blocks, a file of {len(document):,} characters)"
    )
    ok = statistics.median(whole) < TARGET
    print("target: under 1 s:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
