"""The other copy's log checked in a thread of its own while a merge copies its rows: the
check that every review can be replayed (:func:`~.merge_source.check_their_reviews`, one
long SQLite statement over their whole log: 2.3 s at a million reviews) runs beside this
connection's statements, and SQLite lets both run at once.

Nothing is committed before :meth:`TheirCheck.result` has said the other log is sound: a
damaged one rolls the merge back, as the check made before the copy did.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .db import open_read_only
from .merge_source import check_their_reviews


class TheirCheck:
    """Checks the database at ``path`` (read-only) in a thread started at once."""

    def __init__(self, path: Path):
        self.path = path
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="merge-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = open_read_only(self.path)
            try:
                check_their_reviews(conn)
            finally:
                conn.close()
        except BaseException as exc:  # handed to the merge by result()
            self._error = exc

    def result(self) -> None:
        """Wait for the check; raise what it raised (``ValueError``, ``TypeError``,
        ``sqlite3.DatabaseError``: the other log is damaged)."""
        self._thread.join()
        if self._error is not None:
            raise self._error

    def damage(self) -> BaseException | None:
        """After a failed merge: what the check found wrong (``None``: sound), once it is done."""
        self._thread.join()
        return self._error
