"""What every command shares: the database and decks in use, and how a user mistake ends a command.

A user mistake ends with its message and exit status 2, never a traceback: a command
calls :func:`fail`, and any :class:`~anastro_quiz.errors.UserError` the core raises
(``StoreError``, ``InteropError``) that a command does not word itself is turned into
the same by :func:`user_errors` (the main group wraps every command in it).
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator, NoReturn

import click

from ..errors import UserError
from ..paths import default_db_path, default_deck_paths


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
    db_from: str | None = None  # where ``db`` was named ("--db", "$ANASTRO_QUIZ_DB"); None: the default
    deck_paths: list[Path] = field(default_factory=list)
    explicit_decks: bool = False  # deck_paths came from --decks (not the environment)
    today: date | None = None  # --today: the study day the app and commands run on
    write_future: bool = False  # --write-future: reviews made on that day go to the database
    notes: list[str] = field(default_factory=list)  # said on stderr once the command has done its work
    _preview: tempfile.TemporaryDirectory | None = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        return self.db or default_db_path()

    @property
    def previewing(self) -> bool:
        """``--today`` without ``--write-future``: the app works on a copy of the database."""
        return self.today is not None and not self.write_future

    def study_db_path(self, create: bool = True) -> Path:
        """The database a command studies in: the real one, or under ``--today`` (unless
        ``--write-future``) a copy made once, so that nothing dated in the future is saved.
        A command with nothing to save in a new database (``create=False``: it only looks, or
        what it changes needs a history) gets an empty one in a temporary folder where there is
        none yet, so a mistyped ``--db`` creates nothing; the command ends by saying so (stderr),
        if it goes on to show that fresh start (not after an error)."""
        # (a dangling symbolic link is not missing: the store says where it points)
        missing = not create and not self.db_path.exists() and not self.db_path.is_symlink()
        if not (self.previewing or missing):
            return self.db_path
        if self._preview is None:
            if missing:
                self.notes.append(f"note: there is no database at {self.db_path}: shown as a fresh start, nothing "
                                  "created (check the path; 'anastro-quiz where' shows the one in use)")
            self._preview = tempfile.TemporaryDirectory(prefix="anastro-quiz-today-")
            copy = Path(self._preview.name) / "progress.db"
            if self.db_path.exists():
                from ..interop import InteropError
                from ..interop.backup import backup_database

                try:
                    backup_database(self.db_path, copy)
                except InteropError as exc:
                    fail(str(exc))
        return Path(self._preview.name) / "progress.db"

    def print_notes(self) -> None:
        """Say the :attr:`notes` on stderr (the main group calls this when a command succeeds)."""
        for note in self.notes:
            click.echo(note, err=True)
        self.notes.clear()

    def clock(self):
        """The clock commands run on: real time, or under ``--today`` that day's."""
        from ..clock import clock_on, utcnow

        return clock_on(self.today) if self.today is not None else utcnow

    def today_notice(self) -> str | None:
        """What the app says at launch under ``--today``."""
        if self.today is None:
            return None
        if self.write_future:
            return f"The clock says {self.today}: reviews you make are saved, dated that day."
        return (f"The clock says {self.today}: you see your cards as they will be that day and can study them. "
                "Nothing is saved (the app works on a copy of your progress), so changes such as settings, edits "
                "or a new deck are refused; add --write-future to keep the reviews and allow them.")

    def refuse_in_preview(self, what: str, instead: str = "") -> None:
        """Under a preview, end the command before it does anything: ``what`` (a verb phrase)
        would go into the copy and be lost at exit. ``instead``: what the command can do there."""
        if self.previewing:
            fail(f"--today {self.today} works on a copy of your progress, deleted at exit, so this cannot {what}"
                 f"{instead}; drop --today, or add --write-future to keep it (dated that day)")

    @property
    def decks(self) -> list[Path]:
        return self.deck_paths or default_deck_paths()

    def require_decks_exist(self) -> None:
        """End the command (exit 2) if a deck file or folder in use does not exist, worded as
        loading the decks words it."""
        from ..decks import missing_paths

        problems = missing_paths(self.decks)
        if problems:
            fail(_deck_problems(problems))

    def require_named_db_exists(self) -> None:
        """End the command (exit 2) if ``--db`` or ``$ANASTRO_QUIZ_DB`` names a database that does
        not exist (a dangling symbolic link is not missing: the store says where it points)."""
        if self.db_from is None or self.db_path.exists() or self.db_path.is_symlink():
            return
        fail(f"there is no database at {self.db_path} (from {self.db_from}): check the path ('anastro-quiz where' "
             "shows the one in use), or add --create to start a new collection there")

    def load_decks(self) -> list:
        """The decks in use, or a clean error listing every problem in them."""
        from ..decks import DeckError, load_decks

        try:
            return load_decks(self.decks)
        except DeckError as exc:
            fail(_deck_problems(exc.problems))

    def open_collection(self, progress=None, upgrading=None, *, create: bool = True):
        """Open the collection, turning user mistakes into a clean error (exit 2). ``progress``
        (``progress(done, total, name)`` per deck file) and ``upgrading`` (an older database's
        one-time upgrade, see ``Store.open``): the app's bars, each replacing the bar on the
        terminal a command draws. ``create=False``: a database that does not exist is not
        created (see :meth:`study_db_path`)."""
        from contextlib import nullcontext

        from ..collection import Collection
        from ..decks import DeckError

        from .progress_bar import terminal_progress, upgrade_progress

        try:
            with terminal_progress("Reading decks") if progress is None else nullcontext(progress) as step, \
                    upgrade_progress() if upgrading is None else nullcontext(upgrading) as upgrade:
                return Collection.open(self.study_db_path(create), self.decks, clock=self.clock(), progress=step,
                                       upgrading=upgrade)
        except DeckError as exc:
            fail(_deck_problems(exc.problems))
        except UserError as exc:
            fail(str(exc))

    def open_store(self):
        """Open the database alone (no decks), or a clean error."""
        from ..settings import StudySettings
        from ..store import Store

        from .progress_bar import upgrade_progress

        with user_errors(), upgrade_progress() as upgrading:
            store = Store.open(self.db_path, upgrading=upgrading)
        StudySettings(store).apply_day_start()  # study days as this database counts them
        return store


def _deck_problems(problems) -> str:
    return "the decks have problems:\n" + "\n".join(str(p) for p in problems)
