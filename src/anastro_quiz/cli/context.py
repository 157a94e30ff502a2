"""What every command shares: the database and decks in use, and how a user mistake ends a command.

A user mistake ends with its message and exit status 2, never a traceback: a command
calls :func:`fail`, and any :class:`~anastro_quiz.errors.UserError` the core raises
(``StoreError``, ``InteropError``) that a command does not word itself is turned into
the same by :func:`user_errors` (the main group wraps every command in it).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, NoReturn

import click

from ..errors import UserError
from ..paths import bundled_decks_dir, default_db_path


class CommandError(click.ClickException):
    """A user mistake, as click prints it: the message, then exit status 2."""

    exit_code = 2


def fail(message: str) -> NoReturn:
    """End the command with ``message`` and exit status 2."""
    raise CommandError(message)


@contextmanager
def user_errors(prefix: str = "") -> Iterator[None]:
    """Turn a core :class:`UserError` raised inside the block into :func:`fail` (``prefix`` + message)."""
    try:
        yield
    except UserError as exc:
        fail(prefix + str(exc))


@dataclass
class Context:
    db: Path | None = None
    deck_paths: list[Path] = field(default_factory=list)
    explicit_decks: bool = False  # deck_paths came from --decks (not the environment)

    @property
    def db_path(self) -> Path:
        return self.db or default_db_path()

    @property
    def decks(self) -> list[Path]:
        return self.deck_paths or [bundled_decks_dir()]

    def load_decks(self) -> list:
        """The decks in use, or a clean error listing every problem in them."""
        from ..decks import DeckError, load_decks

        try:
            return load_decks(self.decks)
        except DeckError as exc:
            fail(_deck_problems(exc))

    def open_collection(self):
        """Open the collection, turning user mistakes into a clean error (exit 2)."""
        from ..collection import Collection
        from ..decks import DeckError

        try:
            return Collection.open(self.db_path, self.decks)
        except DeckError as exc:
            fail(_deck_problems(exc))
        except UserError as exc:
            fail(str(exc))

    def open_store(self):
        """Open the database alone (no decks), or a clean error."""
        from ..settings import StudySettings
        from ..store import Store

        with user_errors():
            store = Store.open(self.db_path)
        StudySettings(store).apply_day_start()  # study days as this database counts them
        return store


def _deck_problems(exc) -> str:
    return "the decks have problems:\n" + "\n".join(str(p) for p in exc.problems)
