"""Bulk writes inside one transaction (a merge, a review-log import): what SQLite does per row
for the readers' sake (index entries, triggers keeping counts) set aside and done once for
all the rows at the end, with the same result.

``schema.day_counts_in_bulk`` does this for the per-day review counts; here are the review
log's indexes (:func:`indexes_set_aside`) and the triggers that follow each schedule write
(:func:`schedule_writes_in_bulk`). Everything happens inside the caller's transaction, so a
failure's rollback brings every index and trigger back as it was.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Iterable, Iterator

from .schema import SCHEDULE_FOLLOW_UP

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


