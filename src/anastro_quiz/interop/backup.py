"""Backups of the progress database: where the copy goes, and never over the database itself.

The copy itself (SQLite's online backup API, safe while the app is studying, checked
before it is kept) is the store's :class:`~anastro_quiz.store.BackupSource`; it is
written beside its target and moved into place, so a failure leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..store import BackupSource, StoreError
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
    target: Path | None = None
    try:
        with BackupSource(db_path) as source:  # checks the database before any folder is made
            target = _target(db_path, output, overwrite)
            write_atomically(target, source.copy_to)
    except StoreError as exc:
        raise InteropError(str(exc)) from None
    except OSError as exc:
        raise InteropError(f"cannot write {target or exc.filename}: {exc.strerror or exc}") from None
    return BackupReport(path=target, size=target.stat().st_size, reviews=source.reviews)


def _target(db_path: Path, output: str | Path | None, overwrite: bool) -> Path:
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
    return target
