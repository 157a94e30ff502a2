"""Where things live: the database, the bundled decks and the deck cache, and the
environment variables that move them (named here only)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "anastro-quiz"
DB_ENV = "ANASTRO_QUIZ_DB"
DECKS_ENV = "ANASTRO_QUIZ_DECKS"  # read by the CLI's --decks option (a list separated by ':')
CACHE_ENV = "ANASTRO_QUIZ_CACHE"
TODAY_ENV = "ANASTRO_QUIZ_TODAY"  # read by the CLI's --today option (YYYY-MM-DD)


def default_db_path() -> Path:
    """``$ANASTRO_QUIZ_DB`` if set, else ``progress.db`` in the user data dir."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "progress.db"


def deck_cache_dir() -> Path | None:
    """``$ANASTRO_QUIZ_CACHE`` (empty: caching off), else the user cache dir."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return Path(env).expanduser() if env else None
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "decks"


def bundled_decks_dir() -> Path:
    """The decks shipped with the package (inside the wheel, or ``decks/`` in a checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "bundled_decks"
    if installed.is_dir():
        return installed
    return here.parent.parent / "decks"
