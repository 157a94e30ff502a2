"""The review log: recording, undoing and replaying reviews, with the one lapse/leech rule.

A *lapse* is an Again on a card in the review state; a card that has lapsed
:data:`LEECH_LAPSES` times is a *leech*. Recording, undoing and replaying (after a merge)
all count through :func:`is_lapse` and :func:`is_leech`, so changing the rule is one edit.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Iterable, Iterator

from ..clock import iso, study_day
from .cards import NEW, REVIEW, ScheduleRow, marks
from .states import AFTER, BEFORE, decode, encode

LEECH_LAPSES = 8
AGAIN = 1


def is_lapse(rating: int, fsrs_state_before: int) -> bool:
    """Whether a review is a lapse: Again on a card that was in the review state."""
    return int(rating) == AGAIN and fsrs_state_before == REVIEW


def is_leech(lapses: int) -> bool:
    """Whether a card with ``lapses`` lapses is a leech."""
    return lapses >= LEECH_LAPSES


# The cards reviewed on a day (siblings apart): one range of the covering index
# idx_reviews_day_cover (schema 9), never the log's wide rows (tests/test_perf_core.py).
# What the daily limits count of a day's reviews is kept per deck (``review_deck_days``).
REVIEWED_ON_SQL = ("SELECT DISTINCT deck, card_id FROM reviews WHERE day=? AND mode='review' AND undone=0"
                   " AND deck IN ({decks})")


@dataclass(frozen=True)
class LoggedReview:
    """One review as the log holds it (and as the review-log CSV carries it)."""

    card_id: str
    rating: int
    time: datetime
    duration_ms: int | None
    deck: str = ""
    review_id: str = ""
    mode: str = "review"

    @property
    def card_key(self) -> tuple[str, str]:
        return (self.deck, self.card_id)


#: A review's columns other than its two states (:mod:`.states`).
RECORD_COLUMNS = ("id", "deck", "card_id", "rating", "reviewed_at", "day", "duration_ms", "mode", "session_id",
                  "fsrs_state_before", "fsrs_state_after", "due_after", "undone")
_INSERT_REVIEW = (f"INSERT INTO reviews (id, deck, card_id, rating, reviewed_at, day, duration_ms, mode, session_id,"
                  f" fsrs_state_before, fsrs_state_after, due_after, {', '.join(BEFORE + AFTER)})"
                  f" VALUES ({', '.join('?' * 26)})")

#: What a grade does to a card, given its schedule as it is now (``None``: no row yet):
#: the state after (JSON), its FSRS state number and the due time.
Outcome = Callable[[ScheduleRow | None], tuple[str, int, datetime]]


class ReviewStore:
    """The ``reviews`` table and what it does to ``schedule`` (mixed into ``Store``)."""

    def grade_card(self, *, deck: str, card_id: str, rating: int, reviewed_at: datetime, duration_ms: int | None,
                   mode: str, outcome: Outcome, session_id: str | None = None) -> tuple[str, datetime]:
        """Grade a card from its schedule as stored: read it, compute ``outcome(row)`` and write the
        review and the new schedule in one ``BEGIN IMMEDIATE`` transaction, so a grade given at
        the same moment by another process (or connection) is never overwritten: the second
        one starts from the state the first left. Returns the review id and the due time."""
        with self.transaction():
            row = self.schedule_row(deck, card_id)
            state_after, fsrs_after, due = outcome(row)
            review_id = self.record_review(
                deck=deck, card_id=card_id, rating=rating, reviewed_at=reviewed_at, duration_ms=duration_ms,
                mode=mode, state_before=row.state if row else None, fsrs_state_before=row.fsrs_state if row else NEW,
                state_after=state_after, fsrs_state_after=fsrs_after, due_after=due, session_id=session_id)
        return review_id, due

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
        lapse = int(is_lapse(rating, fsrs_state_before))
        with self.transaction():
            self.conn.execute(_INSERT_REVIEW, (
                review_id, deck, card_id, int(rating), iso(reviewed_at), study_day(reviewed_at).isoformat(),
                duration_ms, mode, session_id, fsrs_state_before, fsrs_state_after, iso(due_after),
                *encode(state_before), *encode(state_after)))
            lapses = self._lapses(deck, card_id) + lapse
            self.conn.execute(
                "UPDATE schedule SET state=?, fsrs_state=?, due=?, reps=reps+1, lapses=?, leech=?, buried_until=NULL"
                " WHERE deck=? AND card_id=?",
                (state_after, fsrs_state_after, iso(due_after), lapses, int(is_leech(lapses)), deck, card_id),
            )
        return review_id

    def undo_review(self, review_id: str) -> dict[str, Any]:
        """Mark a review undone and restore the card's schedule exactly as it was before it.

        Read and written in one transaction: if another window graded the card since, the
        card is rebuilt from its remaining reviews instead, so that later grade is kept."""
        from .db import StoreError

        with self.transaction():
            row = self.conn.execute(
                f"SELECT deck, card_id, rating, fsrs_state_before, undone, {', '.join(BEFORE + AFTER)} FROM reviews"
                " WHERE id=?", (review_id,)).fetchone()
            if row is None or row[4]:
                raise StoreError("nothing to undo")
            deck, card_id, rating, fsrs_before = row[:4]
            state_before, state_after = decode(row[5:12]), decode(row[12:19])
            self.conn.execute("UPDATE reviews SET undone=1 WHERE id=?", (review_id,))
            current = self.conn.execute("SELECT state FROM schedule WHERE deck=? AND card_id=?",
                                        (deck, card_id)).fetchone()
            if current is not None and current[0] != state_after:  # graded again elsewhere since
                self.replay_card((deck, card_id), self._deck_scheduler(deck))
                return {"deck": deck, "card_id": card_id}
            due = json.loads(state_before)["due"] if state_before else None
            lapses = self._lapses(deck, card_id) - int(is_lapse(rating, fsrs_before))
            self.conn.execute(
                "UPDATE schedule SET state=?, fsrs_state=?, due=?, reps=reps-1, lapses=?, leech=?"
                " WHERE deck=? AND card_id=?",
                (state_before, fsrs_before, _normalise_iso(due), lapses, int(is_leech(lapses)), deck, card_id),
            )
        return {"deck": deck, "card_id": card_id}

    def _lapses(self, deck: str, card_id: str) -> int:
        row = self.conn.execute("SELECT lapses FROM schedule WHERE deck=? AND card_id=?", (deck, card_id)).fetchone()
        return row[0] if row else 0

    def done_today(self, day: date) -> dict[str, tuple[int, int]]:
        """Per deck: new cards introduced and review-state cards reviewed on study day ``day``
        (study reviews, not undone; a deck with neither is left out)."""
        rows = self.conn.execute("SELECT deck, new_cards, reviews FROM review_deck_days"
                                 " WHERE day=? AND (new_cards>0 OR reviews>0)", (day.isoformat(),))
        return {deck: (n_new, n_rev) for deck, n_new, n_rev in rows}

    def card_history(self, deck: str, card_id: str) -> list[tuple[str, int, int | None, str | None, str]]:
        """One card's reviews, oldest first (undone ones left out): ``(reviewed_at, rating,
        duration_ms, due_after, mode)``."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT reviewed_at, rating, duration_ms, due_after, mode FROM reviews"
            " WHERE deck=? AND card_id=? AND undone=0 ORDER BY reviewed_at, id", (deck, card_id))]

    def reviewed_on(self, day: date, decks: list[str]) -> set[tuple[str, str]]:
        """Cards ``(deck, card_id)`` of ``decks`` given a counted study review on study day ``day``."""
        return {(d, c) for d, c in self.conn.execute(REVIEWED_ON_SQL.format(decks=marks(decks)),
                                                     [day.isoformat(), *decks])}

    def review_count(self) -> int:
        """Reviews in the log that were not undone (every mode)."""
        return self.conn.execute("SELECT COUNT(*) FROM reviews WHERE undone=0").fetchone()[0]

    def review_log(self, decks: Iterable[str] | None = None, *, mode: str | None = None) -> Iterator[LoggedReview]:
        """Non-undone reviews in time order (ties by review id), of ``decks`` / ``mode`` if given."""
        sql = "SELECT id, deck, card_id, rating, reviewed_at, duration_ms, mode FROM reviews WHERE undone=0"
        params: list[Any] = []
        if decks is not None:
            decks = list(decks)
            sql += f" AND deck IN ({marks(decks)})"
            params += decks
        if mode is not None:
            sql += " AND mode=?"
            params.append(mode)
        for rid, deck, card_id, rating, at, duration, kind in self.conn.execute(sql + " ORDER BY reviewed_at, id",
                                                                               params):
            yield LoggedReview(card_id, rating, datetime.fromisoformat(at), duration, deck, rid, kind or "review")

    def review_records(self) -> list[dict[str, Any]]:
        """Every review in the log, undone ones too, in the order recorded: its columns, with its
        two states as their JSON text (``state_before``, ``state_after``) as before schedule 13."""
        cursor = self.conn.execute(f"SELECT {', '.join(RECORD_COLUMNS + BEFORE + AFTER)} FROM reviews"
                                   " ORDER BY reviewed_at, rowid")
        head = len(RECORD_COLUMNS)
        return [dict(zip(RECORD_COLUMNS, row[:head]), state_before=decode(row[head:head + 7]),
                     state_after=decode(row[head + 7:])) for row in cursor]


def _normalise_iso(value: str | None) -> str | None:
    return iso(datetime.fromisoformat(value)) if value else None
