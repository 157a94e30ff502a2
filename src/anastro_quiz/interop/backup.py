"""Consistent copies of the progress database through SQLite's online backup API.

The backup reads the live database page by page under SQLite's own locking, so it is
safe while the app is open and studying (WAL mode); the copy is a single self-contained
file (journal mode DELETE), checked with ``PRAGMA integrity_check`` before it is moved
into place.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..schema import schema_problem
from ..store import is_sqlite_file
from . import InteropError, write_atomically


@dataclass
class BackupReport:
    path: Path
    size: int
    reviews: int


def default_backup_path(db_path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(timezone.utc)).astimezone().strftime("%Y%m%d-%H%M%S")
    return db_path.parent / "backups" / f"{db_path.stem}-{stamp}.db"


def backup_database(db_path: str | Path, output: str | Path | None = None, *, overwrite: bool = False) -> BackupReport:
    """Copy ``db_path`` to ``output`` (default: ``backups/<name>-<time>.db`` beside it)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise InteropError(f"there is no database at {db_path} yet (nothing to back up)")
    if not is_sqlite_file(db_path):
        raise InteropError(f"{db_path} is not a SQLite database; nothing was backed up")
    if output is None:
        target = default_backup_path(db_path)
        target.parent.mkdir(parents=True, exist_ok=True)
    else:
        target = Path(output)
        if target.is_dir():
            target = target / default_backup_path(db_path).name
        if not target.parent.is_dir():
            raise InteropError(f"the folder {target.parent} does not exist")
    if target.exists() and not overwrite:
        raise InteropError(f"{target} already exists (use --force to replace it)")
    try:
        if target.exists() and target.samefile(db_path):
            raise InteropError("the backup cannot replace the database itself")
    except OSError:
        pass

    try:
        source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.DatabaseError as exc:
        raise InteropError(f"cannot open {db_path}: {exc}") from None
    try:
        version = source.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        problem = schema_problem(db_path, version, tables)
        if problem:
            raise InteropError(f"{problem}; nothing was backed up")
        # The same count as ``stats`` (reviews.total): undone reviews and drill answers left out.
        reviews = (source.execute("SELECT COUNT(*) FROM reviews WHERE undone=0 AND mode!='drill'").fetchone()[0]
                   if "reviews" in tables else 0)

        def write(tmp: Path) -> None:
            dest = sqlite3.connect(tmp)
            try:
                source.backup(dest, pages=256, sleep=0.01)
                dest.execute("PRAGMA journal_mode=DELETE")
                result = dest.execute("PRAGMA integrity_check").fetchone()[0]
                if result != "ok":
                    raise InteropError(f"the backup failed its integrity check ({result}); nothing was kept")
            finally:
                dest.close()

        write_atomically(target, write)
    except sqlite3.DatabaseError as exc:
        raise InteropError(f"backup of {db_path} failed: {exc}; nothing was kept") from None
    except OSError as exc:
        raise InteropError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        source.close()
    return BackupReport(path=target, size=target.stat().st_size, reviews=reviews)
