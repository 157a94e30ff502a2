"""Home's streak line after a gap in the study days, and again once an older review (as a
merge brings) fills the gap: the streak is read from runs kept up to yesterday, which such a
review makes the app count again."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Static

from anastro_quiz.clock import study_day
from anastro_quiz.scheduler import Rating
from anastro_quiz.tui.app import make_app

from .conftest import home_loaded

DAY = timedelta(days=1)


def _review_on(collection, clock, day: date) -> None:
    clock.now = clock.now.replace(year=day.year, month=day.month, day=day.day)
    collection.start_session().grade(Rating.Good)


async def _streak_line(collection) -> str:
    app = make_app(collection)
    async with app.run_test(size=(100, 30)) as pilot:
        await home_loaded(pilot)
        text = str(app.screen.query_one("#today", Static).render())
    return text[text.index("Streak"):]


async def test_home_shows_the_streak_after_a_gap_and_after_the_gap_is_filled(collection, clock):
    now = clock.now
    today = study_day(now)
    for back in (5, 4, 3, 1):  # studied five, four, three days ago and yesterday
        _review_on(collection, clock, today - DAY * back)
    clock.now = now
    assert await _streak_line(collection) == "Streak: 1 day (best 3)"
    assert await _streak_line(collection) == "Streak: 1 day (best 3)"  # a later launch, from the kept runs
    _review_on(collection, clock, today - DAY * 2)
    clock.now = now
    assert await _streak_line(collection) == "Streak: 5 days (best 5)"
