"""Languages (``bot.presentation.i18n``): Danish is the source, a Slack locale picks the
language."""

from __future__ import annotations

import pytest

from bot.presentation.i18n import N_, Translator, language_of


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-GB", "en"),
        ("en-US", "en"),
        ("EN", "en"),
        ("da-DK", "da"),
        ("de-DE", "da"),
        ("sv-SE", "da"),
        (None, "da"),
        ("", "da"),
    ],
)
def test_a_slack_locale_picks_english_or_else_danish(locale, expected):
    assert language_of(locale) == expected


def test_without_a_locale_the_configured_default_applies():
    assert language_of(None, default="en") == "en"
    assert language_of("da-DK", default="en") == "da"


def test_danish_needs_no_catalogue_and_fills_in_parameters():
    danish = Translator("da")

    assert danish.language == "da"
    assert danish("Hej %(name)s", name="Anne") == "Hej Anne"
    assert danish.ngettext("%(count)s dag", "%(count)s dage", 1) == "%(count)s dag"
    assert danish.ngettext("%(count)s dag", "%(count)s dage", 2) == "%(count)s dage"


def test_an_unknown_language_falls_back_to_danish():
    assert Translator("fr").language == "da"
    assert Translator("fr")("Kun sekretariatet kan starte en revision.") == (
        "Kun sekretariatet kan starte en revision."
    )


def test_english_shows_the_danish_text_for_a_message_it_has_no_translation_for():
    assert Translator("en")("Ingen oversættelse %(x)s her", x=1) == "Ingen oversættelse 1 her"


def test_marking_a_message_does_not_change_it():
    assert N_("Forberedelse") == "Forberedelse"
