"""Documents as Word files (.docx): the Markdown that pogi's document templates write, laid out
with Word's own heading, list and table styles, so a memo opens as a ministry would file it."""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

_MARKED = re.compile(r"\*\*(.+?)\*\*|~~(.+?)~~")
_HEADING = re.compile(r"^(#{1,4})\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|\s*-{3,}")
_LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}


def _runs(paragraph: Paragraph, text: str) -> None:
    """``**bold**`` spans become bold runs, ``~~struck~~`` spans struck-through runs (a goal
    text's changes); the rest is plain text."""
    position = 0
    for match in _MARKED.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        if match.group(1) is not None:
            paragraph.add_run(match.group(1)).bold = True
        else:
            paragraph.add_run(match.group(2)).font.strike = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _set_language(document: DocxDocument, language: str) -> None:
    """The document's language (``w:lang`` on the default style), so Word checks the spelling
    of a Danish memo in Danish."""
    tag = _LANGUAGE_TAGS.get(language[:2].lower(), "da-DK")
    properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)
    document.core_properties.language = tag


def markdown_to_docx(markdown: str, *, title: str = "", language: str = "da") -> bytes:
    r"""Headings (#–####), bullet lists (``- ``), tables (``| a | b |``), quotations (``> ``,
    every line kept as written: a quoted answer is verbatim), paragraphs (one that begins with
    ``\`` is a paragraph whatever follows), bold."""
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    _set_language(document, language)
    if title:
        document.core_properties.title = title
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index].rstrip()
        heading = _HEADING.match(line)
        if not line.strip():
            index += 1
        elif heading:
            level = len(heading.group(1))
            document.add_heading(heading.group(2).strip(), level=0 if level == 1 else level - 1)
            index += 1
        elif line.startswith(">"):
            # Each quoted line is a paragraph of its own (an answer quoted as it was written);
            # a ">" alone only separates them.
            quoted = line[1:]
            if quoted.strip():
                _runs(
                    document.add_paragraph(style="Quote"),
                    quoted[1:] if quoted.startswith(" ") else quoted,
                )
            index += 1
        elif line.lstrip().startswith("- "):
            _runs(document.add_paragraph(style="List Bullet"), line.lstrip()[2:])
            index += 1
        elif line.startswith("|"):
            rows: list[list[str]] = []
            while index < len(lines) and lines[index].startswith("|"):
                if not _TABLE_RULE.match(lines[index]):
                    rows.append(_cells(lines[index]))
                index += 1
            width = max(len(row) for row in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for row_number, row in enumerate(rows):
                for column, text in enumerate(row):
                    cell = table.cell(row_number, column)
                    cell.text = ""
                    _runs(cell.paragraphs[0], text)
                    if row_number == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
        else:
            paragraph_lines = [line]
            index += 1
            while (
                index < len(lines)
                and lines[index].strip()
                and not _HEADING.match(lines[index])
                and not lines[index].lstrip().startswith(("- ", "|", ">"))
            ):
                paragraph_lines.append(lines[index].rstrip())
                index += 1
            text = " ".join(paragraph_lines)
            # ``\# …``: a paragraph that only looks like a heading, list, table or quotation
            _runs(document.add_paragraph(), text[1:] if text.startswith("\\") else text)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
