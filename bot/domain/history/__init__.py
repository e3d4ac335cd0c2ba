"""The audit trail, readable (``/pogi historik``) and exportable (``historik eksport``,
``pogi audit export``). ``sentences`` tells one audit row in words; ``trail`` reads them."""

from bot.domain.history.sentences import SENTENCES, describe
from bot.domain.history.trail import (
    ERASED_PREFIX,
    EXPORT_CSV,
    EXPORT_JSON,
    PAGE_SIZE,
    HistoryLine,
    HistoryPage,
    as_csv,
    as_json,
    export,
    goal_of,
    lines_of,
    page,
    request_export,
)

__all__ = [
    "ERASED_PREFIX",
    "EXPORT_CSV",
    "EXPORT_JSON",
    "PAGE_SIZE",
    "SENTENCES",
    "HistoryLine",
    "HistoryPage",
    "as_csv",
    "as_json",
    "describe",
    "export",
    "goal_of",
    "lines_of",
    "page",
    "request_export",
]
