"""The wording rules of docs/copy.md that a program can check, on every Slack template rendered in
both languages with the samples of ``test_templates`` (plus a few counts of exactly one):
brugerlisten, not roster; ``kl. 9.00``, not ``kl. 09.00``; no singular count with a plural noun;
every plural message with both forms; every message translated; no Danish in the English text
and no English in the Danish."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from bot.domain.hearings import ShortNotice
from bot.presentation import catalog
from bot.presentation.i18n import Translator
from bot.presentation.render import Renderer
from tests.support import factories as f
from tests.templates.test_templates import NOW, ZONE, samples


def _singles() -> dict[str, list[dict[str, Any]]]:
    """Counts of exactly one, where Danish and English need the singular."""
    a = f.secretariat()
    one = f.hearing(answers=1)
    one = replace(one, consulted=one.consulted[:1])
    return {
        "group": [{"actor": a, "group": f.group(organisations=41)}],
        "roster": [
            {
                "actor": a,
                "organisations": {f"Org {n}": [f.person_view()] for n in range(46)},
            }
        ],
        "hearing_opened": [
            {"actor": a, "hearing": one},
            {"actor": a, "hearing": replace(one, kind="industry")},
        ],
        "hearing_announced": [
            {"actor": a, "hearing": one},
            {"actor": a, "hearing": replace(one, kind="industry")},
        ],
        "hearing_closed": [{"actor": a, "hearing": replace(one, status="closed", closed_at=NOW)}],
        "hearing_status": [{"actor": a, "hearings": [one], "now": NOW}],
        "hearing_short_notice": [
            {"actor": a, "notice": ShortNotice("internal", NOW, "Rengøring", 1, 1), "value": "x"}
        ],
        "vote_message": [{"actor": a, "vote": f.vote(seats=1)}],
    }


def _renderings() -> Iterator[tuple[str, str, str]]:
    """(template, language, every text a reader sees in it)."""
    renderer = Renderer()
    singles = _singles()
    for name, cases in sorted(samples().items()):
        for data in cases + singles.get(name, []):
            for language in ("da", "en"):
                rendered = renderer.slack(name, translator=Translator(language), zone=ZONE, **data)
                yield name, language, "\n".join(_texts(rendered))


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                yield value
            elif key not in ("value", "private_metadata", "action_id", "block_id", "url"):
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


RENDERED = list(_renderings())

# What the samples themselves put in: user text, names, emoji codes, code and links.
_NOT_OURS = re.compile(
    r"`[^`]*`|<[^>]*>|:[a-z0-9_+-]+:|https?://\S+|Rengøring|møbler|Kommune \d+|Svar nummer \d+"
    r"|Tak for svaret\.|Fordi det er rimeligt\.|Kravet skærpes\.|[A-ZÆØÅ][a-zæøå]+ (Kommune|Lund)"
    r"|Part \d+|Org \d+|Send udkast til Anne|Anne er formand\.|Næste møde i januar\."
    r"|Kun sekretariatet kan starte en revision\."
)


def _ours(shown: str) -> str:
    return _NOT_OURS.sub(" ", shown)


def _offending(pattern: str, language: str, *, flags: int = 0) -> list[str]:
    found = []
    for name, lang, shown in RENDERED:
        if lang != language:
            continue
        for match in re.finditer(pattern, _ours(shown), flags):
            start = max(match.start() - 40, 0)
            found.append(f"{name}: …{_ours(shown)[start : match.end() + 40]}…")
    return sorted(set(found))


def test_danish_text_says_brugerlisten_and_keeps_only_the_command_word_roster():
    assert _offending(r"roster", "da", flags=re.IGNORECASE) == []


def test_danish_clock_times_have_no_leading_zero():
    assert _offending(r"(?:kl\.|–)\s?0\d[.:]\d\d", "da") == []


# Danish nouns that end in -er in the singular; anything else ending in -er after "1 " is plural.
_SINGULAR_ER = {"nummer", "meter", "kvarter", "filter"}
_DANISH_PLURAL = {"dage", "arbejdsdage", "uger", "timer", "hørte", "lukkede"}


def test_a_danish_count_of_one_has_the_singular():
    offending = []
    for name, lang, shown in RENDERED:
        if lang != "da":
            continue
        for word in re.findall(r"(?<![\d.,/])\b1 ([a-zæøå]+)", _ours(shown)):
            if (word.endswith("er") and word not in _SINGULAR_ER) or word in _DANISH_PLURAL:
                offending.append(f"{name}: 1 {word}")
    assert sorted(set(offending)) == []


_ENGLISH_PLURAL = (
    r"organisations|parties|votes|days|working days|responses|answers|errors|people|seats"
    r"|members|goals|changes|hours|weeks|tasks|meetings|consultations|consultees"
)


def test_an_english_count_of_one_has_the_singular():
    assert _offending(rf"(?<![\d.,/])\b1 (?:{_ENGLISH_PLURAL})\b", "en") == []


_DANISH_WORDS = (
    r"og|ikke|er|har|af|til|kan|med|der|den|det|skal|eller|på|som|fra|efter|endnu|når|hvis"
)
_ENGLISH_WORDS = r"the|and|is|of|with|has|not|you|your|will|can|been|this|there"  # "to" is two


def test_english_text_has_no_danish_words():
    assert _offending(rf"\b(?:{_DANISH_WORDS})\b", "en") == []


def test_danish_text_has_no_english_words():
    assert _offending(rf"\b(?:{_ENGLISH_WORDS})\b", "da") == []


def test_every_message_is_translated_and_every_plural_has_both_forms():
    template = catalog.extract()
    translated = catalog.load()
    assert catalog.untranslated(template, translated) == []
    for message in template:
        if isinstance(message.id, tuple | list):
            english = translated.get(message.id)
            assert english is not None, message.id
            assert len(english.string) == 2 and all(english.string), message.id


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_checks_see_every_template(language: str):
    assert {name for name, lang, _ in RENDERED if lang == language} == set(samples())
    assert Translator(language).language == language
