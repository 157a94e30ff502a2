"""A progress bar for long work (a first import of big decks, a merge, a fit, generation),
on a terminal only.

On stderr when it is a terminal, never when piped (scripts read stdout and stderr clean).
By default it appears only once the work has taken ``DELAY`` seconds, so a launch that
reads its decks from the cache shows nothing; work made of a few long stages (a fit, whose
optimizer is one silent step) asks for the bar from its first stage (``delay=0``).
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator

import click

DELAY = 0.5  # seconds of work before a bar is worth drawing


@contextmanager
def terminal_progress(label: str, delay: float | None = None) -> Iterator[Callable[[int, int, str], None]]:
    """Yield ``step(done, total, name)``; draw a bar from it on a terminal after ``delay``
    seconds (``DELAY`` by default)."""
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
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr,
                                                   item_show_func=lambda shown: shown)
            bar.__enter__()
        bar.update(done - bar.pos, name)

    try:
        yield step
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)
