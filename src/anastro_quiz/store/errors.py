"""The one translation from database failures to messages a user can act on.

Everything that goes wrong reading or writing a database (SQLite's own errors, and
stored data that no longer parses: bad JSON, a bad time, text that is not UTF-8) becomes
a :class:`StoreError` here, saying what happened to which file and what to do: restore a
backup or run ``anastro-quiz check`` (damaged), free space (disk full), fix permissions
(read-only), try again (busy). :func:`translate` words one SQLite error;
:func:`database_errors` is the boundary the CLI and the app run their work inside.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..errors import UserError

RESTORE_HINT = ("restore a copy made with 'anastro-quiz backup' (in backups/ beside the database), "
                "or run 'anastro-quiz check' to see what can be repaired")


class StoreError(UserError):
    """A problem with the database the user can act on (message is user-facing)."""


class StoreBusy(StoreError):
    """Another process holds the write lock longer than we are willing to wait."""


class StoreDamaged(StoreError):
    """The database file (or data in it) is damaged: SQLite reports corruption, or stored data does not parse."""


class StoreFull(StoreError):
    """The disk (or the database's size limit) is full, or failing; nothing was written."""


class StoreReadOnly(StoreError):
    """The database file or its folder cannot be written."""


_DAMAGED = ("malformed", "not a database", "file is encrypted", "could not decode", "corrupt")


def translate(exc: sqlite3.Error, path: Path | str | None) -> StoreError:
    """SQLite's error as a message the user can act on."""
    text = str(exc)
    low = text.lower()
    where = f"the database {path}" if path else "the database"
    if "locked" in low or "busy" in low:
        return StoreBusy(f"{where} is busy (another anastro-quiz is writing to it); try again in a moment")
    if "readonly" in low or "read-only" in low:
        return StoreReadOnly(f"{where} is read-only ({text}): check the permissions of the file and its folder; "
                             "nothing was written")
    if "full" in low:
        return StoreFull(f"the disk holding {path or 'the database'} is full ({text}): free some space and try "
                         "again; nothing was written, and every review graded before is kept")
    if any(word in low for word in _DAMAGED):
        return StoreDamaged(f"{where} is damaged ({text}): {RESTORE_HINT}")
    if "disk i/o" in low:  # what a full disk gives when SQLite cannot even map its -shm file
        return StoreFull(f"a disk error on {where} ({text}): the disk may be full (free some space) or "
                         "failing; nothing was written, and every review graded before is kept")
    if "unable to open" in low and path and not _folder_writable(Path(str(path)).parent):
        return StoreReadOnly(f"{where} is in a read-only folder ({text}): SQLite writes its -wal and -shm files "
                             "beside the database, so the folder must be writable; fix its permissions or copy "
                             "the database somewhere writable; nothing was written")
    if "unable to open" in low:
        return StoreError(f"cannot use {where} ({text}): check that the file and its folder exist and are "
                          "readable")
    return StoreError(f"database error on {path or 'the database'}: {text}")


def _folder_writable(folder: Path) -> bool:
    return not folder.exists() or os.access(folder, os.W_OK)


def damaged_data(exc: Exception, path: Path | str | None) -> StoreDamaged:
    """Stored data that no longer parses (bad JSON, a bad time, bytes that are not UTF-8)."""
    where = f"the database {path}" if path else "the database"
    return StoreDamaged(f"{where} holds damaged data ({type(exc).__name__}: {exc}): {RESTORE_HINT}")


def is_damaged_data(exc: BaseException) -> bool:
    """Whether ``exc`` is what reading damaged stored data raises (and not a mistake of ours)."""
    if isinstance(exc, (json.JSONDecodeError, UnicodeDecodeError)):
        return True
    return isinstance(exc, ValueError) and str(exc).startswith("Invalid isoformat string")


def as_store_error(exc: BaseException, path: Path | str | None) -> StoreError | None:
    """``exc`` as a :class:`StoreError` if it is a database failure, else ``None``."""
    if isinstance(exc, sqlite3.Error):
        return translate(exc, path)
    if is_damaged_data(exc):
        return damaged_data(exc, path)
    return None


@contextmanager
def database_errors(path: Path | str | Callable[[], Path | str | None] | None) -> Iterator[None]:
    """Run the block with every database failure turned into a :class:`StoreError` (see the
    module doc). ``path`` names the database in messages (a callable: looked up on failure)."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:
        error = as_store_error(exc, path() if callable(path) else path)
        if error is None:
            raise
        raise error from None
