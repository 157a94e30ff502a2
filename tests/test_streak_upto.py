"""Home's streak, read from the runs the store keeps up to a past day and the days after it,
is the streak counted from every study day: after a gap, across the day the runs were kept up
to, and when an older review arrives (a merge) into a day already counted."""

from __future__ import annotations

import random
from datetime import date, timedelta

from anastro_quiz.clock import study_day
from anastro_quiz.scheduler import Rating
from anastro_quiz.study_days import Streak, extend_streak, streak, streaks

DAY = timedelta(days=1)


def test_extending_the_kept_runs_counts_as_every_day_does():
    rng = random.Random(7)
    start = date(2026, 1, 1)
    for _ in range(300):
        days = sorted({start + DAY * rng.randrange(40) for _ in range(rng.randrange(30))})
        today = start + DAY * rng.randrange(1, 45)
        through = start + DAY * rng.randrange(-1, (today - start).days)  # any day before today
        upto = [d for d in days if d <= through]
        longest, run = streaks({d.isoformat() for d in upto}, through).longest, 0
        while through - DAY * run in upto:
            run += 1
        later = [d for d in days if d > through]
        expected = streaks({d.isoformat() for d in days}, today)
        assert extend_streak(through, longest, run, later, today) == expected, (days, through, today)


def _review_on(collection, clock, day: date) -> None:
    """One grade on ``day`` (at noon), as if studied then."""
    clock.now = clock.now.replace(year=day.year, month=day.month, day=day.day)
    session = collection.start_session()
    session.grade(Rating.Good)


def test_the_streak_is_kept_across_launches_and_follows_an_older_review(collection, clock):
    now = clock.now
    today = study_day(now)
    for back in (5, 4, 3, 1):  # a gap two days ago
        _review_on(collection, clock, today - DAY * back)
    clock.now = now
    assert streak(collection, today) == Streak(current=1, longest=3)
    assert collection.store.streak_upto() == ((today - DAY).isoformat(), 3, 1)  # kept up to yesterday
    assert streak(collection, today) == Streak(current=1, longest=3)  # read from what was kept

    _review_on(collection, clock, today)  # today's grade: after the kept day, which stays kept
    assert collection.store.streak_upto() is not None
    assert streak(collection, today) == Streak(current=2, longest=3)

    _review_on(collection, clock, today - DAY * 2)  # an older review fills the gap (a merge would)
    assert collection.store.streak_upto() is None  # a kept day changed: counted again
    assert streak(collection, today) == Streak(current=6, longest=6)
    assert streak(collection, today + DAY) == Streak(current=6, longest=6)  # tomorrow, not studied yet
    assert streak(collection, today + DAY * 3) == Streak(current=0, longest=6)
