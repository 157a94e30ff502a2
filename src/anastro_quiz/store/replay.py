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

import os
from contextlib import contextmanager
from datetime import datetime
from itertools import groupby
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..clock import iso
from .cards import NEW
from .bulk import indexes_set_aside, schedule_writes_in_bulk
from .reviews import is_lapse, is_leech
from .states import AFTER, BEFORE, NO_STATE, canonical, decode, encode_card

#: A card's review as a replay reads it, by position: then its two states (:mod:`.states`),
#: seven columns each.
REPLAY_COLUMNS = ("id", "rating", "reviewed_at", "fsrs_state_before", "fsrs_state_after", "due_after", "undone",
                  *BEFORE, *AFTER)
#: How a replay rewrites a review: ``(*state_before, fsrs_state_before, *state_after,
#: fsrs_state_after, due_after, id)``, the states as :mod:`.states` tuples.
STATE_COLUMNS = (*BEFORE, "fsrs_state_before", *AFTER, "fsrs_state_after", "due_after")
UPDATE_REVIEW = f"UPDATE reviews SET {', '.join(c + '=?' for c in STATE_COLUMNS)} WHERE id=?"
#: How a replay writes a card's schedule: ``(state, fsrs_state, due, reps, lapses, leech, deck, card_id)``.
UPDATE_SCHEDULE = ("UPDATE schedule SET state=?, fsrs_state=?, due=?, reps=?, lapses=?, leech=?"
                   " WHERE deck=? AND card_id=?")
_KEYS = "temp.replay_keys"
# Cards are read and written this many at a time: the writes never run under an open read
# of the same rows, and memory stays bounded (a million reviews with two JSON states each).
BATCH_CARDS = 2000
# From this many cards on, the triggers that follow each schedule write are set aside and
# their work done once at the end (bulk.schedule_writes_in_bulk).
BULK_CARDS = 1000
# From this many reviews to compute (an import of a long log with no recorded states), the
# replay runs in worker processes, one per core up to WORKERS.
POOL_REVIEWS = 50_000
WORKERS = 4


class CardReplay:
    """One card's replay, a review at a time in time order (ties by id): a review whose
    recorded "before" state matches the replay keeps its recorded outcome, any other is
    recomputed through the scheduler (fuzz seeded by the review id). ``first`` is the card's
    first ``review``-mode review, undone or not: the replay starts from the state recorded
    before it (new if none)."""

    __slots__ = ("running", "running_fsrs", "computed", "due", "lapses", "reps", "updates", "last_at", "last_id")

    def __init__(self, first: Sequence[Any]):
        self.running: tuple = canonical(first[7:14])  # a state as .states' columns
        self.running_fsrs = int(first[3] or NEW) if self.running != NO_STATE else NEW
        self.computed = None  # ``running`` as an fsrs card, when this replay computed it
        self.due: str | None = None
        self.lapses = self.reps = 0
        self.updates: list[tuple] = []  # as UPDATE_REVIEW's parameters
        self.last_at = self.last_id = ""  # the last review stepped through (ReplayStore.replay_as_logged)

    def step(self, row: Sequence[Any], scheduler) -> bool:
        """Replay one counted review (as :data:`REPLAY_COLUMNS`). Without a ``scheduler``, a
        review that needs one is left alone and ``False`` returned."""
        rid, rating, at, stored_fsrs_before, stored_fsrs_after, stored_due = row[:6]
        stored_before, stored_after = canonical(row[7:14]), canonical(row[14:21])
        before_fsrs = self.running_fsrs
        if stored_before == self.running and stored_after != NO_STATE and stored_due is not None:
            after, after_fsrs, due = stored_after, stored_fsrs_after, stored_due
            self.computed = None
        elif scheduler is None:
            return False
        else:
            from ..scheduler import load_state

            now = datetime.fromisoformat(at)
            if self.computed is None:
                text = decode(self.running)
                self.computed = load_state(text) if text else scheduler.new_state(now)
            self.computed, new_due = scheduler.review(self.computed, rating, now, fuzz_seed=rid)
            after, after_fsrs, due = encode_card(self.computed), int(self.computed.state), iso(new_due)
        self.lapses += int(is_lapse(rating, before_fsrs))
        self.reps += 1
        # Only a review whose states change is written (a merge of a history made on one
        # machine rewrites none).
        if (self.running, before_fsrs, after, after_fsrs, due) != (stored_before, stored_fsrs_before, stored_after,
                                                                   stored_fsrs_after, stored_due):
            self.updates.append((*self.running, before_fsrs, *after, after_fsrs, due, rid))
        self.running, self.running_fsrs, self.due = after, after_fsrs, due
        return True

    def schedule(self) -> tuple:
        """``(state, fsrs_state, due, reps, lapses, leech)`` after the reviews stepped through."""
        if not self.reps:  # nothing counted: a new card
            return (None, NEW, None, 0, 0, 0)
        return (decode(self.running), self.running_fsrs, self.due, self.reps, self.lapses, int(is_leech(self.lapses)))


def replay_history(rows: Sequence[Sequence[Any]], scheduler) -> tuple[list[tuple], tuple]:
    """One card's replay: ``rows`` are its ``review``-mode reviews, undone ones too, in time order
    (ties by id), each as :data:`REPLAY_COLUMNS`. Returns the reviews to rewrite (as
    :data:`UPDATE_REVIEW` parameters) and the card's schedule ``(state, fsrs_state, due,
    reps, lapses, leech)``."""
    if not rows:
        return [], (None, NEW, None, 0, 0, 0)
    card = CardReplay(rows[0])
    for row in rows:
        if row[6] == 0:
            card.step(row, scheduler)
    return card.updates, card.schedule()


def replay_batch(job: tuple[dict[str, dict], list[tuple[tuple[str, str], list]]]) -> list[tuple]:
    """Replay a batch of cards ``(settings by deck, [(key, rows)])`` with each deck's scheduler:
    ``[(key, review updates, schedule)]``. A pure function of its input, so a worker process
    gives what this one would."""
    from ..scheduler import Scheduler, SchedulerSettings

    settings, cards = job
    schedulers = {deck: Scheduler.from_settings(SchedulerSettings.from_dict(values)) for deck, values in settings.items()}
    return [(key, *replay_history(rows, schedulers[key[0]])) for key, rows in cards]


@contextmanager
def _replayers(reviews: int) -> Iterator[tuple[Callable, int]]:
    """``(start, width)``: ``start(jobs, settings)`` sets ``width`` batches of cards replaying
    and returns a function that gives their results, in worker processes (one per core, up
    to :data:`WORKERS`) when there are at least :data:`POOL_REVIEWS` reviews to compute,
    more than one core, and this process can fork safely (no other thread running, as in
    the app, whose work stays here); else here, when the results are asked for. A forked
    worker has this process's modules and settings (the study day's hour), and never
    touches the database; spawning one instead would run the calling script's top level
    again."""
    import multiprocessing
    import threading

    workers = min(os.cpu_count() or 1, WORKERS) if reviews >= POOL_REVIEWS else 1
    if workers < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield (lambda jobs, settings: lambda: [replay_batch((settings, job)) for job in jobs]), 1
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        def start(jobs, settings):
            futures = [pool.submit(replay_batch, (settings, job)) for job in jobs]
            return lambda: [future.result() for future in futures]

        yield start, 2 * workers


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
                      pending: dict[tuple[str, str], list[tuple]] | None = None, *,
                      as_logged: bool = False) -> dict[str, tuple]:
        """Rebuild each card in ``keys`` from its reviews, with its deck's scheduler, a batch of
        cards at a time (``progress(done, total, "")`` after each).

        ``pending``: reviews not in the table yet, per card, as :data:`REPLAY_COLUMNS`: each is
        replayed in its place among the card's logged ones, and its states are returned
        (``{id: values of STATE_COLUMNS}``)
        for the caller to insert it with, instead of being written.

        ``as_logged`` (a merge that brought most of the log): first write the cards a replay
        keeps as logged (:meth:`replay_as_logged`), then replay the others."""
        ordered = sorted(keys)
        bulk = len(ordered) >= BULK_CARDS
        # Rewriting most of the schedule: its indexes and the tag copies' are made again once at
        # the end instead of updated card by card (six indexes per schedule row).
        most = bulk and 2 * len(ordered) >= self.conn.execute("SELECT COUNT(*) FROM schedule").fetchone()[0]
        with indexes_set_aside(self.conn, "schedule", most), indexes_set_aside(self.conn, "card_tags", most), \
                schedule_writes_in_bulk(self.conn, ordered, when=bulk):
            return self._replay_ordered(ordered, progress, pending or {}, as_logged and bulk)

    def _replay_ordered(self, ordered: list[tuple[str, str]], progress, pending: dict,
                        as_logged: bool) -> dict[str, tuple]:
        waiting = {row[0] for rows in pending.values() for row in rows}
        states: dict[str, tuple] = {}
        total, done = len(ordered), 0
        if progress is not None and total:
            progress(0, total, "")
        if as_logged:
            kept = self.replay_as_logged(set(ordered))
            self.conn.executemany(UPDATE_REVIEW, [update for card in kept.values() for update in card.updates])
            self.conn.executemany(UPDATE_SCHEDULE, [(*card.schedule(), *key) for key, card in sorted(kept.items())])
            ordered = [key for key in ordered if key not in kept]
            done = len(kept)
            if progress is not None:
                progress(done, total, "")
        settings: dict[str, dict] = {}  # each deck's scheduler settings, as stored

        def read(batch: list[tuple[str, str]]) -> list[tuple[tuple[str, str], list]]:
            cards = []
            for key, rows in self.logged_reviews(batch):
                if key[0] not in settings:
                    settings[key[0]] = self.deck_setting("scheduler", key[0])
                if key in pending:  # in the order the table would give them: time, then id
                    rows = sorted(rows + pending[key], key=_table_order)
                cards.append((key, rows))
            return cards

        def write(batches: list, results: Callable[[], list]) -> None:
            nonlocal done
            for batch, replayed in zip(batches, results()):
                updates, schedules = [], []
                for key, changed, schedule in replayed:
                    for update in changed:
                        if update[-1] in waiting:
                            states[update[-1]] = update[:-1]
                        else:
                            updates.append(update)
                    schedules.append((*schedule, *key))
                self.conn.executemany(UPDATE_REVIEW, updates)
                self.conn.executemany(UPDATE_SCHEDULE, schedules)
                done += len(batch)
                if progress is not None:
                    progress(done, total, "")

        # The next batches are read and set replaying before the last ones' results are
        # written: the workers compute while this process reads and writes (other cards).
        with _replayers(len(waiting)) as (start_replay, width):
            previous = None
            for start in range(0, len(ordered), BATCH_CARDS * width):
                batches = [ordered[at:at + BATCH_CARDS] for at in range(start, min(start + BATCH_CARDS * width,
                                                                                   len(ordered)), BATCH_CARDS)]
                replaying = (batches, start_replay([read(batch) for batch in batches], dict(settings)))
                if previous is not None:
                    write(*previous)
                previous = replaying
            if previous is not None:
                write(*previous)
        if progress is not None and total and done != total:
            progress(total, total, "")
        return states

    def cards_with_reviews(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Those of ``keys`` with a counted ``review``-mode review (one a replay starts from)."""
        self._fill_keys(keys)
        return {tuple(row) for row in self.conn.execute(
            f"SELECT DISTINCT k.deck, k.card_id FROM {_KEYS} k JOIN reviews r ON r.deck=k.deck AND r.card_id=k.card_id"
            " AND r.mode='review' AND r.undone=0")}

    def replay_as_logged(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], CardReplay]:
        """The cards of ``keys`` a replay would keep as logged, found in one pass over the log in
        the order it was written (no read in time order, which at a million reviews took 5 s
        of a merge): those whose reviews were written in time order (ties by id) and each
        keep their recorded outcome, no scheduler needed. The others are left out.

        :meth:`CardReplay.step` without a scheduler, written out in the loop (a million
        reviews: 3.5 -> 2.6 s of CPU, half of it reading the rows); tests/test_merge_as_logged.py
        compares it with stepping, on logs of every kind."""
        cards: dict[tuple[str, str], CardReplay | None] = {}  # None: not kept (or not asked for)
        # Each row indexed as it is (deck, card_id, then REPLAY_COLUMNS): no list or tuple made per
        # review but the two states' slices.
        for row in self.conn.execute(
                f"SELECT deck, card_id, {', '.join(REPLAY_COLUMNS)} FROM reviews WHERE mode='review' ORDER BY rowid"):
            key, rid, at = (row[0], row[1]), row[2], row[4]
            card = cards.get(key, False)
            if card is None:
                continue
            if card is False:
                if key not in keys or at is None:
                    cards[key] = None
                    continue
                card = cards[key] = CardReplay(row[2:])
            elif at is None or at < card.last_at or (at == card.last_at and rid <= card.last_id):
                cards[key] = None  # written out of time order: replayed in order
                continue
            card.last_at, card.last_id = at, rid
            if row[8] != 0:  # undone
                continue
            before, after, due = row[9:16], row[16:23], row[7]
            if before[6] is not None or before[4] is None:  # only a row not written by us needs it
                before = canonical(before)
            if after[6] is not None or after[4] is None:
                after = canonical(after)
            if before != card.running or after == NO_STATE or due is None:  # its outcome would be computed
                cards[key] = None
                continue
            rating, fsrs_before, fsrs_after = row[3], row[5], row[6]
            before_fsrs = card.running_fsrs
            card.lapses += is_lapse(rating, before_fsrs)
            card.reps += 1
            if before_fsrs != fsrs_before:  # as step: only a review whose states change is written
                card.updates.append((*before, before_fsrs, *after, fsrs_after, due, rid))
            card.running, card.running_fsrs, card.due = after, fsrs_after, due
        return {key: card for key, card in cards.items() if card is not None}

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
