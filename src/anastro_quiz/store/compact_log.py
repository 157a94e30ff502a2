"""Schema 13: each review's two FSRS states as seven columns each (:mod:`.states`), not JSON
text: the migration that rewrites the review log (:mod:`.schema` lists it among the others;
a long log takes a minute at a million reviews, so it reports how far it is)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import sqlite_utils

Progress = Callable[[int, int, str], None]  # (done, total, what is under way), as the core's long work reports


# The review log's columns from schema 13 on, in table order: each review's two FSRS states are
# seven columns each (store.states), not JSON text.
REVIEW_COLUMNS_V13 = ("id", "deck", "card_id", "rating", "reviewed_at", "day", "duration_ms", "mode", "session_id",
                      "undone", "fsrs_state_before", "fsrs_state_after", "due_after",
                      "before_state", "before_step", "before_stability", "before_difficulty", "before_due_us",
                      "before_last_review_us", "state_before",
                      "after_state", "after_step", "after_stability", "after_difficulty", "after_due_us",
                      "after_last_review_us", "state_after")
_V13_TYPES = {"id": "TEXT PRIMARY KEY", "rating": "INTEGER", "duration_ms": "INTEGER", "undone": "INTEGER NOT NULL DEFAULT 0",
              "fsrs_state_before": "INTEGER", "fsrs_state_after": "INTEGER", "before_state": "INTEGER",
              "before_step": "INTEGER", "before_stability": "REAL", "before_difficulty": "REAL",
              "before_due_us": "INTEGER", "before_last_review_us": "INTEGER", "after_state": "INTEGER",
              "after_step": "INTEGER", "after_stability": "REAL", "after_difficulty": "REAL", "after_due_us": "INTEGER",
              "after_last_review_us": "INTEGER"}
V12_REVIEW_COLUMNS = ("id", "deck", "card_id", "rating", "reviewed_at", "day", "duration_ms", "mode", "session_id", "undone",
                      "fsrs_state_before", "fsrs_state_after", "due_after", "state_before", "state_after")


#: How often (in reviews) migration 13 reports how far it is: ~200 reports for a million reviews.
UPGRADE_REPORT_EVERY = 5_000
UPGRADING_13 = "Upgrading your review history (schema 12 -> 13)"


def compact_log_v13(db: sqlite_utils.Database, progress: Progress | None = None) -> None:
    # Issue 14: a review's two states were JSON text, 366 of its ~500 bytes, read by every pass
    # over the log (a merge's copy, index builds, day counts). Now columns (store.states), the
    # text kept only where the columns cannot give it back exactly: every review is rewritten
    # into a new table, in its order (rowid), and the old table's indexes and triggers are
    # made again on it. One transaction, as every migration: cut off midway, nothing changed.
    from .states import encode

    conn = db.conn
    kept = conn.execute("SELECT sql FROM sqlite_master WHERE tbl_name='reviews' AND type IN ('index', 'trigger')"
                        " AND sql IS NOT NULL ORDER BY type, name").fetchall()
    columns = ", ".join(f"{c} {_V13_TYPES.get(c, 'TEXT')}" for c in REVIEW_COLUMNS_V13)
    conn.execute(f"CREATE TABLE reviews_v13 ({columns})")

    report = progress or (lambda done, total, stage: None)
    total = conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]

    def rows():
        report(0, total, f"{UPGRADING_13}: 0 of {total:,} reviews")
        for done, (*head, before, after) in enumerate(
                conn.execute(f"SELECT {', '.join(V12_REVIEW_COLUMNS)} FROM reviews ORDER BY rowid"), 1):
            yield (*head, *encode(before), *encode(after))
            if done % UPGRADE_REPORT_EVERY == 0:
                report(done, total, f"{UPGRADING_13}: {done:,} of {total:,} reviews")

    conn.executemany(f"INSERT INTO reviews_v13 VALUES ({', '.join('?' * len(REVIEW_COLUMNS_V13))})", rows())
    report(total, total, f"{UPGRADING_13}: rebuilding the log's indexes")
    conn.execute("DROP TABLE reviews")
    # Other tables' triggers name `reviews`: the rename must not check them while it is missing.
    legacy = conn.execute("PRAGMA legacy_alter_table").fetchone()[0]
    conn.execute("PRAGMA legacy_alter_table=ON")
    try:
        conn.execute("ALTER TABLE reviews_v13 RENAME TO reviews")
    finally:
        conn.execute(f"PRAGMA legacy_alter_table={int(legacy)}")
    for (sql,) in kept:
        conn.execute(sql)
