"""Work after the acknowledgement (``bot.app.afterwards``)."""

from __future__ import annotations

import logging

from bot.app import afterwards


def test_work_runs_at_once_where_nobody_collects_it() -> None:
    done: list[str] = []

    afterwards.later(lambda: done.append("receipt"))

    assert done == ["receipt"]


def test_collected_work_waits_and_a_failure_does_not_stop_the_rest(caplog) -> None:  # type: ignore[no-untyped-def]
    done: list[str] = []

    def fails() -> None:
        raise RuntimeError("Slack said no")

    with afterwards.collected() as pending:
        afterwards.later(lambda: done.append("first"))
        afterwards.later(fails)
        afterwards.later(lambda: done.append("third"))
        assert done == []
    afterwards.later(lambda: done.append("outside"))  # nobody collects any more: at once

    with caplog.at_level(logging.ERROR, logger="bot.app.afterwards"):
        afterwards.run(pending)

    assert done == ["outside", "first", "third"]
    assert "work after the acknowledgement failed" in caplog.text
