"""Consistent copies of a database file through SQLite's online backup API.

The copy reads the live database page by page under SQLite's own locking, so it is safe
while the app is open and studying (WAL mode); the copy is a single self-contained file
(journal mode DELETE), checked with ``PRAGMA integrity_check`` before it is kept.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .db import StoreError, StoreFull, identify_file, is_sqlite_file, open_read_only, translate
from .queries import COUNTED_REVIEWS_SQL
from .identity import schema_problem


class BackupSource:
    """A database file opened read-only to be copied; use as a context manager.

    ``reviews`` counts its reviews as ``stats`` does (after :meth:`copy_to`: those in the
    copy). Every problem is a :class:`StoreError` whose message says that nothing was
    backed up or kept.
    """

    def __init__(self, db_path: str | Path):
        self.path = Path(db_path)
        if not self.path.is_file():
            raise StoreError(f"there is no database at {self.path} yet (nothing to back up)")
        if not is_sqlite_file(self.path):
            raise StoreError(f"{self.path} is not a SQLite database; nothing was backed up")
        identity = identify_file(self.path, "nothing was backed up")
        problem = schema_problem(self.path, identity)
        if problem:
            raise StoreError(f"{problem}; nothing was backed up")
        try:
            self._conn = open_read_only(self.path, timeout=10)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        try:
            self._has_reviews = "reviews" in identity.tables
            self.reviews = self._conn.execute(COUNTED_REVIEWS_SQL).fetchone()[0] if self._has_reviews else 0
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"backup of {self.path} failed: {exc}; nothing was kept") from None
        except BaseException:
            self._conn.close()
            raise

    def __enter__(self) -> "BackupSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self._conn.close()

    def copy_to(self, target: Path) -> None:
        """Write a checked, self-contained copy to ``target`` (a new or temporary file)."""
        try:
            dest = sqlite3.connect(target)
            try:
                self._conn.backup(dest, pages=256, sleep=0.01)
                dest.execute("PRAGMA journal_mode=DELETE")
                result = dest.execute("PRAGMA integrity_check").fetchone()[0]
                if result == "ok" and self._has_reviews:  # what the copy holds (a grade may have come since)
                    self.reviews = dest.execute(COUNTED_REVIEWS_SQL).fetchone()[0]
            finally:
                dest.close()
        except sqlite3.DatabaseError as exc:
            if isinstance(translate(exc, target), StoreFull):
                raise StoreFull(f"backup of {self.path} failed: the disk holding {target.parent} is full ({exc}): "
                                "free some space; nothing was kept") from None
            raise StoreError(f"backup of {self.path} failed: {exc}; nothing was kept") from None
        if result != "ok":
            raise StoreError(f"the backup failed its integrity check ({result}); nothing was kept")
