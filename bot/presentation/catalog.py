"""Keep the English catalogue in step with the Danish text: ``python -m bot.presentation.catalog``.

Extracts every message from the code (``_``, ``N_``, ``tr``, ``gettext``, ``ngettext``) and the
templates, merges them into ``bot/locale/en/LC_MESSAGES/messages.po`` keeping the translations
already made, and lists the messages that still lack English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
PO_FILE = ROOT / "bot" / "presentation" / "locale" / "en" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {
    "_": None,
    "N_": None,
    "tr": None,
    "gettext": None,
    "ngettext": (1, 2),
    "plural": (1, 2),
}
METHODS = [
    ("bot/**.py", "python"),
    ("handlers/**.py", "python"),
    ("templates/**.j2", "jinja2.ext:babel_extract"),
]
OPTIONS = {
    "templates/**.j2": {
        "extensions": "jinja2.ext.do,jinja2.ext.loopcontrols",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
    }
}


def extract() -> Catalog:
    catalog = Catalog(locale="da", project="pogi")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        METHODS,
        OPTIONS,
        KEYWORDS,
        comment_tags=("I18N:",),
        directory_filter=lambda path: ".venv" not in path and "tests" not in path,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def load() -> Catalog:
    with PO_FILE.open("rb") as handle:
        return read_po(handle, locale="en")


def untranslated(template: Catalog, translated: Catalog) -> list[str]:
    missing = []
    for message in template:
        if not message.id:
            continue
        found = translated.get(message.id)
        strings = (found.string if found else None) or ""
        ok = all(strings) if isinstance(strings, tuple | list) else bool(strings)
        if not ok or (found is not None and found.fuzzy):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main() -> int:
    template = extract()
    if PO_FILE.exists():
        catalog = load()
        catalog.update(template, no_fuzzy_matching=True)
    else:
        catalog = Catalog(locale="en", project="pogi")
        catalog.update(template)
    PO_FILE.parent.mkdir(parents=True, exist_ok=True)
    with PO_FILE.open("wb") as handle:
        write_po(
            handle,
            catalog,
            width=100,
            omit_header=False,
            ignore_obsolete=True,
            include_previous=False,
            sort_output=False,
        )
    missing = untranslated(template, catalog)
    for message in missing:
        print(f"untranslated: {message}")
    print(f"{len(template)} messages, {len(missing)} without English")
    return 0


if __name__ == "__main__":
    sys.exit(main())
