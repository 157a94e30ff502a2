"""Rebuilding many cards' states from their review logs (a merge, a review-log import, ``check``).

:func:`replay_history` replays one card by the rules of :meth:`ReviewStore.replay_card` (a
review whose recorded "before" state matches the replay keeps its recorded outcome; any
other is recomputed through the scheduler, fuzz seeded by the review id), from rows already
read, so that many cards are read in a few ordered queries instead of two queries each.
It keeps the state it computed as an ``fsrs`` card for the next review instead of
serialising it and parsing it back (the same values: a test compares both paths on a
real review log).
"""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..clock import iso
from .cards import NEW
from .reviews import is_lapse, is_leech

#: A card's review as a replay reads it, by position.
REPLAY_COLUMNS = ("id", "rating", "reviewed_at", "state_before", "state_after", "fsrs_state_after", "due_after",
                  "fsrs_state_before", "undone")
#: How a replay rewrites a review: ``(state_before, fsrs_state_before, state_after,
#: fsrs_state_after, due_after, id)``.
UPDATE_REVIEW = ("UPDATE reviews SET state_before=?, fsrs_state_before=?, state_after=?, fsrs_state_after=?,"
                 " due_after=? WHERE id=?")
#: How a replay writes a card's schedule: ``(state, fsrs_state, due, reps, lapses, leech, deck, card_id)``.
UPDATE_SCHEDULE = ("UPDATE schedule SET state=?, fsrs_state=?, due=?, reps=?, lapses=?, leech=?"
                   " WHERE deck=? AND card_id=?")
_KEYS = "temp.replay_keys"
# Cards are read and written this many at a time: the writes never run under an open read
# of the same rows, and memory stays bounded (a million reviews with two JSON states each).
BATCH_CARDS = 2000


def replay_history(rows: Sequence[Sequence[Any]], scheduler) -> tuple[list[tuple], tuple]:
    """One card's replay: ``rows`` are its ``review``-mode reviews, undone ones too, in time order
    (ties by id), each as :data:`REPLAY_COLUMNS`. Returns the reviews to rewrite (as
    :data:`UPDATE_REVIEW` parameters) and the card's schedule ``(state, fsrs_state, due,
    reps, lapses, leech)``."""
    from ..scheduler import dump_state, load_state

    counted = [r for r in rows if r[8] == 0]
    # the starting state: what the card had before its very first review (undone ones too)
    running: str | None = rows[0][3] if rows and counted else None  # None: new
    running_fsrs = int(rows[0][7] or NEW) if running is not None else NEW
    computed = None  # ``running`` as an fsrs card, when this replay computed it
    due: str | None = None
    lapses = 0
    updates = []
    for rid, rating, at, stored_before, stored_after, stored_fsrs_after, stored_due, stored_fsrs_before, _ in counted:
        before_fsrs = running_fsrs
        if stored_before == running and stored_after is not None and stored_due is not None:
            after, after_fsrs, due = stored_after, stored_fsrs_after, stored_due
            computed = None
        else:
            now = datetime.fromisoformat(at)
            if computed is None:
                computed = load_state(running) if running else scheduler.new_state(now)
            computed, new_due = scheduler.review(computed, rating, now, fuzz_seed=rid)
            after, after_fsrs, due = dump_state(computed), int(computed.state), iso(new_due)
        lapses += int(is_lapse(rating, before_fsrs))
        # Only a review whose states change is written (a merge of a history made on one
        # machine rewrites none).
        if (running, before_fsrs, after, after_fsrs, due) != (stored_before, stored_fsrs_before, stored_after,
                                                              stored_fsrs_after, stored_due):
            updates.append((running, before_fsrs, after, after_fsrs, due, rid))
        running, running_fsrs = after, after_fsrs
    return updates, (running, running_fsrs, due, len(counted), lapses, int(is_leech(lapses)))


def _table_order(row: Sequence[Any]) -> tuple:
    """A review's place in ``ORDER BY reviewed_at, id`` (SQLite puts a missing time first)."""
    return (row[2] is not None, row[2] or "", row[0])


class ReplayStore:
    """Replaying many cards at once (mixed into ``Store``; runs inside the caller's transaction)."""

    def replay_card(self, key: tuple[str, str], scheduler) -> None:
        """Replay a card's non-undone review-mode reviews in order; rewrite their states and the schedule.

        A review whose recorded "before" state still matches the replay keeps its recorded
        outcome; otherwise the outcome is recomputed by ``scheduler`` (fuzz seeded by the
        review id). The replay starts from new, or from the state recorded before the first
        review (undone or not) when there is one: a card that came with a schedule and no review
        log (an Anki import, :meth:`import_history`'s ``kept``) starts from that schedule. Runs inside the
        caller's transaction.
        """
        rows = self.conn.execute(f"SELECT {', '.join(REPLAY_COLUMNS)} FROM reviews WHERE deck=? AND card_id=?"
                                 " AND mode='review' ORDER BY reviewed_at, id", key).fetchall()
        updates, schedule = replay_history(rows, scheduler)
        self.conn.executemany(UPDATE_REVIEW, updates)
        self.conn.execute(UPDATE_SCHEDULE, (*schedule, *key))

    def _replay_cards(self, keys: set[tuple[str, str]], progress: Callable[[int, int, str], None] | None = None,
                      pending: dict[tuple[str, str], list[tuple]] | None = None) -> dict[str, tuple]:
        """Rebuild each card in ``keys`` from its reviews, with its deck's scheduler, a batch of
        cards at a time (``progress(done, total, "")`` after each).

        ``pending``: reviews not in the table yet, per card, as :data:`REPLAY_COLUMNS`: each is
        replayed in its place among the card's logged ones, and its states are returned
        (``{id: (state_before, fsrs_state_before, state_after, fsrs_state_after, due_after)}``)
        for the caller to insert it with, instead of being written."""
        pending = pending or {}
        waiting = {row[0] for rows in pending.values() for row in rows}
        states: dict[str, tuple] = {}
        ordered = sorted(keys)
        total, done = len(ordered), 0
        if progress is not None and total:
            progress(0, total, "")
        schedulers: dict[str, Any] = {}
        for start in range(0, len(ordered), BATCH_CARDS):
            batch = ordered[start:start + BATCH_CARDS]
            updates, schedules = [], []
            for key, rows in self.logged_reviews(batch):
                if key[0] not in schedulers:
                    schedulers[key[0]] = self._deck_scheduler(key[0])
                if key in pending:  # in the order the table would give them: time, then id
                    rows = sorted(rows + pending[key], key=_table_order)
                changed, schedule = replay_history(rows, schedulers[key[0]])
                for update in changed:
                    if update[5] in waiting:
                        states[update[5]] = update[:5]
                    else:
                        updates.append(update)
                schedules.append((*schedule, *key))
            self.conn.executemany(UPDATE_REVIEW, updates)
            self.conn.executemany(UPDATE_SCHEDULE, schedules)
            done += len(batch)
            if progress is not None:
                progress(done, total, "")
        if progress is not None and total and done != total:
            progress(total, total, "")
        return states

    def cards_with_reviews(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Those of ``keys`` with a counted ``review``-mode review (one a replay starts from)."""
        self._fill_keys(keys)
        return {tuple(row) for row in self.conn.execute(
            f"SELECT DISTINCT k.deck, k.card_id FROM {_KEYS} k JOIN reviews r ON r.deck=k.deck AND r.card_id=k.card_id"
            " AND r.mode='review' AND r.undone=0")}

    def logged_reviews(self, keys: Sequence[tuple[str, str]]) -> Iterator[tuple[tuple[str, str], list[tuple]]]:
        """Each of ``keys``' cards with its ``review``-mode reviews (undone ones too) as
        :data:`REPLAY_COLUMNS`, in time order (ties by id), read in one query. A card with
        none is given with an empty list."""
        self._fill_keys(keys)
        cols = ", ".join(f"r.{c}" for c in REPLAY_COLUMNS)
        rows = self.conn.execute(
            f"SELECT k.deck, k.card_id, {cols} FROM {_KEYS} k LEFT JOIN reviews r ON r.deck=k.deck"
            " AND r.card_id=k.card_id AND r.mode='review' ORDER BY k.deck, k.card_id, r.reviewed_at, r.id").fetchall()
        for key, group in groupby(rows, key=lambda row: (row[0], row[1])):
            yield key, [row[2:] for row in group if row[2] is not None]

    def _fill_keys(self, keys: Iterable[tuple[str, str]]) -> None:
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_KEYS.split('.')[1]} (deck TEXT, card_id TEXT,"
                          " PRIMARY KEY (deck, card_id)) WITHOUT ROWID")
        self.conn.execute(f"DELETE FROM {_KEYS}")
        self.conn.executemany(f"INSERT OR IGNORE INTO {_KEYS} VALUES (?, ?)", keys)
