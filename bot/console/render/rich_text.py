"""``rich_text`` blocks: lists, quotes, preformatted text and styled inline elements."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

_RICH_STYLES = (("code", "`"), ("bold", "*"), ("italic", "_"), ("strike", "~"))

Element = Mapping[str, Any]


def rich_text(elements: Sequence[Element], names: Mapping[str, str]) -> list[str]:
    """The lines of a ``rich_text`` block's elements; ``names`` resolve mentioned ids."""
    lines: list[str] = []
    for element in elements:
        kind = element.get("type")
        inner = element.get("elements") or []
        if kind == "rich_text_list":
            lines += _listed(element, names)
        elif kind == "rich_text_quote":
            lines += ["> " + line for line in inline(inner, names).split("\n")]
        elif kind == "rich_text_preformatted":
            lines += ["    " + line for line in inline(inner, names).split("\n")]
        else:
            lines += inline(inner, names).rstrip("\n").split("\n")
    return lines


def _listed(element: Element, names: Mapping[str, str]) -> list[str]:
    indent = "  " * int(element.get("indent", 0))
    first = int(element.get("offset", 0)) + 1
    lines = []
    for number, item in enumerate(element.get("elements") or [], start=first):
        bullet = f"{number}." if element.get("style") == "ordered" else "•"
        lines.append(f"{indent}{bullet} {inline(item.get('elements') or [], names)}")
    return lines


def inline(elements: Sequence[Element], names: Mapping[str, str]) -> str:
    """Inline elements as one string: styles as mrkdwn marks, mentions as names."""
    return "".join(_INLINE.get(str(e.get("type")), _other)(e, names) for e in elements)


def _text(element: Element, names: Mapping[str, str]) -> str:
    part = str(element.get("text", ""))
    style = element.get("style") or {}
    for name, mark in _RICH_STYLES:
        if style.get(name) and part.strip():
            part = f"{mark}{part}{mark}"
    return part


def _link(element: Element, names: Mapping[str, str]) -> str:
    url, label = str(element.get("url", "")), element.get("text")
    return f"{label} ({url})" if label and label != url else url


def _mention(key: str, mark: str) -> Callable[[Element, Mapping[str, str]], str]:
    def mention(element: Element, names: Mapping[str, str]) -> str:
        return mark + names.get(element[key], element[key])

    return mention


def _broadcast(element: Element, names: Mapping[str, str]) -> str:
    return "@" + str(element.get("range", "here"))


def _emoji(element: Element, names: Mapping[str, str]) -> str:
    return str(element.get("unicode_char") or f":{element.get('name', '')}:")


def _date(element: Element, names: Mapping[str, str]) -> str:
    return str(element.get("fallback") or element.get("timestamp", ""))


def _other(element: Element, names: Mapping[str, str]) -> str:
    return str(element.get("text") or element.get("value") or "")


_INLINE: dict[str, Callable[[Element, Mapping[str, str]], str]] = {
    "text": _text,
    "link": _link,
    "user": _mention("user_id", "@"),
    "channel": _mention("channel_id", "#"),
    "usergroup": _mention("usergroup_id", "@"),
    "broadcast": _broadcast,
    "emoji": _emoji,
    "date": _date,
}
