"""A learner's days: reviews per study day, the streak, and the cards falling due on each day
ahead. What Home shows of the history at every launch; the other statistics (retention,
card states, mastery, leeches) are in :mod:`stats`, which the Progress screen and ``stats``
read (kept apart so a launch does not build their classes).

Home's streak is :func:`streak`: counted from what the store keeps up to a past day and the
study days after it, so a launch reads a few days, not every day since the first review."""

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


ONE_DAY = timedelta(days=1)


def streak(collection: Collection, today: date) -> Streak:
    """The streak as :func:`streaks` counts it from every study day, read from the runs the
    store keeps up to a past day (counted again from every day, and kept up to yesterday, when
    they are not kept: the first time, or after a change to a day up to then)."""
    store = collection.store
    kept = store.streak_upto()
    if kept is not None and date.fromisoformat(kept[0]) < today:
        through, longest, run = date.fromisoformat(kept[0]), kept[1], kept[2]
        later = [date.fromisoformat(day) for day in store.reviews_since((through + ONE_DAY).isoformat())]
        return extend_streak(through, longest, run, later, today)
    through = today - ONE_DAY
    days = sorted(date.fromisoformat(day) for day in store.reviews_per_day())
    upto = [day for day in days if day <= through]
    longest, run = _runs_upto(upto, through)
    store.save_streak_upto(through.isoformat(), longest, run)
    return extend_streak(through, longest, run, days[len(upto):], today)


def _runs_upto(days: list[date], through: date) -> tuple[int, int]:
    """The longest run of ``days`` (study days in order, none after ``through``) and the run
    ending on ``through`` (0 if it is not one of them)."""
    longest = run = 0
    previous = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == ONE_DAY else 1
        longest, previous = max(longest, run), day
    return longest, run if previous == through else 0


def extend_streak(through: date, longest: int, run: int, later: list[date], today: date) -> Streak:
    """The streak on ``today`` (a day after ``through``) from ``longest``, the longest run of study
    days up to ``through``, ``run``, the run ending on it, and ``later``, the study days after it
    in order (as :func:`streaks` counts: ending today, or yesterday if today has none yet)."""
    last, ending = through, {through: run}
    for day in later:
        run = run + 1 if day == last + ONE_DAY else 1
        longest, last = max(longest, run), day
        ending[day] = run
    return Streak(ending.get(today) or ending.get(today - ONE_DAY, 0), longest)


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
