"""Bulk writes inside one transaction (a merge, a review-log import, a first import of big
decks): what SQLite does per row for the readers' sake (index entries, triggers keeping
counts) set aside and done once for all the rows at the end, with the same result.

Here are the review log's indexes (:func:`indexes_set_aside`), the per-day review counts
(:func:`day_counts_in_bulk`), the triggers that follow each schedule write
(:func:`schedule_writes_in_bulk`) and those that follow the card tables' inserts
(:func:`card_rows_in_bulk`); the triggers themselves are made by :mod:`.schema`'s
migrations, whose SQL the statements here share. Everything happens inside the caller's
transaction, so a failure's rollback brings every index and trigger back as it was.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Iterable, Iterator

from .schema import MASTERED_UNTIL, RECALL_COLUMNS, TAG_RECALL, count_by_day, count_by_deck_day

# A bulk insert of at least this many rows, and more than the table holds, builds the
# table's indexes afterwards (indexes_set_aside).
BULK_ROWS = 10_000


@contextmanager
def indexes_set_aside(conn: sqlite3.Connection, table: str, when: bool = True) -> Iterator[None]:
    """For a bulk insert into ``table`` inside the caller's write transaction: its own indexes
    (not the primary key's) are dropped first and made again from their definitions at the
    end, one sort each instead of a million scattered inserts; worth it only when the
    insert is large beside the table (``when``). A failed insert's rollback brings them back."""
    assert conn.in_transaction, "only inside a write transaction"
    found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name=? AND sql IS NOT NULL",
                         (table,)).fetchall() if when else []
    for name, _sql in found:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in found:
        conn.execute(sql)


# The page cache for a bulk insert in the order of another log (an import: time order),
# whose ids land all over the primary key's index: 256 MiB keeps a million ids' index in
# memory (SQLite's default 2 MB spilled and re-read it; the insert and its commit, 1M
# reviews: 30.7, 18.7 -> 18.0, 9.6 s). A merge inserts in the other copy's order, which
# its index already follows: there a large cache only moved the writes to the commit.
BULK_CACHE_KIB = 256 * 1024


@contextmanager
def page_cache(conn: sqlite3.Connection, kib: int, when: bool = True) -> Iterator[None]:
    """SQLite's page cache for this connection at ``kib`` KiB while the block runs (only
    memory: what is written and when it is durable do not change), then as it was."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0] if when else None
    if when:
        conn.execute(f"PRAGMA cache_size={-int(kib)}")
    try:
        yield
    finally:
        if when:
            conn.execute(f"PRAGMA cache_size={int(before)}")


@contextmanager
def day_counts_in_bulk(conn: sqlite3.Connection) -> Iterator[None]:
    """For a bulk insert of reviews inside the caller's write transaction (a merge, an import):
    the insert triggers of ``review_days`` and ``review_deck_days`` are set aside and the new
    reviews are counted per day (and deck) at the end, in one statement each, as the triggers
    count each (they tripled the cost of inserting a review). The triggers are back before the
    transaction commits; if the insert fails, the caller's rollback brings them back (SQLite's
    schema changes are transactional)."""
    assert conn.in_transaction, "only inside a write transaction"
    recounts = {"review_days_insert": count_by_day("?"), "review_deck_days_insert": count_by_deck_day("?")}
    found = dict(conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type='trigger' AND name IN"
                              f" ({', '.join('?' * len(recounts))})", list(recounts)).fetchall())
    last = conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM reviews").fetchone()[0]
    for name in found:
        conn.execute(f"DROP TRIGGER {name}")
    yield
    for name, sql in found.items():
        conn.execute(recounts[name], (last,))
        conn.execute(sql)


# What the triggers that follow a schedule write keep, brought up to date for the cards in
# temp.bulk_cards (schedule_writes_in_bulk): the recall columns (schedule_recall_update),
# each tag row's copy of them and the moment mastery ends (card_tags_recall_update), the
# cards per deck and state (state_counts_update: counted again), and the kept mastery
# counts (mastery_follows_schedule: dropped, so the next read counts them, as a sync does).
_IN_BULK = "(deck, card_id) IN (SELECT deck, card_id FROM temp.bulk_cards)"
SCHEDULE_FOLLOW_UP = {
    "schedule_recall_update": [f"UPDATE schedule SET {RECALL_COLUMNS.replace('NEW.', 'schedule.')} WHERE {_IN_BULK}"],
    "card_tags_recall_update": [f"UPDATE card_tags SET {TAG_RECALL} WHERE {_IN_BULK}",
                                f"UPDATE schedule SET mastered_until_ms={MASTERED_UNTIL.format(row='schedule')}"
                                f" WHERE {_IN_BULK}"],
    "state_counts_update": ["UPDATE state_counts SET cards=0",
                            "INSERT INTO state_counts (deck, fsrs_state, suspended, cards) SELECT deck, fsrs_state,"
                            " suspended, COUNT(*) FROM schedule WHERE true GROUP BY deck, fsrs_state, suspended"
                            " ON CONFLICT (deck, fsrs_state, suspended) DO UPDATE SET cards=excluded.cards"],
    "mastery_follows_schedule": ["DELETE FROM mastery_at"],
}


@contextmanager
def schedule_writes_in_bulk(conn: sqlite3.Connection, keys: Iterable[tuple[str, str]], when: bool = True
                            ) -> Iterator[None]:
    """For rewriting the schedules of the cards ``keys`` (a replay of many cards) inside the
    caller's write transaction: the triggers that follow each schedule write are set aside
    and what they keep is updated at the end in a few statements over those cards (they were
    85% of writing a schedule; 80,000 cards took 9.6 s). Only the triggers named in
    ``SCHEDULE_FOLLOW_UP`` are set aside, and only if present; ``when`` false does nothing."""
    assert conn.in_transaction, "only inside a write transaction"
    names = tuple(SCHEDULE_FOLLOW_UP)
    found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='schedule'"
                         f" AND name IN ({', '.join('?' * len(names))})", names).fetchall() if when else []
    if not found:
        yield
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_cards (deck TEXT, card_id TEXT, PRIMARY KEY (deck, card_id))"
                 " WITHOUT ROWID")
    conn.execute("DELETE FROM temp.bulk_cards")
    conn.executemany("INSERT OR IGNORE INTO temp.bulk_cards VALUES (?, ?)", keys)
    for name, _sql in found:
        conn.execute(f'DROP TRIGGER "{name}"')
    yield
    for name in SCHEDULE_FOLLOW_UP:  # in this order: tags and mastery follow the recall columns
        if any(name == n for n, _ in found):
            for statement in SCHEDULE_FOLLOW_UP[name]:
                conn.execute(statement)
    for _name, sql in found:
        conn.execute(sql)
    conn.execute("DELETE FROM temp.bulk_cards")


# The per-row insert triggers of the card tables (schemas 4-8) and, for each, what it does,
# as one statement over the rows inserted after ``?``, the table's last rowid before them.
_CARD_INSERT_TRIGGERS = {
    "state_counts_insert": "INSERT INTO state_counts (deck, fsrs_state, suspended, cards) SELECT deck, fsrs_state,"
                           " suspended, COUNT(*) FROM schedule WHERE rowid>? GROUP BY deck, fsrs_state, suspended"
                           " ON CONFLICT (deck, fsrs_state, suspended) DO UPDATE SET cards=cards+excluded.cards",
    "schedule_recall_insert": f"UPDATE schedule SET {RECALL_COLUMNS.replace('NEW.', '')}"
                              " WHERE rowid>? AND state IS NOT NULL",
    "card_tags_recall_insert": f"UPDATE card_tags SET {TAG_RECALL} WHERE rowid>? AND EXISTS (SELECT 1 FROM"
                               " schedule s WHERE s.deck=card_tags.deck AND s.card_id=card_tags.card_id"
                               " AND s.last_review_ms IS NOT NULL)",
    "mastery_recount_schedule_0": "DELETE FROM mastery_at WHERE EXISTS (SELECT 1 FROM schedule WHERE rowid>?)",
    "mastery_recount_cards_0": "DELETE FROM mastery_at WHERE EXISTS (SELECT 1 FROM cards WHERE rowid>?)",
    "mastery_recount_card_tags_0": "DELETE FROM mastery_at WHERE EXISTS (SELECT 1 FROM card_tags WHERE rowid>?)",
}
_TRIGGER_TABLE = {"state_counts_insert": "schedule", "schedule_recall_insert": "schedule",
                  "card_tags_recall_insert": "card_tags", "mastery_recount_schedule_0": "schedule",
                  "mastery_recount_cards_0": "cards", "mastery_recount_card_tags_0": "card_tags"}


@contextmanager
def card_rows_in_bulk(conn: sqlite3.Connection) -> Iterator[None]:
    """For inserting many rows into ``cards``, ``schedule`` and ``card_tags`` inside the
    caller's write transaction (a first import: 100,000 cards): their per-row insert triggers
    are set aside and what they do is done once for all the new rows at the end (the triggers
    more than doubled the cost of inserting a schedule row, even those whose condition is
    false). Rows must only be inserted meanwhile (a deletion first: rowids may be reused).
    Any other insert trigger on these tables (a later schema's) leaves them all in place."""
    assert conn.in_transaction, "only inside a write transaction"
    tables = sorted(set(_TRIGGER_TABLE.values()))
    found = dict(conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name IN"
                              f" ({', '.join('?' * len(tables))}) AND sql LIKE '%AFTER INSERT%'", tables).fetchall())
    if not found or not set(found) <= set(_CARD_INSERT_TRIGGERS):
        yield
        return
    last = {table: conn.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {table}").fetchone()[0] for table in tables}
    for name in found:
        conn.execute(f"DROP TRIGGER {name}")
    yield
    for name in _CARD_INSERT_TRIGGERS:  # in this order: counts, recall columns, then the recount
        if name in found:
            conn.execute(_CARD_INSERT_TRIGGERS[name], (last[_TRIGGER_TABLE[name]],))
    for sql in found.values():
        conn.execute(sql)


@contextmanager
def written_once(conn: sqlite3.Connection, when: bool = True) -> Iterator[None]:
    """For a bulk write of many pages outside any transaction (a merge or an import of a whole
    log): the file in rollback-journal mode while the block runs, then in WAL again. In WAL
    every page is written twice, into the WAL and by the checkpoint into the file (a million
    reviews: 3.5 s of CPU at the commit); a rollback journal copies only the pages the file
    had, and the new ones go straight into it. Only when no other connection has the file
    open (leaving WAL needs that; else the block runs as it is) and ``when``. A crash
    meanwhile leaves a hot journal beside the file, which the next open rolls back
    (``db.recover_interrupted_write``): the file as it was before the block."""
    switched = False
    if when and not conn.in_transaction:
        waited = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout=0")  # another connection open: give up at once, stay in WAL
        try:
            switched = (conn.execute("PRAGMA main.journal_mode").fetchone()[0] == "wal"
                        and conn.execute("PRAGMA main.journal_mode=DELETE").fetchone()[0] == "delete")
        except sqlite3.OperationalError:
            switched = False
        finally:
            conn.execute(f"PRAGMA busy_timeout={int(waited)}")
    if switched:
        conn.execute("PRAGMA synchronous=FULL")  # NORMAL is safe in WAL only
    try:
        yield
    finally:
        if switched:
            try:
                back = conn.execute("PRAGMA main.journal_mode=WAL").fetchone()[0] == "wal"
            except sqlite3.OperationalError:
                back = False  # another connection came meanwhile: every open sets WAL again
            if back:
                conn.execute("PRAGMA synchronous=NORMAL")  # else FULL stays: NORMAL is safe in WAL only
