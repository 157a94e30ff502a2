"""A cache of parsed deck files (marshal: plain data only, no code), keyed by path, size and mtime.

PyYAML needs about 80 µs per card, so a 10,000-card collection would spend most of
its start-up parsing YAML that has not changed since the last run. Only decks that
loaded cleanly are cached; any problem reading the cache falls back to parsing.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .files import write_bytes_atomically

CACHE_ENV = "ANASTRO_QUIZ_CACHE"
FORMAT = 4  # 2: each card carries its content hash; 3, 4: decks checked against hostile content (issue 13)


def cache_dir() -> Path | None:
    """``$ANASTRO_QUIZ_CACHE`` (empty: caching off), else the user cache dir."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return Path(env).expanduser() if env else None
    from platformdirs import user_cache_path

    return user_cache_path("anastro-quiz", appauthor=False) / "decks"


def _entry(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    stat = path.stat()
    # marshal's format follows the Python version, so it is part of the key.
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{FORMAT}|{__version__}|{sys.version}"
    return folder / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".marshal")


def read(path: Path) -> dict[str, Any] | None:
    """The cached parse of ``path`` if the file is unchanged since it was cached."""
    try:
        entry = _entry(path)
        if entry is None or not entry.is_file():
            return None
        payload = marshal.loads(entry.read_bytes())
        return payload if isinstance(payload, dict) else None
    except (OSError, ValueError, EOFError, TypeError):
        return None  # a damaged or unreadable cache only costs a re-parse


def write(path: Path, payload: dict[str, Any]) -> None:
    """Store a clean parse of ``path`` (atomically; failures are ignored: the cache is optional)."""
    try:
        entry = _entry(path)
        if entry is None:
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(entry, marshal.dumps(payload))
    except (OSError, ValueError):  # ValueError: a value marshal cannot store (e.g. a YAML date)
        pass
