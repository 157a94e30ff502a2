"""Raw SQL for the few tests that check what is on disk, bypassing the store on purpose.

Everything else in the tests goes through the store's public methods. Only here may a
test speak SQL (tests/test_layers.py checks): to look at a file the way another program
would (durability after a kill, byte-equal merges, someone else's database, an Anki
package), to build a database the store would refuse (newer, foreign, an old schema), to
hold the write lock as another process does, or to set up a state that takes weeks of
study to reach (a leech).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator


def rows(path: str | Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Run a read-only query on the database file at ``path`` through a connection of its own."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def write(path: str | Path, *statements: str | tuple[str, tuple]) -> None:
    """Run SQL statements (``sql`` or ``(sql, params)``) on ``path`` and commit: a file the
    store would refuse, an old schema, or a state that study takes weeks to reach."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            sql, params = statement if isinstance(statement, tuple) else (statement, ())
            conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def old_database(path: str | Path, version: int) -> Path:
    """A database at schema ``version``, as an older anastro-quiz left it (the migrations up to it)."""
    import sqlite_utils

    from anastro_quiz.store import MIGRATIONS

    conn = sqlite3.connect(path)
    try:
        for step in range(1, version + 1):
            MIGRATIONS[step](sqlite_utils.Database(conn))
        conn.execute(f"PRAGMA user_version={int(version)}")
        conn.commit()
    finally:
        conn.close()
    return Path(path)


@contextmanager
def write_locked(path: str | Path) -> Iterator[None]:
    """Another process holding the database's write lock for the duration."""
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def make_leech(store: Any, deck: str, card_id: str, lapses: int, **columns: Any) -> None:
    """Give one card ``lapses`` lapses and the leech flag (as weeks of forgetting it would)."""
    sets = ", ".join(f"{name}=?" for name in ("lapses", "leech", *columns))
    write(store.path, (f"UPDATE schedule SET {sets} WHERE deck=? AND card_id=?",
                       (lapses, 1, *columns.values(), deck, card_id)))


def leave_mid_write(path: str | Path) -> Any:
    """A database file cut off mid-transaction (its ``-journal`` beside it), as a copy
    interrupted by a full disk leaves it; returns the still-open connection."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    return conn


def damage_table(path: str | Path, table: str) -> None:
    """Overwrite the first page of ``table``'s data with junk, as a bad disk sector would
    (the schema on page 1 stays readable, so the file still opens)."""
    (root,), = rows(path, "SELECT rootpage FROM sqlite_master WHERE name=?", (table,))
    (size,), = rows(path, "PRAGMA page_size")
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(size)))


def sqlite_error(message: str, kind: str = "OperationalError") -> Exception:
    """One of SQLite's exceptions with ``message`` (for the store's translation of them)."""
    return getattr(sqlite3, kind)(message)


def journal_mode(path: str | Path) -> str:
    return rows(path, "PRAGMA journal_mode")[0][0]


@contextmanager
def held_open(path: str | Path) -> Iterator[None]:
    """Another connection that has read the file and stays open (the app in another window)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        yield
    finally:
        conn.close()


def killed_mid_write(path: str | Path, application_id: int) -> Path:
    """A database of ``application_id`` whose writer was killed mid-transaction after some pages
    went into the file (rollback-journal mode): returns the hot journal left beside it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id={int(application_id)}")
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    code = (f"import sqlite3, os; c = sqlite3.connect({str(path)!r}, isolation_level=None);"
            " c.execute('PRAGMA cache_size=2'); c.execute('BEGIN');"  # pages spill into the file
            " c.executemany('INSERT INTO t VALUES (?)', [(b'x' * 3000,)] * 200); os._exit(3)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 3
    return Path(f"{path}-journal")


def as_schema_12(source: str | Path, target: str | Path) -> Path:
    """A copy of the database ``source`` as anastro-quiz wrote it up to schema 12: the same rows,
    each review's two states as JSON text (``state_before``, ``state_after``), the reviews
    table, its indexes and triggers exactly as the migrations up to 12 make them."""
    import shutil

    from anastro_quiz.store.states import AFTER, BEFORE, decode

    target = Path(target)
    fresh = old_database(target.with_name(target.name + ".fresh12"), 12)
    schema = rows(fresh, "SELECT type, sql FROM sqlite_master WHERE tbl_name='reviews' AND sql IS NOT NULL"
                         " ORDER BY type<>'table', type, name")
    Path(fresh).unlink()
    shutil.copy(source, target)
    columns = ("id", "deck", "card_id", "rating", "reviewed_at", "day", "duration_ms", "mode", "session_id",
               "fsrs_state_before", "fsrs_state_after", "due_after", "undone")
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("BEGIN")
        old = [(*row[:len(columns)], decode(row[len(columns):len(columns) + 7]), decode(row[len(columns) + 7:]))
               for row in conn.execute(f"SELECT {', '.join(columns + BEFORE + AFTER)} FROM reviews ORDER BY rowid")]
        conn.execute("DROP TABLE reviews")
        conn.execute(schema[0][1])  # the table, then its indexes and triggers
        conn.executemany(f"INSERT INTO reviews ({', '.join(columns)}, state_before, state_after)"
                         f" VALUES ({', '.join('?' * (len(columns) + 2))})", old)
        for _type, sql in schema[1:]:
            conn.execute(sql)
        conn.execute("PRAGMA user_version=12")
        conn.execute("COMMIT")
    finally:
        conn.close()
    return target


def reviews_table(path: str | Path) -> list[tuple]:
    """Every column of every review, in the order written."""
    return rows(path, "SELECT * FROM reviews ORDER BY rowid")


def schema_of(path: str | Path) -> list[tuple]:
    return rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")


def tables_but_reviews(path: str | Path) -> dict[str, list[tuple]]:
    """Every row of every table other than the review log (what a migration of it leaves alone)."""
    names = [name for (name,) in rows(path, "SELECT name FROM sqlite_master WHERE type='table'"
                                            " AND name NOT LIKE 'sqlite%' AND name<>'reviews' ORDER BY name")]
    return {name: sorted(rows(path, f'SELECT * FROM "{name}"'), key=repr) for name in names}


def insert_old_reviews(path: str | Path, reviews: list[tuple]) -> None:
    """Reviews ``(id, deck, card_id, rating, reviewed_at, mode, undone, fsrs_state_before,
    state_before, fsrs_state_after, state_after, due_after)`` written into a schema-12 log."""
    write(path, *[("INSERT INTO reviews (id, deck, card_id, rating, reviewed_at, day, mode, undone,"
                   " fsrs_state_before, state_before, fsrs_state_after, state_after, due_after)"
                   " VALUES (?, ?, ?, ?, ?, substr(?, 1, 10), ?, ?, ?, ?, ?, ?, ?)",
                   (*review[:5], review[4], *review[5:])) for review in reviews])
