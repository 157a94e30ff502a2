"""The study-session engine: queue, grade, undo, bury, suspend. No UI.

Queue order follows Anki: learning cards come back when their step is due, due
reviews and new cards (up to the daily limits) are interleaved, and siblings (the items
of one card) are kept to different days. In ``drill`` mode a
fixed list of cards is practised until each is answered without "Again", and the
schedule is left alone.
"""

from __future__ import annotations

import bisect
import time
from collections import Counter
from datetime import datetime

from .clock import next_day_start, study_day
from .decks import StudyItem
from .scheduler import Rating, dump_state, format_interval, load_state
from .session_queue import Kinds, Line, Remaining, due_of, key_of_item, key_of_learning
from .session_results import GradeOutcome, SessionSummary, summarize
from .session_undo import UndoEntry, Undone
from .store import ScheduleRow
from .today import LEARN_AHEAD, StudyCollection, interleave, offered_today

LEARNING_READ = 200  # learning cards a session reads at a time (the soonest), the rest counted

__all__ = ["GradeOutcome", "Remaining", "SessionSummary", "StudyCollection", "StudySession", "Undone"]


class StudySession:
    """One sitting over some decks. Every grade is committed before ``grade`` returns."""

    def __init__(self, collection: StudyCollection, deck_ids: list[str], mode: str = "review",
                 items: list[StudyItem] | None = None, new_cards: bool = True):
        self.collection = collection
        self.new_cards = new_cards  # False: only cards already studied (learning and due reviews)
        self.store = collection.store
        self.deck_ids = deck_ids
        self.mode = mode
        self.started = collection.now()
        self._started_monotonic = time.monotonic()
        self._kind: dict[tuple[str, str], str] = Kinds(self._rekind)
        self._queue = []
        self._learning = []
        # Learning cards not read yet: how many, and where reading them goes on (see _build_queue).
        self._learning_unread = 0
        self._learning_after: tuple[str, str, int] | None = None
        self._learning_until = self.started
        self._history: list[UndoEntry] = []
        self._current: StudyItem | None = None
        self._current_is_learning = False
        self.total_seconds = 0.0
        self.session_id = self.store.start_session(deck_ids, mode, self.started)
        if mode == "drill":
            self._queue = list(items or [])
        else:
            self._build_queue()

    # --- queue ------------------------------------------------------------------

    def _build_queue(self) -> None:
        now = self.collection.now()
        done = self.store.done_today(study_day(now))
        reviews: list[ScheduleRow] = []
        new: list[ScheduleRow] = []
        for deck_id in self.deck_ids:
            due, fresh = offered_today(self.collection, deck_id, now, done, self.new_cards)
            reviews += due
            new += fresh
        reviews.sort(key=lambda r: r.due or "")
        self._kind.update({(r.deck, r.card_id): "review" for r in reviews})
        self._kind.update({(r.deck, r.card_id): "new" for r in new})
        # Learning cards (not limited per day) by key, the soonest LEARNING_READ of them: a
        # backlog of thousands is counted, and read a part at a time as the session reaches it;
        # each card is read from its deck when it comes up.
        self._learning_until = now + LEARN_AHEAD
        self._learning_unread = self.store.learning_count(self.deck_ids, self._learning_until, now)
        self._learning = []
        self._read_learning(now)
        self._queue = [self.collection.items[(r.deck, r.card_id)] for r in interleave(reviews, new)
                       if (r.deck, r.card_id) in self.collection.items]

    def _siblings_leave(self, item: StudyItem) -> list[StudyItem]:
        """``item`` was studied: its queued siblings wait for another day (siblings.py)."""
        rules = self.collection.siblings(item.deck_id)
        gone = [i for i in self._queue if i.card_id == item.card_id and i.deck_id == item.deck_id
                and i.key != item.key and rules.applies(self._kind_of(i))]
        for sibling in gone:
            self._queue.remove(sibling)
        return gone

    @property
    def current(self) -> StudyItem | None:
        """The card to show now, or ``None`` when the session is finished."""
        if self._current is None:
            self._advance()
        return self._current

    def _read_learning(self, now: datetime, everything: bool = False) -> None:
        """Read the next part of the learning cards not read yet (every one with ``everything``),
        soonest first, into the learning list; cards this session already holds are skipped."""
        while self._learning_unread > 0:
            rows = self.store.learning_due(self.deck_ids, self._learning_until, now,
                                           None if everything else LEARNING_READ, self._learning_after)
            if not rows:  # graded elsewhere meanwhile: nothing more to read
                self._learning_unread = 0
                break
            self._learning_after = rows[-1][3]
            fresh = [(_parse(due), (deck, card_id)) for due, deck, card_id, _mark in rows
                     if (deck, card_id) not in self._kind]
            self._kind.preset((key for _due, key in fresh), "learning")
            for entry in fresh:
                bisect.insort(self._learning, entry, key=due_of)
            self._learning_unread = max(0, self._learning_unread - len(fresh))
            if fresh and not everything:
                break

    def _learning_read_ahead(self) -> bool:
        """Whether a learning card not read yet may come before the soonest one read."""
        if not self._learning_unread:
            return False
        return not self._learning or self._learning_after is None \
            or self._learning[0][0] > _parse(self._learning_after[0])

    def _advance(self) -> None:
        now = self.collection.now()
        if self._learning_read_ahead():
            self._read_learning(now)
        while self._learning and (self._learning[0][0] <= now or not self._queue):
            due, key = self._learning[0]
            if due > now + LEARN_AHEAD:
                break
            self._learning.pop(0)
            item = self.collection.items.get(key)
            if item is not None:  # None: its card left the deck since
                self._current, self._current_is_learning = item, True
                return
        if self._queue:
            self._current, self._current_is_learning = self._queue.pop(0), False
            return
        self._current = None

    def queued_items(self) -> list[StudyItem]:
        """Every card still to come, the one on screen first."""
        head = [self.current] if self.current is not None else []
        self._read_learning(self.collection.now(), everything=True)
        learning = (self.collection.items.get(key) for _, key in self._learning)
        return head + list(self._queue) + [i for i in learning if i is not None]

    @property
    def remaining(self) -> Remaining:
        """Cards left, by kind, including the one on screen (counted as cards come and go,
        so asking after every grade costs the same whatever the queue's length)."""
        current = self.current  # first: showing a card takes it off the queue
        counts = self._queue.counts + self._learning.counts
        counts["learning"] += self._learning_unread
        if current is not None:
            counts[self._kind_of(current)] += 1
        return Remaining(counts["new"], counts["learning"], counts["review"])

    def _kind_of(self, item: StudyItem) -> str:
        return self._kind.get(item.key, "review")

    # The queue and the learning list count their cards by kind as they change (Line);
    # assigning a plain list to either counts it once, and Kinds tells both of a new kind.
    @property
    def _queue(self) -> Line:
        return self._queue_line

    @_queue.setter
    def _queue(self, entries: list[StudyItem]) -> None:
        self._queue_line = Line(entries, key_of_item, self._kind)

    @property
    def _learning(self) -> Line:
        return self._learning_line

    @_learning.setter
    def _learning(self, entries: list[tuple[datetime, tuple[str, str]]]) -> None:
        self._learning_line = Line(entries, key_of_learning, self._kind)

    def _rekind(self, key: tuple[str, str], old: str, new: str) -> None:
        self._queue_line.rekind(key, old, new)
        self._learning_line.rekind(key, old, new)

    @property
    def grades(self) -> Counter[Rating]:
        """Grades given so far this session (undone grades excluded)."""
        return Counter(entry.rating for entry in self._history if entry.action == "grade")

    @property
    def done(self) -> int:
        """Grades given so far (buried and suspended cards are not counted)."""
        return sum(entry.action == "grade" for entry in self._history)

    @property
    def finished(self) -> bool:
        return self.current is None

    # --- actions ----------------------------------------------------------------

    def preview(self) -> dict[Rating, str]:
        """The interval each grade would give the current card (empty in drill mode)."""
        item = self.current
        if item is None or self.mode == "drill":
            return {}
        row = self.store.schedule_row(item.deck_id, item.id)
        scheduler = self.collection.scheduler(item.deck_id, item.id)
        now = self.collection.now()
        state = load_state(row.state) if row and row.state else scheduler.new_state(now)
        seed = _fuzz_seed(item, row)
        return {r: format_interval(d) for r, d in scheduler.preview(state, now, fuzz_seed=seed, due_load=self.store.due_counts).items()}

    def grade(self, rating: Rating | int, duration_ms: int | None = None) -> GradeOutcome:
        """Grade the current card; the review is committed before this returns."""
        item = self.current
        if item is None:
            raise RuntimeError("the session is finished")
        rating = Rating(int(rating))
        now = self.collection.now()
        seconds = duration_ms / 1000 if duration_ms is not None else 0.0
        if self.mode == "drill":
            self.total_seconds += seconds
            requeue = rating == Rating.Again
            if requeue:
                self._queue.append(item)
            self._history.append(UndoEntry(item, None, rating, False, requeue))
            self._current = None
            return GradeOutcome(item, rating, None, None)
        scheduler = self.collection.scheduler(item.deck_id, item.id)

        def outcome(row: ScheduleRow | None) -> tuple[str, int, datetime]:
            # Called inside the write transaction with the card's schedule as stored now,
            # so a grade another window gave a moment ago is built on, not overwritten.
            before = load_state(row.state) if row and row.state else scheduler.new_state(now)
            after, due = scheduler.review(before, rating, now, fuzz_seed=_fuzz_seed(item, row),
                                          due_load=self.store.due_counts)
            return dump_state(after), int(after.state), due

        review_id, due = self.store.grade_card(
            deck=item.deck_id, card_id=item.id, rating=int(rating), reviewed_at=now, duration_ms=duration_ms,
            mode=self.mode, outcome=outcome, session_id=self.session_id)
        # Only now that the review is stored does the session move on: a failed write
        # (e.g. the database is busy) leaves it as it was, so the grade can be retried.
        self.total_seconds += seconds
        self._history.append(UndoEntry(item, review_id, rating, self._current_is_learning))
        entry_kind = self._kind.get(item.key)
        self._history[-1].kind_before = entry_kind
        if due - now < LEARN_AHEAD:
            self._kind[item.key] = "learning"
            bisect.insort(self._learning, (due, item.key), key=due_of)  # after cards due at the same time
        self._history[-1].siblings = self._siblings_leave(item)
        self._current = None
        return GradeOutcome(item, rating, due, review_id)

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    @property
    def undo_action(self) -> str | None:
        """What ``undo`` would take back: ``"grade"``, ``"bury"``, ``"suspend"`` (or ``None``)."""
        return self._history[-1].action if self._history else None

    def undo(self) -> Undone | None:
        """Undo the last action, whatever it was (grade, bury, suspend, edit): the card's stored
        state (or its deck file) is restored exactly, committed before this returns, and the
        card is shown again."""
        if not self._history:
            return None
        entry = self._history[-1]
        item = entry.item
        if entry.action == "edit" and entry.deck_text is not None:
            # Raises (and the entry stays) if the deck file changed since the edit.
            items = self.collection.restore_deck_text(item.deck_id, *entry.deck_text)
            self._history.pop()
            self.refresh_items(item.deck_id, items)
            return Undone(items.get(item.key, item), "edit")
        if entry.action == "mark":
            # The card never left the screen: only its mark goes back.
            self.store.set_marked(item.deck_id, item.id, entry.marked_before)
            self._history.pop()
            return Undone(item, "unmark" if entry.marked_before else "mark")
        # If a store call fails, the entry stays on the stack to undo again.
        if entry.action == "bury":
            self.store.bury(item.deck_id, item.id, entry.buried_before)
        elif entry.action == "suspend":
            self.store.set_suspended(item.deck_id, item.id, False)
        elif entry.review_id is not None:
            self.store.undo_review(entry.review_id)
        self._history.pop()
        if entry.action == "grade":
            self._learning = [(d, k) for d, k in self._learning if k != item.key]
            for sibling in reversed(entry.siblings):
                self._queue.insert(0, sibling)  # back in the queue, next after the card
        if entry.drill_requeued:
            for index in range(len(self._queue) - 1, -1, -1):
                if self._queue[index].key == item.key:
                    del self._queue[index]
                    break
        # the card on screen goes back where it was, unless it is the card being restored (a
        # learning card shown again early: putting it back too would show it twice more)
        if self._current is not None and self._current.key != item.key:
            if self._current_is_learning:
                self._learning.insert(0, (self.collection.now(), self._current.key))
            else:
                self._queue.insert(0, self._current)
        if entry.kind_before is not None:
            self._kind[item.key] = entry.kind_before
        self._current, self._current_is_learning = item, entry.was_learning_entry
        return Undone(item, entry.action, entry.rating if entry.action == "grade" else None)

    def refresh_items(self, deck_id: str, items: dict[tuple[str, str], StudyItem]) -> None:
        """Deck ``deck_id`` was edited: its cards in this session become ``items`` (by key);
        a card no longer in the deck leaves the queue (the next one is shown instead)."""

        def fresh(item: StudyItem) -> StudyItem | None:
            return items.get(item.key) if item.deck_id == deck_id else item

        self._queue = [n for n in map(fresh, self._queue) if n is not None]
        self._learning = [(due, k) for due, k in self._learning if k[0] != deck_id or k in items]
        if self._current is not None:
            self._current = fresh(self._current)
        for entry in self._history:
            entry.item = fresh(entry.item) or entry.item

    def record_edit(self, item: StudyItem, before: str, after: str) -> None:
        """The card ``item`` was edited in its deck file, from text ``before`` to ``after``
        (already written): ``undo`` writes ``before`` back."""
        self._history.append(UndoEntry(item, None, None, self._current_is_learning, action="edit",
                                   deck_text=(before, after)))

    def toggle_mark(self) -> bool | None:
        """Mark the current card, or unmark it if marked (Anki's ``*``): it stays on screen and
        in the queue; ``undo`` takes the change back. Returns whether it is marked now."""
        item = self.current
        if item is None:
            return None
        row = self.store.schedule_row(item.deck_id, item.id)
        before = bool(row and row.marked)
        self.store.set_marked(item.deck_id, item.id, not before)
        self._history.append(UndoEntry(item, None, None, self._current_is_learning, action="mark",
                                       marked_before=before))
        return not before

    def is_marked(self, item: StudyItem) -> bool:
        """Whether ``item`` is marked (``toggle_mark``, or ``*`` in Cards)."""
        row = self.store.schedule_row(item.deck_id, item.id)
        return bool(row and row.marked)

    def bury(self) -> StudyItem | None:
        """Hide the current card until tomorrow (``undo`` takes it back)."""
        item = self.current
        if item is None:
            return None
        row = self.store.schedule_row(item.deck_id, item.id)
        self.store.bury(item.deck_id, item.id, next_day_start(self.collection.now()))
        self._took_out(item, "bury", buried_before=row.buried_until if row else None)
        return item

    def suspend(self) -> StudyItem | None:
        """Suspend the current card: it stays out of every queue until unsuspended
        (``undo`` takes it back)."""
        item = self.current
        if item is None:
            return None
        self.store.set_suspended(item.deck_id, item.id, True)
        self._took_out(item, "suspend")
        return item

    def _took_out(self, item: StudyItem, action: str, buried_before: str | None = None) -> None:
        """The card on screen left the session (stored already): remember how, to undo it."""
        self._history.append(UndoEntry(item, None, None, self._current_is_learning, action=action,
                                   buried_before=buried_before))
        self._current = None

    def discard(self) -> None:
        """Drop a session that had nothing to offer: no empty row is left in the database."""
        self.store.discard_session(self.session_id)

    def finish(self) -> SessionSummary:
        """Close the session and summarize it."""
        self.store.end_session(self.session_id, self.collection.now())
        return self.summary()

    def summary(self) -> SessionSummary:
        return summarize(self._history, self.total_seconds or (time.monotonic() - self._started_monotonic))


def _fuzz_seed(item: StudyItem, row: ScheduleRow | None) -> str:
    # One seed per (card, repetition): the preview and the grade draw the same fuzz, and
    # an undone grade given again lands on the same day.
    return f"{item.deck_id}/{item.id}/{row.reps if row else 0}"


def _parse(value: str | None) -> datetime:
    return datetime.fromisoformat(value) if value else datetime.min
