"""The other copy a merge reads (``anastro-quiz progress merge``): opened read-only once it is
known to be a usable anastro-quiz database, its reviews checked replayable before anything is
written here, and its review table made readable from this database (attached, or staged).
The merge itself is :mod:`merge`."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

from .cards import marks
from .db import StoreError, identify_file, is_sqlite_file, open_read_only
from .identity import schema_problem

REVIEW_COLUMNS = ("id", "deck", "card_id", "rating", "reviewed_at", "day", "duration_ms", "mode", "session_id",
                  "fsrs_state_before", "state_before", "fsrs_state_after", "state_after", "due_after", "undone")
ATTACHED = "merge_source.reviews"  # the other database's reviews, attached read-only


def open_other(path: str | Path) -> sqlite3.Connection:
    """Open another copy's database read-only after checking it is a usable anastro-quiz one
    (raises :class:`StoreError` saying why not; nothing is written anywhere)."""
    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path} does not exist")
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    try:
        sqlite = is_sqlite_file(path)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not sqlite:
        raise StoreError(f"{path} is not an anastro-quiz database (not SQLite); nothing was merged")
    identity = identify_file(path, "nothing was merged")
    problem = schema_problem(path, identity, must_exist=True)
    if problem:
        raise StoreError(f"{problem}; nothing was merged")
    if not set(REVIEW_COLUMNS) <= identity.review_columns:
        raise StoreError(f"{path} has an unexpected review table; nothing was merged")
    try:
        return open_read_only(path)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path} ({exc}); nothing was merged") from None


def check_mergeable(path: str | Path) -> None:
    """Raise :class:`StoreError` unless ``path`` is another anastro-quiz database to merge."""
    open_other(path).close()


def _check_reviews(rows: Iterable[tuple]) -> None:
    """Raise ``ValueError`` naming the first of ``rows`` (another database's reviews, as
    :data:`REVIEW_COLUMNS`) that could not be replayed."""
    at = {name: n for n, name in enumerate(REVIEW_COLUMNS)}
    rid, deck, card, rating, when, before, after, undone = (at[c] for c in (
        "id", "deck", "card_id", "rating", "reviewed_at", "state_before", "state_after", "undone"))
    for row in rows:
        what = f"review {row[rid]!r}"
        if not (isinstance(row[rid], str) and row[rid] and isinstance(row[deck], str)
                and isinstance(row[card], str) and row[card]):
            raise ValueError(f"{what} has no card")
        if row[rating] not in (1, 2, 3, 4):
            raise ValueError(f"{what} has rating {row[rating]!r} (1 to 4 expected)")
        if not isinstance(row[when], str):
            raise ValueError(f"{what} has no time")
        datetime.fromisoformat(row[when])
        for column in (before, after):
            if row[column] is not None:
                json.loads(row[column])
        if row[undone] not in (0, 1):
            raise ValueError(f"{what} has undone={row[undone]!r}")


# A review of another database that is surely sound: the types and values this tool writes,
# a time of the form clock.iso writes on a real calendar day, states SQLite reads as JSON.
# Only the others are read into Python and checked there, so the verdict is
# _check_reviews's for every review (checking all of a million in Python took 5 s).
_SOUND = ("typeof(id)='text' AND id<>'' AND typeof(deck)='text' AND typeof(card_id)='text' AND card_id<>''"
          " AND typeof(rating)='integer' AND rating BETWEEN 1 AND 4 AND typeof(undone)='integer' AND undone IN (0, 1)"
          " AND typeof(reviewed_at)='text' AND reviewed_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T"
          "[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00' AND substr(reviewed_at, 12, 2)<'24'"
          " AND substr(reviewed_at, 1, 4)>='0001'"
          " AND date(julianday(substr(reviewed_at, 1, 10)))=substr(reviewed_at, 1, 10)"
          " AND (state_before IS NULL OR json_valid(state_before)) AND (state_after IS NULL OR json_valid(state_after))")


def check_their_reviews(other: sqlite3.Connection) -> None:
    """Raise ``ValueError`` naming the first review of ``other`` that could not be replayed."""
    cols = ", ".join(REVIEW_COLUMNS)
    try:
        suspects = other.execute(f"SELECT {cols} FROM reviews WHERE NOT COALESCE(({_SOUND}), 0)")
    except sqlite3.OperationalError:  # an SQLite without its JSON functions
        suspects = other.execute(f"SELECT {cols} FROM reviews")
    _check_reviews(suspects)


@contextmanager
def their_reviews(conn: sqlite3.Connection, path: Path, other: sqlite3.Connection) -> Iterator[str]:
    """The other database's reviews as a table ``conn`` reads: its file attached read-only, so
    one ``INSERT ... SELECT`` copies them with no row passing through Python; where this
    SQLite takes no URI file names (needed to attach read-only) or a transaction is already
    open, a temporary table streamed from ``other`` (read-only) instead."""
    cols = ", ".join(REVIEW_COLUMNS)
    if not conn.in_transaction and conn.execute("SELECT sqlite_compileoption_used('USE_URI')").fetchone()[0]:
        conn.execute("ATTACH DATABASE ? AS merge_source", (f"{path.resolve().as_uri()}?mode=ro",))
        try:
            yield ATTACHED
        finally:
            conn.execute("DETACH DATABASE merge_source")
        return
    conn.execute(f"CREATE TEMP TABLE merge_their_reviews ({cols})")  # no types: values kept as they are
    try:
        conn.executemany(f"INSERT INTO temp.merge_their_reviews VALUES ({marks(REVIEW_COLUMNS)})",
                         other.execute(f"SELECT {cols} FROM reviews ORDER BY rowid"))
        yield "temp.merge_their_reviews"
    finally:
        conn.execute("DROP TABLE temp.merge_their_reviews")
