"""A progress bar for long work (a first import of big decks, a merge, a fit, generation,
the one-time upgrade of an older database), on a terminal only.

On stderr when it is a terminal, never when piped (scripts read stdout and stderr clean).
By default it appears only once the work has taken ``DELAY`` seconds, so a launch that
reads its decks from the cache shows nothing; work made of a few long stages (a fit, whose
optimizer is one silent step) asks for the bar from its first stage (``delay=0``).
"""

from __future__ import annotations

import contextlib
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator

import click

DELAY = 0.5  # seconds of work before a bar is worth drawing


@contextmanager
def terminal_progress(label: str, delay: float | None = None, *, note: str | None = None,
                      show: Callable[[str], str] = lambda name: name, width: int = 36,
                      ) -> Iterator[Callable[[int, int, str], None]]:
    """Yield ``step(done, total, name)``; draw a bar from it on a terminal after ``delay``
    seconds (``DELAY`` by default), ``show(name)`` beside it, ``note`` on the line above
    when the bar first appears. A step with another ``total`` starts the bar again (the
    work's next stage)."""
    if not sys.stderr.isatty():
        yield lambda done, total, name: None
        return
    started = time.monotonic()
    state: dict = {}

    def step(done: int, total: int, name: str) -> None:
        bar = state.get("bar")
        if bar is None:
            if total < 2 or time.monotonic() - started < (DELAY if delay is None else delay):
                return
            if note:
                click.echo(note, err=True)
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr, width=width,
                                                   item_show_func=lambda shown: shown and show(shown))
            bar.__enter__()
        elif total != bar.length:  # the next stage: drawn at once, even before its first step
            bar.length, bar.pos, bar.finished, bar.current_item = total, 0, False, name
            bar.render_progress()
        bar.update(done - bar.pos, name)

    try:
        yield step
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)


def upgrade_progress() -> "contextlib.AbstractContextManager[Callable[[int, int, str], None]]":
    """The bar of an older database's one-time upgrade (``Store.open``'s ``upgrading``): short
    enough for 80 columns, the stage's part after the colon beside it."""
    from ..store import upgrade_why  # (not at import: `help` starts without the store)
    return terminal_progress("Upgrading history", note=upgrade_why("Ctrl+C", "open"), width=12,
                             show=lambda stage: stage.rpartition(": ")[2])
