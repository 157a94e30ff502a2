"""Opening a database: checks before touching it, WAL mode, migrations, transactions, errors.

Guarantees: a file that is not an anastro-quiz database (another application_id, or
none and not our tables), or one written by a newer version, is refused after a
read-only look and never written, not even switched to WAL; every write is committed when its transaction
ends (WAL mode; a bulk write runs in a rollback journal, and one of ours cut off midway is rolled back
by the next open); a second writer waits briefly, then gets :class:`StoreBusy`.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..paths import DB_ENV
from .errors import StoreBusy, StoreError, StoreFull, StoreReadOnly, translate
from .identity import APPLICATION_ID, Identity, schema_problem
from .schema import MIGRATIONS, REWRITE_THE_LOG, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

    from .compact_log import Progress

SQLITE_HEADER = b"SQLite format 3\x00"
#: What a long migration reports while it gives the file the old log's pages back (VACUUM: the
#: upgrade itself is committed by then).
COMPACTING = "Upgrade done: freeing the old log's disk space"


def upgrade_why(stop_key: str, next_start: str) -> str:
    """Why a one-time upgrade is under way and that stopping it is safe, for the CLI's bar
    (``"Ctrl+C"``, ``"open"``) and Home's (``"Ctrl+Q"``, ``"launch"``)."""
    return (f"A one-time upgrade of your review history to a compact format (about half the space). Safe to "
            f"interrupt ({stop_key}): it is one transaction, so your history stays as it was and the next "
            f"{next_start} starts it again.")


# Free pages an open gives back when they are most of the file: what an upgrade stopped before its
# compaction left (a million reviews: 0.6 GB); smaller leftovers are reused as the file grows.
OWED_COMPACTION_BYTES = 64 * 1024 * 1024


class Connection:
    """One open database connection with its transactions; :class:`~anastro_quiz.store.Store`
    adds the named operations. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        # What sqlite-utils sets on a connection it wraps, set here at once: the same triggers
        # fire whether or not a write has used its table API yet (see ``db``).
        conn.execute("PRAGMA recursive_triggers=on")

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils' view of the connection (inserts, upserts, migrations), made on first use:
        reads go to the connection itself, so a launch that only shows counts never imports
        sqlite-utils (40-100 ms with its dependencies)."""
        import sqlite_utils

        # No sqlite-utils plugins: looking for them imports importlib.metadata and scans every
        # installed package's entry points (70 ms of each launch), and none is used here.
        return sqlite_utils.Database(self.conn, execute_plugins=False)

    @classmethod
    def open(cls, path: str | Path, *, busy_timeout: float = 3.0, upgrading: Progress | None = None):
        """Open (creating if needed) the database at ``path``, migrating it forward. A migration
        that rewrites the review log (a long one takes a minute at a million reviews) calls
        ``upgrading(done, total, stage)`` as it goes, and once more before it gives the file its
        freed pages back; an exception raised from it stops the migration, rolled back (the
        file stays as it was, at its old schema)."""
        path = Path(path)
        if str(path) != ":memory:":
            _check_is_ours_before_touching(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {path}: {exc.strerror}") from None
        try:
            conn = sqlite3.connect(str(path), timeout=busy_timeout, check_same_thread=False,
                                   isolation_level=None)
            identity = read_identity(conn)
        except sqlite3.DatabaseError as exc:
            raise _unusable(exc, path, "it was left untouched") from None
        problem = schema_problem(path, identity)
        if problem:  # the file changed since the read-only look (or is new and in memory)
            conn.close()
            raise StoreError(f"{problem}; the database was left untouched")
        store = cls(path, conn)
        try:
            if str(path) != ":memory:":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            store._migrate(identity, upgrading)
        except sqlite3.Error as exc:
            conn.close()
            raise translate(exc, path) from None
        except BaseException:  # stopped from ``upgrading`` (a quit, Ctrl+C): rolled back, nothing left open
            conn.close()
            raise
        return store

    def _migrate(self, identity: Identity, upgrading: Progress | None = None) -> None:
        # Each step in its own transaction, stamped with our application_id as it goes; a
        # database of ours made before the stamp existed gets it on its first open.
        for target in range(identity.version + 1, SCHEMA_VERSION + 1):
            rewrites = target in REWRITE_THE_LOG
            with self._rewriting_the_log(rewrites) as large:
                with self.transaction():
                    if rewrites:
                        MIGRATIONS[target](self.db, upgrading)
                    else:
                        MIGRATIONS[target](self.db)
                    self.conn.execute(f"PRAGMA user_version={target}")
                    self.conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                if large:  # the old log's pages, free now: the file would keep their size (1M: 0.6 GB)
                    self._give_free_pages_back(upgrading)
        if identity.version >= SCHEMA_VERSION and self._mostly_free():
            # A compaction after an upgrade that was stopped (a quit, Ctrl+C, a reader busy) is owed
            # still: the upgrade is done, so no later migration would give the pages back.
            self._give_free_pages_back(upgrading)
        if identity.application_id != APPLICATION_ID and identity.version >= SCHEMA_VERSION:
            with self.transaction():
                self.conn.execute(f"PRAGMA application_id={APPLICATION_ID}")

    def _give_free_pages_back(self, upgrading: Progress | None) -> None:
        if upgrading is not None:  # VACUUM says nothing as it goes: a stage of its own
            upgrading(0, 1, COMPACTING)
        try:
            self.conn.execute("VACUUM")
        except sqlite3.OperationalError:  # another program reading: the pages are reused later
            pass
        if upgrading is not None:
            upgrading(1, 1, COMPACTING)

    def _mostly_free(self) -> bool:
        """Whether most of a large file is free pages (two header reads: cheap on every open)."""
        free = self.conn.execute("PRAGMA freelist_count").fetchone()[0]
        if not free:
            return False
        pages, size = (self.conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
        return free * size >= OWED_COMPACTION_BYTES and 2 * free > pages

    @contextmanager
    def _rewriting_the_log(self, rewrites: bool) -> Iterator[bool]:
        """A migration that rewrites every review of a long log (gives ``True`` then) writes its
        pages once, as a merge does (``bulk.written_once``: a crash meanwhile is rolled back by
        the next open), with a page cache that holds the indexes it builds."""
        if not rewrites:
            yield False
            return
        from .bulk import BULK_CACHE_KIB, BULK_ROWS, page_cache, written_once

        large = self.conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM reviews").fetchone()[0] >= BULK_ROWS
        with written_once(self.conn, when=large), page_cache(self.conn, BULK_CACHE_KIB, large):
            yield large

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> "_Transaction":
        """A write transaction that starts with the write lock (``BEGIN IMMEDIATE``); inside
        another one it joins it (the outer one commits or rolls back everything)."""
        return _Transaction(self)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check``: ``"ok"`` for a sound file."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def wait_at_most(self, seconds: float) -> None:
        """How long a write waits for another writer's lock before :class:`StoreBusy`."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")


class _Transaction:
    def __init__(self, store: Connection):
        self.store = store
        self.joined = False

    def __enter__(self) -> None:
        self.joined = self.store.conn.in_transaction
        if self.joined:
            return
        try:
            self.store.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate(exc, self.store.path) from None

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.joined:
            return
        conn = self.store.conn
        if exc_type is None:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as err:
                _rollback(conn)
                raise translate(err, self.store.path) from None
        else:
            _rollback(conn)


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite may already have rolled back (disk full, I/O error): "cannot rollback - no
    # transaction is active" must not hide the error that made us roll back.
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def version_and_tables(conn: sqlite3.Connection) -> tuple[int, set[str]]:
    """A database's schema version (``PRAGMA user_version``) and table names, leaving out
    SQLite's own (``sqlite_stat1`` after ``ANALYZE``, ``sqlite_sequence``...)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")}
    return version, tables


def read_identity(conn: sqlite3.Connection) -> Identity:
    """What the database on ``conn`` says about itself (reads only; raises ``sqlite3.Error``)."""
    version, tables = version_and_tables(conn)
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    columns = {r[1] for r in conn.execute("PRAGMA table_info(reviews)")} if "reviews" in tables else set()
    return Identity(app_id, version, frozenset(tables), frozenset(columns))


def identify_file(path: Path, refused: str) -> Identity:
    """Look at the SQLite file ``path`` through a read-only connection and return what it
    is, or raise :class:`StoreError` (message + ``refused``, e.g. "nothing was merged")
    if it is not a file of ours we can use. Nothing is written, except that a bulk write of
    ours cut off midway is rolled back first (:func:`recover_interrupted_write`): a read-only
    connection cannot, and would call the file read-only."""
    recover_interrupted_write(path)
    try:
        conn = open_read_only(path)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path} ({exc}); {refused}") from None
    try:
        identity = read_identity(conn)
    except sqlite3.DatabaseError as exc:
        raise _unusable(exc, path, refused) from None
    finally:
        conn.close()
    return identity


def open_read_only(path: Path, **options) -> sqlite3.Connection:
    """A read-only connection to the database file at ``path`` (raises ``sqlite3.Error``)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, **options)


def _unusable(exc: sqlite3.Error, path: Path, refused: str) -> StoreError:
    """Why a database could not even be read: busy, full, read-only as :func:`translate` says;
    anything else means the file is not a database we can use."""
    error = translate(exc, path)
    if isinstance(error, (StoreBusy, StoreFull, StoreReadOnly)):
        return error
    return StoreError(f"{path} is not a usable SQLite database ({exc}); {refused}")


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` starts with SQLite's file header (raises ``OSError`` if unreadable)."""
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def is_current_on_disk(path: Path) -> bool:
    """Whether the file at ``path`` is a SQLite database whose header says our schema version is
    the current one (``PRAGMA user_version`` is stored at byte 60): opening it migrates nothing.
    Reads 64 bytes; ``False`` for anything else (no file, another version, unreadable)."""
    try:
        with path.open("rb") as fh:
            header = fh.read(64)
    except OSError:
        return False
    return header.startswith(SQLITE_HEADER) and len(header) == 64 and \
        int.from_bytes(header[60:64], "big") == SCHEMA_VERSION


_ELSEWHERE = f"(point --db or ${DB_ENV} at another file)"


def recover_interrupted_write(path: Path) -> None:
    """Roll back a bulk write of ours cut off midway (``bulk.written_once``: rollback-journal
    mode), so the read-only look below can read the file: SQLite does that on the first read
    of a read-write connection, restoring the file as it was before the write. Only for a
    file whose header (as the write left it: a bulk write changes neither) says it is ours
    and not newer; anything else is left as it is, for the look below to refuse."""
    journal = Path(f"{path}-journal")
    try:
        if not journal.is_file() or journal.stat().st_size == 0:
            return
        with path.open("rb") as fh:
            header = fh.read(72)
    except OSError:
        return
    if len(header) < 72 or int.from_bytes(header[68:72], "big") != APPLICATION_ID \
            or int.from_bytes(header[60:64], "big") > SCHEMA_VERSION:
        return
    try:
        conn = sqlite3.connect(str(path), timeout=3.0)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _unusable(exc, path, "it was left as it was") from None


def _check_is_ours_before_touching(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if path.is_symlink() and not path.exists():
        raise StoreError(f"{path} is a symbolic link to {os.readlink(path)}, which does not exist")
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is not a regular file (a device or pipe), not a database file")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        sqlite = is_sqlite_file(path)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if not sqlite:
        raise StoreError(f"{path} is not a SQLite database; it was left untouched {_ELSEWHERE}")
    problem = schema_problem(path, identify_file(path, "it was left untouched"))
    if problem:
        raise StoreError(f"{problem}; it was left untouched {_ELSEWHERE}")
