"""Learning statistics computed from the review log and the schedule (no UI, no SQL).

"True retention" follows Anki: of the reviews of cards in the *review* state (not new
or learning), the share not graded Again. Drill and quiz answers never count. Every
result is a small dataclass; :meth:`CollectionStats.to_dict` is ``stats --json``. The days
studied, the streak and the due forecast, which Home shows too, are in :mod:`study_days`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .clock import study_day
from .study_days import DueDay, Streak, due_forecast, review_days, streaks

if TYPE_CHECKING:
    from .collection import Collection


@dataclass(frozen=True)
class Retention:
    """Reviews of review-state cards in a period, how many were recalled, and the share."""

    reviews: int
    recalled: int
    rate: float | None  # None: no such review in the period


@dataclass(frozen=True)
class WeekRetention:
    week_start: str  # ISO date of the study day the week starts on
    reviews: int
    rate: float | None


@dataclass(frozen=True)
class CardStates:
    new: int
    learning: int
    review: int
    relearning: int
    suspended: int
    total: int


@dataclass(frozen=True)
class ReviewTotals:
    total: int
    today: int


@dataclass(frozen=True)
class Mastery:
    """Share of cards mastered (FSRS predicts at least 90% recall a week from now), per deck and per tag."""

    decks: dict[str, float]
    tags: dict[str, float]


@dataclass(frozen=True)
class Leech:
    deck: str
    id: str
    prompt: str


@dataclass(frozen=True)
class CollectionStats:
    """Everything ``anastro-quiz stats`` prints and the Progress screen shows."""

    cards: CardStates
    reviews: ReviewTotals
    retention_7d: Retention
    retention_30d: Retention
    forecast: list[DueDay]
    streak: Streak
    mastery: Mastery
    leeches: list[Leech]

    def to_dict(self) -> dict[str, Any]:
        """The ``stats --json`` document (its keys are documented in the README)."""
        return {
            "cards": asdict(self.cards),
            "reviews": asdict(self.reviews),
            "retention": {"7d": asdict(self.retention_7d), "30d": asdict(self.retention_30d)},
            "forecast": [asdict(day) for day in self.forecast],
            "streak": asdict(self.streak),
            "mastery": asdict(self.mastery),
            "leeches": [asdict(leech) for leech in self.leeches],
        }


def true_retention(collection: Collection, now: datetime, days: int) -> Retention:
    """Recall rate on review-state cards over the last ``days`` days."""
    total, recalled = collection.store.retention_counts(now - timedelta(days=days))
    return Retention(total, recalled, (recalled / total) if total else None)


def retention_by_week(collection: Collection, now: datetime, weeks: int = 12) -> list[WeekRetention]:
    """True retention for each of the last ``weeks`` weeks, oldest first."""
    out = []
    for index in range(weeks, 0, -1):
        start, end = now - timedelta(weeks=index), now - timedelta(weeks=index - 1)
        total, recalled = collection.store.retention_counts(start, end)
        out.append(WeekRetention(study_day(start).isoformat(), total, (recalled / total) if total else None))
    return out


def cards_by_state(collection: Collection, decks: list[str]) -> CardStates:
    return CardStates(**collection.store.cards_by_state(decks))


def collection_stats(collection: Collection, now: datetime | None = None, forecast_days: int = 30) -> CollectionStats:
    """Everything ``anastro-quiz stats`` prints (its ``--json`` schema is in the README)."""
    now = now or collection.now()
    decks = list(collection.decks)
    days = review_days(collection)
    today = study_day(now)
    return CollectionStats(
        cards=cards_by_state(collection, decks),
        reviews=ReviewTotals(collection.store.counted_reviews(), days.get(today.isoformat(), 0)),
        retention_7d=true_retention(collection, now, 7),
        retention_30d=true_retention(collection, now, 30),
        forecast=due_forecast(collection, decks, now, forecast_days),
        streak=streaks(set(days), today),
        mastery=Mastery(collection.mastery_by_deck(now), collection.mastery_by_tag(now)),
        leeches=[Leech(i.deck_id, i.id, i.prompt) for i in collection.leeches()],
    )
