"""What Home shows, read in one trip to the database: each deck's counts and mastery, today's
totals, the streak, the last two weeks' reviews and (where asked) the 30-day forecast.

Core, not TUI: the app reads it in a worker, and a launch whose collection opens at once reads
it before the app's first frame (``cli.main.study``), so Home's first frame has its counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .clock import study_day

if TYPE_CHECKING:
    from .collection import Collection, DeckSummary
    from .study_days import DueDay, Streak


@dataclass
class HomeData:
    decks: list[DeckSummary]
    new_today: int
    reviewed_today: int
    streak: Streak
    # Cards due on each of the next 30 days; None: not read (no room for the chart was known).
    forecast: list[DueDay] | None = None
    recent: list[tuple[date, int]] = field(default_factory=list)  # reviews on each of the last 14 days


def load_home(collection: Collection, *, forecast: bool = True) -> HomeData:
    """Everything Home shows; the forecast only with ``forecast`` (read only where the chart is
    shown: 30 index ranges)."""
    from .study_days import due_forecast, streak

    now = collection.now()
    decks = collection.deck_summaries()
    new_today = sum(d.new for d in decks)  # DeckSummary.new is already within today's cap
    today = study_day(now)
    fortnight = [today - timedelta(days=n) for n in range(13, -1, -1)]
    days = collection.store.reviews_since(fortnight[0].isoformat())  # these days only, not the history
    recent = [(day, days.get(day.isoformat(), 0)) for day in fortnight]
    return HomeData(decks, new_today, days.get(today.isoformat(), 0), streak(collection, today),
                    due_forecast(collection, list(collection.decks), now, 30) if forecast else None, recent)
