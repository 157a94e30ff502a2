"""Reschedule on change: after a change of desired retention or FSRS parameters, every studied
card's state and due date are recomputed from its review history, as Anki's FSRS does.

:func:`preview_reschedule` replays each card's reviews (study reviews only, not drill) with
the deck's scheduler as it is now, with the session's fuzz seeds, and says how the daily
load changes; :func:`apply_reschedule` writes the new states and due dates in one
transaction. The review log itself is left as it was recorded.

Load balancing: the day a review went to depended on the load of that moment, which a
replay cannot see. So a card keeps its due date while that date is still one its last
review could give with the settings as they are now (its study day within the fuzz range
of the recomputed interval, see ``Scheduler.placements``): nothing moves until a setting
does. A card whose due date is no longer possible goes to the least loaded day of its new
range, counting the cards due as the reschedule leaves them (the ones moved so far at
their new dates).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .clock import study_day
from .due_load import LiveLoad
from .scheduler import dump_state, load_state

if TYPE_CHECKING:
    from .collection import Collection

FORECAST_DAYS = 30


@dataclass
class ReschedulePreview:
    """What rescheduling would change: cards and the reviews due per day, before and after."""

    cards: int = 0  # studied cards replayed
    changed: int = 0  # of them, with a new due date
    before: dict[str, int] = field(default_factory=dict)  # reviews due per day (day 0 with overdue)
    after: dict[str, int] = field(default_factory=dict)
    rows: list[tuple[str, str, str, int, datetime]] = field(default_factory=list)  # deck, card, state, fsrs, due

    def to_dict(self) -> dict[str, Any]:
        return {"cards": self.cards, "changed": self.changed, "due_before": dict(self.before),
                "due_after": dict(self.after)}


def preview_reschedule(collection: "Collection", deck_ids: list[str] | None = None,
                       days: int = FORECAST_DAYS) -> ReschedulePreview:
    """Each studied card of ``deck_ids`` (default: every deck) replayed with today's scheduler."""
    decks = list(deck_ids or collection.decks)
    history: dict[tuple[str, str], list] = defaultdict(list)
    for review in collection.store.review_log(decks, mode="review"):
        history[review.card_key].append(review)
    today = study_day(collection.now())
    span = [(today + timedelta(days=i)).isoformat() for i in range(days)]
    before: Counter = Counter()
    after: Counter = Counter()
    preview = ReschedulePreview()

    def count(counter: Counter, due: datetime | None) -> None:
        if due is not None:
            day = max(study_day(due), today)
            if (day - today).days < days:
                counter[day.isoformat()] += 1

    load = LiveLoad(collection.store)
    for deck_id in decks:
        for row in collection.store.deck_rows(deck_id):
            scheduler = collection.scheduler(deck_id, row.card_id)
            reviews = history.get((deck_id, row.card_id))
            if not row.state or not reviews or row.suspended:
                continue
            state = None
            for reps, review in enumerate(reviews[:-1]):
                state, _due = scheduler.review(state if state is not None else scheduler.new_state(review.time),
                                               review.rating, review.time, fuzz_seed=f"{deck_id}/{row.card_id}/{reps}")
            last = reviews[-1]
            before_last = state if state is not None else scheduler.new_state(last.time)
            old_due = datetime.fromisoformat(row.due) if row.due else None
            state, due = scheduler.review(before_last, last.rating, last.time,
                                          fuzz_seed=f"{deck_id}/{row.card_id}/{len(reviews) - 1}")
            if old_due is not None and study_day(old_due) in (
                    scheduler.placements(before_last, last.rating, last.time) or ()):
                state.due = due = old_due  # still a day the balancer could have picked: it stays
            elif old_due is None or abs((due - old_due).total_seconds()) >= 60:
                load.leave(old_due if row.fsrs_state in (1, 2, 3) else None)
                state, due = scheduler.review(before_last, last.rating, last.time, due_load=load,
                                              fuzz_seed=f"{deck_id}/{row.card_id}/{len(reviews) - 1}")
                load.arrive(due)
            count(before, old_due)
            count(after, due)
            preview.cards += 1
            moved = old_due is None or abs((due - old_due).total_seconds()) >= 60
            preview.changed += moved
            if moved or _memory(dump_state(state)) != _memory(row.state):
                preview.rows.append((deck_id, row.card_id, dump_state(state), int(state.state), due))
    preview.before = {d: before.get(d, 0) for d in span}
    preview.after = {d: after.get(d, 0) for d in span}
    return preview


def apply_reschedule(collection: "Collection", preview: ReschedulePreview) -> int:
    """Write the previewed states and due dates (all or nothing); the number of cards changed."""
    return collection.store.rewrite_schedules(preview.rows)


def _memory(state: str) -> tuple:
    """What a card's state holds apart from its due date (the memory state FSRS computed)."""
    card = load_state(state)
    return (card.state, card.step, card.stability, card.difficulty, card.last_review)

