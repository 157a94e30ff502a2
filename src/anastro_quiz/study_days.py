"""A learner's days: reviews per study day, the streak, and the cards falling due on each day
ahead. What Home shows of the history at every launch; the other statistics (retention,
card states, mastery, leeches) are in :mod:`stats`, which the Progress screen and ``stats``
read (kept apart so a launch does not build their classes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .clock import day_start, study_day

if TYPE_CHECKING:
    from .collection import Collection


@dataclass(frozen=True)
class DueDay:
    date: str  # ISO date of the study day
    due: int


@dataclass(frozen=True)
class Streak:
    current: int  # days in a row ending today (or yesterday, if today has no review yet)
    longest: int



def due_forecast(collection: Collection, decks: list[str], now: datetime, days: int = 30) -> list[DueDay]:
    """Cards falling due on each of the next ``days`` study days (day 0 includes overdue)."""
    today = study_day(now)
    # One index range per study day (overdue cards count on day 0): the cost is the days'.
    bounds = [day_start(today + timedelta(days=i)) for i in range(1, days + 1)]
    counts = collection.store.due_in_ranges(decks, bounds)
    return [DueDay((today + timedelta(days=i)).isoformat(), n) for i, n in enumerate(counts)]


def review_days(collection: Collection) -> dict[str, int]:
    """Reviews per study day (ISO date), for the heatmap and the streak."""
    return collection.store.reviews_per_day()


def streaks(days_with_reviews: set[str], today: date) -> Streak:
    """Current streak (ending today, or yesterday if today has no reviews yet) and the longest."""
    ordinals = sorted({date.fromisoformat(text).toordinal() for text in days_with_reviews})
    present = set(ordinals)
    current, cursor = 0, today.toordinal() if today.toordinal() in present else today.toordinal() - 1
    while cursor in present:
        current, cursor = current + 1, cursor - 1
    longest, run, previous = 0, 0, None
    for day in ordinals:
        run = run + 1 if previous is not None and day - previous == 1 else 1
        longest, previous = max(longest, run), day
    return Streak(current, longest)
