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
from .compact_log import REVIEW_COLUMNS_V13, V12_REVIEW_COLUMNS
from .states import AFTER, BEFORE, decode, encode

#: The review columns copied from another database of schema 13 or later (states as columns).
REVIEW_COLUMNS = REVIEW_COLUMNS_V13
#: The review columns of another database from before schema 13 (states as JSON text): its
#: reviews are copied through Python, each state encoded as ours are (:func:`.states.encode`).
OLD_REVIEW_COLUMNS = V12_REVIEW_COLUMNS  # a copy made before schema 13: both states as JSON text
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
    if not (set(REVIEW_COLUMNS) <= identity.review_columns or set(OLD_REVIEW_COLUMNS) <= identity.review_columns):
        raise StoreError(f"{path} has an unexpected review table; nothing was merged")
    try:
        return open_read_only(path)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path} ({exc}); nothing was merged") from None


def check_mergeable(path: str | Path) -> None:
    """Raise :class:`StoreError` unless ``path`` is another anastro-quiz database to merge."""
    open_other(path).close()


def states_as_text(other: sqlite3.Connection) -> bool:
    """Whether ``other``'s reviews hold their states as JSON text (a copy from before schema 13)."""
    return "before_state" not in {row[1] for row in other.execute("PRAGMA table_info(reviews)")}


_CHECKED = ("id", "deck", "card_id", "rating", "reviewed_at", "undone")


def _check_reviews(rows: Iterable[tuple], as_text: bool) -> None:
    """Raise ``ValueError`` naming the first of ``rows`` (another database's reviews, as
    :data:`_CHECKED` then the two states, as text if ``as_text``, else as columns) that could
    not be replayed."""
    for row in rows:
        rid, deck, card, rating, when, undone = row[:6]
        what = f"review {rid!r}"
        if not (isinstance(rid, str) and rid and isinstance(deck, str) and isinstance(card, str) and card):
            raise ValueError(f"{what} has no card")
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"{what} has rating {rating!r} (1 to 4 expected)")
        if not isinstance(when, str):
            raise ValueError(f"{what} has no time")
        datetime.fromisoformat(when)
        states = row[6:] if as_text else (_decoded(what, row[6:13]), _decoded(what, row[13:20]))
        for state in states:
            if state is not None:
                json.loads(state)
        if undone not in (0, 1):
            raise ValueError(f"{what} has undone={undone!r}")


def _decoded(what: str, columns: tuple) -> str | None:
    try:
        return decode(columns)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValueError(f"{what} has a state that cannot be read ({exc})") from None


# A review of another database that is surely sound: the types and values this tool writes,
# a time of the form clock.iso writes on a real calendar day, states SQLite reads as JSON or
# columns of the types .states writes (times within the years 1-9999).
# Only the others are read into Python and checked there, so the verdict is
# _check_reviews's for every review (checking all of a million in Python took 5 s).
_SOUND = ("typeof(id)='text' AND id<>'' AND typeof(deck)='text' AND typeof(card_id)='text' AND card_id<>''"
          " AND typeof(rating)='integer' AND rating BETWEEN 1 AND 4 AND typeof(undone)='integer' AND undone IN (0, 1)"
          " AND typeof(reviewed_at)='text' AND reviewed_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T"
          "[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00' AND substr(reviewed_at, 12, 2)<'24'"
          " AND substr(reviewed_at, 1, 4)>='0001'"
          " AND date(julianday(substr(reviewed_at, 1, 10)))=substr(reviewed_at, 1, 10)"
          " AND (state_before IS NULL OR json_valid(state_before)) AND (state_after IS NULL OR json_valid(state_after))")
_MICROS = "BETWEEN -62135596800000000 AND 253402300799999999"
_SOUND_COLUMNS = " AND ".join(
    f"({side}_state IS NULL OR typeof({side}_state)='integer') AND ({side}_step IS NULL OR typeof({side}_step)='integer')"
    f" AND ({side}_stability IS NULL OR typeof({side}_stability)='real')"
    f" AND ({side}_difficulty IS NULL OR typeof({side}_difficulty)='real')"
    f" AND ({side}_due_us IS NULL OR (typeof({side}_due_us)='integer' AND {side}_due_us {_MICROS}))"
    f" AND ({side}_last_review_us IS NULL OR (typeof({side}_last_review_us)='integer'"
    f" AND {side}_last_review_us {_MICROS}))" for side in ("before", "after"))


def check_their_reviews(other: sqlite3.Connection) -> None:
    """Raise ``ValueError`` naming the first review of ``other`` that could not be replayed."""
    as_text = states_as_text(other)
    cols = ", ".join(_CHECKED + (("state_before", "state_after") if as_text else BEFORE + AFTER))
    sound = _SOUND if as_text else f"{_SOUND} AND {_SOUND_COLUMNS}"
    try:
        suspects = other.execute(f"SELECT {cols} FROM reviews WHERE NOT COALESCE(({sound}), 0)")
    except sqlite3.OperationalError:  # an SQLite without its JSON functions
        suspects = other.execute(f"SELECT {cols} FROM reviews")
    _check_reviews(suspects, as_text)


@contextmanager
def their_reviews(conn: sqlite3.Connection, path: Path, other: sqlite3.Connection) -> Iterator[str]:
    """The other database's reviews as a table ``conn`` reads: its file attached read-only, so
    one ``INSERT ... SELECT`` copies them with no row passing through Python; where this
    SQLite takes no URI file names (needed to attach read-only) or a transaction is already
    open, a temporary table streamed from ``other`` (read-only) instead."""
    cols = ", ".join(REVIEW_COLUMNS)
    as_text = states_as_text(other)
    if not as_text and not conn.in_transaction \
            and conn.execute("SELECT sqlite_compileoption_used('USE_URI')").fetchone()[0]:
        conn.execute("ATTACH DATABASE ? AS merge_source", (f"{path.resolve().as_uri()}?mode=ro",))
        try:
            yield ATTACHED
        finally:
            conn.execute("DETACH DATABASE merge_source")
        return
    conn.execute(f"CREATE TEMP TABLE merge_their_reviews ({cols})")  # no types: values kept as they are
    if as_text:  # each state encoded as ours are; a state that is not JSON stays text (the check reports it)
        rows = ((*head, *encode(before), *encode(after)) for *head, before, after in other.execute(
            f"SELECT {', '.join(OLD_REVIEW_COLUMNS)} FROM reviews ORDER BY rowid"))
    else:
        rows = other.execute(f"SELECT {cols} FROM reviews ORDER BY rowid")
    try:
        conn.executemany(f"INSERT INTO temp.merge_their_reviews VALUES ({marks(REVIEW_COLUMNS)})", rows)
        yield "temp.merge_their_reviews"
    finally:
        conn.execute("DROP TABLE temp.merge_their_reviews")
