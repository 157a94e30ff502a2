"""Per-block work of a long document shared with helper processes.

Splitting a document's paragraphs into sentences and clauses (pysbd, then the checks for lost
words) needs nothing but each paragraph's text, and is a third of the generator's time on a
long input. For a long document, helper processes (one per further core) each take a
contiguous share of the paragraphs while this process does the first, so the results, put
back in order, are the same as doing it all here. A helper that cannot start or fails has its
share done here instead: the output never depends on whether helpers ran.

Why not ``concurrent.futures.ProcessPoolExecutor``: with a spawn or forkserver context each worker
imports the caller's main script again (as ``__mp_main__``: a benchmark's or a test runner's top
level runs once more; checked on Python 3.11, with ``set_forkserver_preload`` too), and a fork
context is unsafe in a process with threads (the app generates in a worker thread). A helper here
runs ``python -m`` on this module alone.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable

# Below this many characters, a helper's start (a Python process importing pysbd, about half a
# second) costs more than it saves.
MIN_CHARS = 300_000


def map_blocks(func: Callable[[str], Any], texts: list[str]) -> list[Any]:
    """``[func(t) for t in texts]``, with later shares done in helper processes when ``texts`` are
    long. ``func`` must be a module-level function whose results survive JSON (lists, strings)."""
    shares = _shares(texts, _helpers_available() + 1) if sum(map(len, texts)) >= MIN_CHARS else [texts]
    helpers = [_Helper(func, share) for share in shares[1:]]
    out = [func(t) for t in shares[0]]
    for helper, share in zip(helpers, shares[1:]):
        done = helper.result()
        out += done if done is not None else [func(t) for t in share]
    return out


def _helpers_available() -> int:
    if getattr(sys, "frozen", False) or not sys.executable:  # a bundled app: no interpreter to start
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(0, min(cores, 4) - 1)


def _shares(texts: list[str], n: int) -> list[list[str]]:
    """``texts`` cut into at most ``n`` contiguous, non-empty shares of about equal characters."""
    total = sum(map(len, texts)) or 1
    shares: list[list[str]] = [[] for _ in range(n)]
    done = 0
    for t in texts:
        shares[min(n - 1, done * n // total)].append(t)
        done += len(t)
    return [s for s in shares if s] or [[]]


class _Helper:
    """One helper process working on ``texts`` while this process goes on."""

    def __init__(self, func: Callable[[str], Any], texts: list[str]) -> None:
        self._output: bytes | None = None
        self._thread: threading.Thread | None = None
        root = str(Path(__file__).resolve().parents[2])  # the anastro_quiz this process runs
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
        try:
            self._process = subprocess.Popen([sys.executable, "-m", __name__, f"{func.__module__}:{func.__name__}"],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL, env=env)
        except OSError:
            return
        payload = json.dumps(texts).encode()
        self._thread = threading.Thread(target=self._talk, args=(payload,), daemon=True)
        self._thread.start()

    def _talk(self, payload: bytes) -> None:
        try:
            self._output, _ = self._process.communicate(payload)
        except OSError:
            self._output = None

    def result(self) -> list[Any] | None:
        """The helper's results, or ``None`` if it failed (its share is then done here)."""
        if self._thread is None:
            return None
        self._thread.join()
        if self._process.returncode != 0 or not self._output:
            return None
        try:
            return json.loads(self._output)
        except ValueError:
            return None


def _main() -> None:
    """Helper side: ``python -m anastro_quiz.generate.parallel module:function``, texts as JSON on
    stdin, their results as JSON on stdout."""
    texts = json.load(sys.stdin)
    module, name = sys.argv[1].split(":")
    func = getattr(importlib.import_module(module), name)
    json.dump([func(t) for t in texts], sys.stdout)


if __name__ == "__main__":
    _main()
