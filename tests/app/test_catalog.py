"""Every Danish message has its English translation, and the translations keep their
placeholders and Slack markup."""

from __future__ import annotations

import re

from bot.presentation.catalog import extract, load, untranslated
from bot.presentation.i18n import Translator


def test_every_message_has_english():
    assert untranslated(extract(), load()) == []


def test_translations_keep_placeholders():
    for message in load():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"%\([a-z_]+\)s", ids[-1]))
        for string in strings:
            assert set(re.findall(r"%\([a-z_]+\)s", string)) <= wanted | set(
                re.findall(r"%\([a-z_]+\)s", ids[0])
            ), (message.id, string)


def test_button_labels_follow_the_spec():
    english = Translator("en")
    assert english("Bekræft") == "Confirm"
    assert english("Annullér") == "Cancel"


def test_danish_is_the_source_language():
    assert Translator("da")("Bekræft") == "Bekræft"
