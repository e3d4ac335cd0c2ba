"""Jinja2 renders every message, view and document (STYLE §3).

A Slack template builds plain dicts with the small block builders below and ends in
``{{ message(text, blocks) }}`` or ``{{ view(...) }}``; the output is JSON, so user text can
never break the structure. ``esc`` escapes user text for Slack's mrkdwn.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from babel.dates import format_timedelta
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape

from bot.ids import Action, Block, Callback
from bot.presentation import timeformat
from bot.presentation.i18n import Translator
from bot.presentation.labels import ERASED_LABEL, ERASED_PREFIX, ROLE_LABELS
from bot.presentation.text import Text, danish_order
from bot.timephrase import workdays

# ``templates/`` sits beside the ``bot`` package: in the source tree, and where pip installs the
# wheel, which ships it as package data (pyproject.toml). Found from here, not by importing a
# package named ``templates``, which any folder of that name on ``sys.path`` could shadow.
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

SECTION_LIMIT = 3000
BUTTON_TEXT_LIMIT = 75


def escape_slack(value: object) -> str:
    """Slack's three control characters; mentions we build ourselves are added after this."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def plain(value: str, limit: int = 150) -> dict[str, Any]:
    return {"type": "plain_text", "text": _clip(str(value), limit), "emoji": True}


def mrkdwn(value: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": _clip(str(value), SECTION_LIMIT)}


def header(value: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(value)}


def section(value: str, *, accessory: dict | None = None, block_id: str | None = None) -> dict:
    block: dict[str, Any] = {"type": "section", "text": mrkdwn(value)}
    if accessory:
        block["accessory"] = accessory
    if block_id:
        block["block_id"] = block_id
    return block


def fields(*values: str) -> dict[str, Any]:
    return {"type": "section", "fields": [mrkdwn(value) for value in values[:10]]}


def context(*values: str) -> dict[str, Any]:
    return {"type": "context", "elements": [mrkdwn(value) for value in values[:10]]}


def divider() -> dict[str, Any]:
    return {"type": "divider"}


def button(label: str, action_id: str, value: str = "", *, style: str | None = None) -> dict:
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(label, BUTTON_TEXT_LIMIT),
        "action_id": action_id,
    }
    if value:
        element["value"] = value
    if style:
        element["style"] = style
    return element


def actions(*elements: dict, block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "actions", "elements": list(elements)}
    if block_id:
        block["block_id"] = block_id
    return block


def option(label: str, value: str) -> dict[str, Any]:
    return {"text": plain(label, 75), "value": value}


def _local_day(at: date | datetime, zone: tzinfo) -> date:
    """The day ``at`` falls on where its reader lives."""
    return at.astimezone(zone).date() if isinstance(at, datetime) else at


@pass_context
def _mention(context: Any, user: str) -> str:
    """``<@U123>``; an erased person is no one to mention."""
    if user.startswith(ERASED_PREFIX):
        return f"_{context['_'](ERASED_LABEL)}_"
    return f"<@{user}>"


class Renderer:
    """Renders templates in one language and time zone."""

    def __init__(self, *, templates: Path = TEMPLATES) -> None:
        self.environment = Environment(
            loader=FileSystemLoader(templates),
            autoescape=select_autoescape(enabled_extensions=("html",), default=False),
            undefined=StrictUndefined,
            extensions=["jinja2.ext.i18n", "jinja2.ext.do", "jinja2.ext.loopcontrols"],
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=False,
        )
        self.environment.filters["esc"] = escape_slack
        self.environment.filters["mention"] = _mention
        self.environment.filters["danish_sorted"] = lambda names: sorted(names, key=danish_order)
        self.environment.globals.update(
            header=header,
            section=section,
            fields=fields,
            context=context,
            divider=divider,
            button=button,
            actions=actions,
            plain=plain,
            option=option,
            mrkdwn=mrkdwn,
            Action=Action,
            Callback=Callback,
            Block=Block,
        )

    def _render(self, name: str, *, translator: Translator, zone: tzinfo, data: dict) -> str:
        language = translator.language

        def say(value: Text | str, **params: object) -> str:
            if isinstance(value, Text):
                return value.render(translator)
            return translator(value, **params)

        def role_names(roles: Iterable[str]) -> str:
            return ", ".join(say(ROLE_LABELS[str(role)]) for role in sorted(roles))

        def and_list(items: Iterable[str]) -> str:
            """``a, b og c`` / ``a, b and c``: running text puts the word before the last."""
            shown = [str(item) for item in items]
            if len(shown) < 2:
                return "".join(shown)
            return f"{', '.join(shown[:-1])} {translator.gettext('og')} {shown[-1]}"

        def bullets(items: list[Text | str]) -> str:
            return "\n".join(f"• {say(item)}" for item in items)

        template = self.environment.get_template(name)
        return template.render(
            _=say,
            bullets=bullets,
            and_list=and_list,
            role_names=role_names,
            gettext=translator.gettext,
            ngettext=lambda s, p, n, **kw: translator.ngettext(s, p, n) % {"num": n, **kw},
            language=language,
            zone=zone,
            moment=lambda value: timeformat.format_moment(value, zone=zone, language=language),
            day=lambda value: timeformat.format_day(value, language=language),
            span=lambda a, b: timeformat.format_span(a, b, zone=zone, language=language),
            deadline=lambda at, whole_day: (
                timeformat.format_day(at.astimezone(zone).date(), language=language)
                if whole_day
                else timeformat.format_moment(at, zone=zone, language=language)
            ),
            until=lambda delta: format_timedelta(
                delta, add_direction=True, locale=language, threshold=0.85
            ),
            local_day=lambda at: _local_day(at, zone),
            working_day=lambda at: workdays.is_working_day(_local_day(at, zone)),
            holiday=lambda at: workdays.holiday_name(_local_day(at, zone), language),
            working_days=lambda start, end: workdays.working_days(
                _local_day(start, zone), _local_day(end, zone)
            ),
            agenda=lambda name, **values: self._render(
                f"agendas/{name}.j2", translator=translator, zone=zone, data=values
            ).strip(),
            **data,
        )

    def slack(self, name: str, *, translator: Translator, zone: tzinfo, **data: Any) -> dict:
        """A message (``{"text", "blocks"}``) or a view, as a dict ready for the Web API."""
        rendered = self._render(f"slack/{name}.j2", translator=translator, zone=zone, data=data)
        return json.loads(rendered)

    def document(self, name: str, *, translator: Translator, zone: tzinfo, **data: Any) -> str:
        return self._render(f"documents/{name}.j2", translator=translator, zone=zone, data=data)
