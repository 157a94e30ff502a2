"""Whether another anastro-quiz app has the same collection open: told at launch, never a silent race.

While the app runs it holds an operating-system lock (the ``filelock`` package) on
``<database>.lock`` beside the database. The lock belongs to the process, so an app that
crashed or was killed never leaves it held. Grades from two windows compose anyway (each
grade reads the card inside its write transaction); what a second window lacks is a view
of the other's work until it is reopened, and that is what the notice says.
"""

from __future__ import annotations

from pathlib import Path

SECOND_INSTANCE = ("Another anastro-quiz window has this collection open. Grades from both are kept, each "
                   "building on the other's, but this window's counts and queues do not show the other "
                   "window's work until you reopen it.")


class InstanceLock:
    """The app's hold on a collection (use :meth:`acquire` at launch, :meth:`release` at exit)."""

    def __init__(self, db_path: str | Path):
        self.path = Path(f"{db_path}.lock")
        self._lock = None  # made by acquire: filelock is imported then, in the app's opening worker
        self._made_file = False

    def acquire(self) -> bool:
        """Take the lock; ``False`` if another app holds it. Where no lock can be taken (a
        read-only folder, a folder not made yet) there is nothing to tell: ``True``."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(str(self.path), timeout=0, thread_local=False)
        self._made_file = not self.path.exists()
        try:
            self._lock.acquire(blocking=False)
        except Timeout:
            return False
        except OSError:
            return True
        return True

    def release(self, *, remove: bool = False) -> None:
        """Let go; ``remove``: also delete the lock file if :meth:`acquire` made it (the
        database did not open, e.g. it is another application's: leave nothing beside it)."""
        if self._lock is not None and self._lock.is_locked:
            self._lock.release()
        if remove and self._made_file:
            self.path.unlink(missing_ok=True)


def launch_notice(lock: InstanceLock) -> str | None:
    """Take ``lock``; the notice to show when another app already has the collection open."""
    return None if lock.acquire() else SECOND_INSTANCE
