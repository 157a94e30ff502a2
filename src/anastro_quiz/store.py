"""SQLite persistence through sqlite-utils: cards, schedules, the review log, settings.

Guarantees: a file that is not an anastro-quiz database, or one written by a newer
version, is refused and never touched; every review is committed the moment it is
graded (WAL mode); a second writer waits briefly, then gets :class:`StoreBusy`.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils

from .clock import iso, study_day
from .schema import MIGRATIONS, SCHEMA_VERSION, schema_problem  # noqa: F401 - SCHEMA_VERSION is part of the store API

SQLITE_HEADER = b"SQLite format 3\x00"

# FSRS states as stored in ``schedule.fsrs_state``; 0 is "never reviewed".
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
LEECH_LAPSES = 8


class StoreError(Exception):
    """A problem with the database the user can act on (message is user-facing)."""


class StoreBusy(StoreError):
    """Another process holds the write lock longer than we are willing to wait."""


@dataclass
class ScheduleRow:
    deck: str
    card_id: str
    state: str | None
    fsrs_state: int
    due: str | None
    lapses: int
    reps: int
    suspended: bool
    buried_until: str | None
    leech: bool


class Store:
    """One open database. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)

    # --- opening and schema -------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, busy_timeout: float = 3.0) -> "Store":
        """Open (creating if needed) the database at ``path``, migrating it forward."""
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
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a usable SQLite database ({exc}); it was left untouched") from None
        problem = schema_problem(path, version, tables)
        if problem:
            conn.close()
            raise StoreError(f"{problem}; the database was left untouched")
        store = cls(path, conn)
        try:
            if str(path) != ":memory:":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            store._migrate(version)
        except sqlite3.OperationalError as exc:
            conn.close()
            raise _translate(exc, path) from None
        return store

    def _migrate(self, version: int) -> None:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                MIGRATIONS[target](self.db)
                self.conn.execute(f"PRAGMA user_version={target}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self):
        """A write transaction that starts with the write lock (``BEGIN IMMEDIATE``)."""
        return _Transaction(self)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # --- cards ---------------------------------------------------------------

    def sync_cards(self, items: Iterable[tuple[str, str, str, int]], deck_ids: Iterable[str]) -> dict[str, int]:
        """Record the cards now in the decks: ``(deck, card_id, content_hash, position)``.

        New cards get a schedule row; changed text updates the hash and keeps history;
        cards that vanished from a loaded deck are marked orphaned (history kept), and a
        card that comes back is un-orphaned with its progress.
        """
        deck_ids = set(deck_ids)
        existing = {
            (r[0], r[1]): (r[2], r[3], r[4])
            for r in self.conn.execute("SELECT deck, card_id, content_hash, orphaned, position FROM cards")
        }
        now = iso(datetime.now(timezone.utc))
        added, changed, seen = [], [], set()
        for deck, card_id, content_hash, position in items:
            key = (deck, card_id)
            seen.add(key)
            old = existing.get(key)
            if old is None:
                added.append({"deck": deck, "card_id": card_id, "content_hash": content_hash,
                              "position": position, "orphaned": 0, "added_at": now, "changed_at": None})
            elif old != (content_hash, 0, position):
                changed.append((content_hash, position, now if old[0] != content_hash else None, deck, card_id))
        orphans = [k for k, v in existing.items() if k[0] in deck_ids and k not in seen and not v[1]]
        if not (added or changed or orphans):
            return {"added": 0, "changed": 0, "orphaned": 0}
        with self.transaction():
            if added:
                self.db["cards"].insert_all(added, batch_size=2000)
                self.db["schedule"].insert_all(
                    ({"deck": a["deck"], "card_id": a["card_id"], "fsrs_state": NEW} for a in added),
                    batch_size=2000,
                )
            self.conn.executemany(
                "UPDATE cards SET content_hash=?, position=?, orphaned=0,"
                " changed_at=COALESCE(?, changed_at) WHERE deck=? AND card_id=?",
                changed,
            )
            self.conn.executemany("UPDATE cards SET orphaned=1 WHERE deck=? AND card_id=?", orphans)
        return {"added": len(added), "changed": len(changed), "orphaned": len(orphans)}

    def orphaned_cards(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.conn.execute("SELECT deck, card_id FROM cards WHERE orphaned=1")]

    # --- schedule ------------------------------------------------------------

    _SCHEDULE_COLS = "s.deck, s.card_id, s.state, s.fsrs_state, s.due, s.lapses, s.reps, s.suspended, s.buried_until, s.leech"

    def _rows(self, where: str, params: Iterable[Any] = (), tail: str = "") -> list[ScheduleRow]:
        sql = (f"SELECT {self._SCHEDULE_COLS} FROM schedule s JOIN cards c USING (deck, card_id)"
               f" WHERE c.orphaned=0 AND {where} {tail}")
        return [ScheduleRow(*r[:7], bool(r[7]), r[8], bool(r[9])) for r in self.conn.execute(sql, list(params))]

    def schedule_row(self, deck: str, card_id: str) -> ScheduleRow | None:
        rows = self._rows("s.deck=? AND s.card_id=?", (deck, card_id))
        return rows[0] if rows else None

    def due_rows(self, decks: list[str], now: datetime, limit: int) -> list[ScheduleRow]:
        """Cards already studied whose due time has come (learning and review), soonest first."""
        marks = ",".join("?" * len(decks))
        return self._rows(
            f"s.deck IN ({marks}) AND s.fsrs_state>0 AND s.due<=? AND s.suspended=0"
            " AND (s.buried_until IS NULL OR s.buried_until<=?)",
            [*decks, iso(now), iso(now)],
            f"ORDER BY s.due LIMIT {int(limit)}",
        )

    def new_rows(self, decks: list[str], now: datetime, limit: int, kept_only: bool = False) -> list[ScheduleRow]:
        """Never-studied cards in deck order (``kept_only``: only those kept in curation)."""
        marks = ",".join("?" * len(decks))
        kept = " AND EXISTS (SELECT 1 FROM kept_cards k WHERE k.deck=s.deck AND k.card_id=s.card_id)"
        return self._rows(
            f"s.deck IN ({marks}) AND s.fsrs_state=0 AND s.suspended=0"
            " AND (s.buried_until IS NULL OR s.buried_until<=?)" + (kept if kept_only else ""),
            [*decks, iso(now)],
            f"ORDER BY c.deck, c.position LIMIT {int(limit)}",
        )

    def deck_rows(self, deck: str, only: str = "all") -> list[ScheduleRow]:
        """Every card of ``deck`` in deck order; ``only`` is ``"all"``, ``"suspended"`` or ``"leeches"``."""
        where = {"all": "", "suspended": " AND s.suspended=1", "leeches": " AND s.leech=1"}[only]
        return self._rows("s.deck=?" + where, [deck], "ORDER BY c.position")

    def counts_by_deck(self, now: datetime, learning_until: datetime | None = None) -> dict[str, dict[str, int]]:
        """Per deck: new, new_kept (kept in curation), learning (due by ``learning_until``),
        review (due), suspended, total."""
        now_s = iso(now)
        until_s = iso(learning_until or now)
        sql = """
            SELECT s.deck,
                   SUM(s.fsrs_state=0 AND s.suspended=0),
                   SUM(s.fsrs_state IN (1,3) AND s.suspended=0 AND s.due<=?
                       AND (s.buried_until IS NULL OR s.buried_until<=?)),
                   SUM(s.fsrs_state=2 AND s.suspended=0 AND s.due<=?
                       AND (s.buried_until IS NULL OR s.buried_until<=?)),
                   SUM(s.suspended),
                   COUNT(*),
                   SUM(s.fsrs_state=0 AND s.suspended=0 AND k.card_id IS NOT NULL)
            FROM schedule s JOIN cards c USING (deck, card_id)
            LEFT JOIN kept_cards k ON k.deck=s.deck AND k.card_id=s.card_id
            WHERE c.orphaned=0 GROUP BY s.deck"""
        return {
            r[0]: {"new": r[1] or 0, "learning": r[2] or 0, "review": r[3] or 0, "suspended": r[4] or 0,
                   "total": r[5], "new_kept": r[6] or 0}
            for r in self.conn.execute(sql, (until_s, now_s, now_s, now_s))
        }

    def recall_inputs(self, decks: list[str]) -> Iterator[tuple[str, str, float | None, str | None]]:
        """``(deck, card_id, stability, last_review)`` of every studied, non-orphaned card.

        Read from the stored FSRS state by SQLite's JSON functions: mastery needs only these
        two fields, and parsing 100,000 states in Python is most of its cost.
        """
        sql = ("SELECT s.deck, s.card_id, json_extract(s.state, '$.stability'),"
               " json_extract(s.state, '$.last_review') FROM schedule s JOIN cards c USING (deck, card_id)"
               f" WHERE c.orphaned=0 AND s.state IS NOT NULL AND s.deck IN ({','.join('?' * len(decks))})")
        yield from self.conn.execute(sql, list(decks))

    def set_suspended(self, deck: str, card_id: str, suspended: bool) -> None:
        with self.transaction():
            self.conn.execute("UPDATE schedule SET suspended=? WHERE deck=? AND card_id=?",
                              (int(suspended), deck, card_id))

    def bury(self, deck: str, card_id: str, until: datetime) -> None:
        with self.transaction():
            self.conn.execute("UPDATE schedule SET buried_until=? WHERE deck=? AND card_id=?",
                              (iso(until), deck, card_id))

    def leeches(self) -> list[tuple[str, str, int]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT s.deck, s.card_id, s.lapses FROM schedule s JOIN cards c USING (deck, card_id)"
            " WHERE c.orphaned=0 AND s.leech=1 ORDER BY s.lapses DESC")]

    # --- curation ------------------------------------------------------------

    def mark_kept(self, keys: Iterable[tuple[str, str]], at: datetime) -> None:
        """Record study items ``(deck, card_id)`` as kept in the curation view."""
        with self.transaction():
            self.db["kept_cards"].upsert_all(({"deck": d, "card_id": c, "kept_at": iso(at)} for d, c in keys),
                                             pk=("deck", "card_id"))

    def kept_keys(self, decks: list[str]) -> set[tuple[str, str]]:
        marks = ",".join("?" * len(decks))
        return {(r[0], r[1]) for r in self.conn.execute(
            f"SELECT deck, card_id FROM kept_cards WHERE deck IN ({marks})", list(decks))}

    def unseen_keys(self, decks: list[str]) -> set[tuple[str, str]]:
        """Items never studied and not suspended, in the loaded decks (the curation candidates)."""
        return {(r.deck, r.card_id) for r in self._rows(
            f"s.deck IN ({','.join('?' * len(decks))}) AND s.fsrs_state=0 AND s.suspended=0", list(decks))}

    # --- reviews -------------------------------------------------------------

    def record_review(
        self,
        *,
        deck: str,
        card_id: str,
        rating: int,
        reviewed_at: datetime,
        duration_ms: int | None,
        mode: str,
        state_before: str | None,
        fsrs_state_before: int,
        state_after: str,
        fsrs_state_after: int,
        due_after: datetime,
        session_id: str | None = None,
        review_id: str | None = None,
    ) -> str:
        """Append a review and update the card's schedule in one committed transaction."""
        review_id = review_id or str(uuid.uuid4())
        lapse = int(rating == 1 and fsrs_state_before == REVIEW)
        with self.transaction():
            self.db["reviews"].insert({
                "id": review_id, "deck": deck, "card_id": card_id, "rating": int(rating),
                "reviewed_at": iso(reviewed_at), "day": study_day(reviewed_at).isoformat(),
                "duration_ms": duration_ms, "mode": mode, "session_id": session_id,
                "fsrs_state_before": fsrs_state_before, "state_before": state_before,
                "fsrs_state_after": fsrs_state_after, "state_after": state_after,
                "due_after": iso(due_after), "undone": 0,
            })
            self.conn.execute(
                "UPDATE schedule SET state=?, fsrs_state=?, due=?, reps=reps+1, lapses=lapses+?,"
                " leech=CASE WHEN lapses+?>=? THEN 1 ELSE leech END, buried_until=NULL"
                " WHERE deck=? AND card_id=?",
                (state_after, fsrs_state_after, iso(due_after), lapse, lapse, LEECH_LAPSES, deck, card_id),
            )
        return review_id

    def undo_review(self, review_id: str) -> dict[str, Any]:
        """Mark a review undone and restore the card's schedule exactly as it was before it."""
        row = self.conn.execute(
            "SELECT deck, card_id, rating, fsrs_state_before, state_before, undone FROM reviews WHERE id=?",
            (review_id,),
        ).fetchone()
        if row is None or row[5]:
            raise StoreError("nothing to undo")
        deck, card_id, rating, fsrs_before, state_before = row[:5]
        lapse = int(rating == 1 and fsrs_before == REVIEW)
        due = json.loads(state_before)["due"] if state_before else None
        with self.transaction():
            self.conn.execute("UPDATE reviews SET undone=1 WHERE id=?", (review_id,))
            self.conn.execute(
                "UPDATE schedule SET state=?, fsrs_state=?, due=?, reps=reps-1, lapses=lapses-?,"
                " leech=CASE WHEN lapses-?<? THEN 0 ELSE leech END WHERE deck=? AND card_id=?",
                (state_before, fsrs_before, _normalise_iso(due), lapse, lapse, LEECH_LAPSES, deck, card_id),
            )
        return {"deck": deck, "card_id": card_id}

    def done_today(self, day: date) -> dict[str, tuple[int, int]]:
        """Per deck: new cards introduced and review-state cards reviewed on study day ``day``."""
        rows = self.conn.execute(
            "SELECT deck, SUM(fsrs_state_before=0), SUM(fsrs_state_before=2) FROM reviews"
            " WHERE day=? AND undone=0 AND mode='review' GROUP BY deck",
            (day.isoformat(),),
        )
        return {deck: (n_new or 0, n_rev or 0) for deck, n_new, n_rev in rows}

    def review_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM reviews WHERE undone=0").fetchone()[0]

    # --- sessions, quizzes, settings --------------------------------------------

    def start_session(self, decks: list[str], mode: str, started_at: datetime) -> str:
        session_id = str(uuid.uuid4())
        with self.transaction():
            self.db["sessions"].insert({"id": session_id, "decks": json.dumps(decks), "mode": mode,
                                        "started_at": iso(started_at), "ended_at": None})
        return session_id

    def end_session(self, session_id: str, ended_at: datetime) -> None:
        with self.transaction():
            self.conn.execute("UPDATE sessions SET ended_at=? WHERE id=?", (iso(ended_at), session_id))

    def start_quiz(self, decks: list[str], questions: int, time_limit_s: int | None, started_at: datetime) -> str:
        run_id = str(uuid.uuid4())
        with self.transaction():
            self.db["quiz_runs"].insert({"id": run_id, "decks": json.dumps(decks), "questions": questions,
                                         "time_limit_s": time_limit_s, "started_at": iso(started_at),
                                         "finished_at": None, "score": None})
        return run_id

    def record_quiz_answer(self, run_id: str, deck: str, card_id: str, qtype: str, given: str,
                           expected: str, correct: bool, answered_at: datetime, duration_ms: int | None) -> None:
        with self.transaction():
            self.db["quiz_answers"].insert({"id": str(uuid.uuid4()), "run_id": run_id, "deck": deck,
                                            "card_id": card_id, "type": qtype, "given": given,
                                            "expected": expected, "correct": int(correct),
                                            "answered_at": iso(answered_at), "duration_ms": duration_ms})

    def finish_quiz(self, run_id: str, score: int, finished_at: datetime) -> None:
        with self.transaction():
            self.conn.execute("UPDATE quiz_runs SET score=?, finished_at=? WHERE id=?",
                              (score, iso(finished_at), run_id))

    def quiz_runs(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM quiz_runs ORDER BY started_at DESC"))

    def get_setting(self, key: str, scope: str = "global", default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE scope=? AND key=?", (scope, key)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any, scope: str = "global") -> None:
        with self.transaction():
            self.db["settings"].upsert({"scope": scope, "key": key, "value": json.dumps(value)},
                                       pk=("scope", "key"))

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


class _Transaction:
    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> None:
        try:
            self.store.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _translate(exc, self.store.path) from None

    def __exit__(self, exc_type, exc, tb) -> None:
        conn = self.store.conn
        if exc_type is None:
            try:
                conn.execute("COMMIT")
            except sqlite3.OperationalError as err:
                conn.execute("ROLLBACK")
                raise _translate(err, self.store.path) from None
        else:
            conn.execute("ROLLBACK")


def _translate(exc: sqlite3.OperationalError, path: Path) -> StoreError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreBusy(f"the database {path} is busy (another anastro-quiz is writing to it); try again in a moment")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"the database {path} is read-only")
    return StoreError(f"database error on {path}: {text}")


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` starts with SQLite's file header (raises ``OSError`` if unreadable)."""
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _check_is_ours_before_touching(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        sqlite = is_sqlite_file(path)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if not sqlite:
        raise StoreError(f"{path} is not a SQLite database; it was left untouched (point --db or $ANASTRO_QUIZ_DB at another file)")


def _normalise_iso(value: str | None) -> str | None:
    return iso(datetime.fromisoformat(value)) if value else None
