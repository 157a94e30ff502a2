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


def user_decks_dir() -> Path:
    """Where decks generated in the app go when no deck folder of your own is in use:
    ``decks`` in the user data dir (beside the default database), in use by default once it exists."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "decks"


def default_deck_paths() -> list[Path]:
    """The decks in use without ``--decks``: the bundled ones, and your own generated ones."""
    mine = user_decks_dir()
    return [bundled_decks_dir()] + ([mine] if mine.is_dir() else [])


def folder_for_new_decks(deck_paths: list[Path]) -> Path:
    """Where the app writes a deck it generates: the first deck folder in use that is not the
    bundled decks' (those ship with the package), else :func:`user_decks_dir`."""
    bundled = bundled_decks_dir().resolve()
    for path in deck_paths:
        if Path(path).is_dir() and Path(path).resolve() != bundled:
            return Path(path)
    return user_decks_dir()
