"""Card info (``i`` in Review and Cards): one card's review history and FSRS memory state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from .scheduler import Rating, State, load_state

if TYPE_CHECKING:
    from .collection import Collection
    from .decks import StudyItem

STATE_NAMES = {0: "new", int(State.Learning): "learning", int(State.Review): "review",
               int(State.Relearning): "relearning"}


@dataclass(frozen=True)
class PastReview:
    """One review of the card: when, the grade, the interval it gave, the time taken."""

    at: datetime
    grade: str  # "Again", "Hard", "Good", "Easy"
    interval_days: float | None  # until the due date this review set
    seconds: float | None
    mode: str  # "review" (scheduled), "drill" (practice: schedule untouched)


@dataclass(frozen=True)
class CardInfo:
    item: "StudyItem"
    state: str  # "new", "learning", "review", "relearning"
    due: datetime | None
    stability: float | None  # days until predicted recall falls to 90%
    difficulty: float | None  # FSRS difficulty, 1 (easy) to 10 (hard)
    recall_now: float | None  # predicted probability of recall now (None: never studied)
    reps: int
    lapses: int
    suspended: bool
    buried_until: datetime | None
    history: list[PastReview] = field(default_factory=list)


def card_info(collection: "Collection", deck_id: str, item_id: str) -> CardInfo:
    """What is known about study item ``item_id`` of ``deck_id`` now (``KeyError`` if unknown)."""
    item = collection.items[(deck_id, item_id)]
    row = collection.store.schedule_row(deck_id, item_id)
    state = load_state(row.state) if row and row.state else None
    now = collection.now()
    history = []
    for at, rating, duration_ms, due_after, mode in collection.store.card_history(deck_id, item_id):
        moment = datetime.fromisoformat(at)
        interval = (datetime.fromisoformat(due_after) - moment).total_seconds() / 86400 \
            if due_after and mode == "review" else None
        history.append(PastReview(moment, Rating(rating).name, interval,
                                  duration_ms / 1000 if duration_ms is not None else None, mode or "review"))
    return CardInfo(
        item=item, state=STATE_NAMES.get(row.fsrs_state if row else 0, "new"),
        due=datetime.fromisoformat(row.due) if row and row.due and state is not None else None,
        stability=state.stability if state else None, difficulty=state.difficulty if state else None,
        recall_now=collection.scheduler(deck_id).retrievability(state, now) if state and state.stability else None,
        reps=row.reps if row else 0, lapses=row.lapses if row else 0, suspended=bool(row and row.suspended),
        buried_until=datetime.fromisoformat(row.buried_until) if row and row.buried_until else None,
        history=history)
