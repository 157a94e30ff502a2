"""Load balancing and easy days: a fuzzed review lands on the least loaded day of its fuzz
range (never outside it), off the learner's easy days when the range allows."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from anastro_quiz.clock import study_day
from anastro_quiz.scheduler import Rating, Scheduler, SchedulerSettings, fuzz_range

NOW = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)


def _review_card(sched: Scheduler):
    """A card in the review state, next graded when Good gives a fuzzed interval of weeks."""
    state, due = sched.review(sched.new_state(NOW), Rating.Easy, NOW)
    state, due = sched.review(state, Rating.Good, due, fuzz_seed="a")
    return state, due


def _range_days(sched, state, at):
    interval = sched.simulate(state, Rating.Good, at).due - at
    low, high = fuzz_range(interval.days, sched.maximum_interval)
    return {study_day(at + timedelta(days=d)): d for d in range(low, high + 1)}


def test_a_graded_card_lands_on_the_least_loaded_day_of_its_range_and_never_outside():
    sched = Scheduler(load_balance=True)
    state, at = _review_card(sched)
    days = _range_days(sched, state, at)
    assert len(days) >= 3
    light = sorted(days)[len(days) // 2]
    load = {d: 50 for d in days} | {light: 3}  # a skewed load: every day busy but one
    calls = []

    def due_load(first: date, last: date) -> dict[date, int]:
        calls.append((first, last))
        return load

    for seed in ("x", "y", "z", "w"):
        _state, due = sched.review(state, Rating.Good, at, fuzz_seed=seed, due_load=due_load)
        assert study_day(due) == light
    assert calls and calls[0] == (min(days), max(days))
    # The light day outside the range is never chosen: the busiest in-range day still wins over it.
    outside = {min(days) - timedelta(days=1): 0, max(days) + timedelta(days=1): 0}
    _state, due = sched.review(state, Rating.Good, at, fuzz_seed="x",
                               due_load=lambda a, b: {d: 9 for d in days} | outside)
    assert study_day(due) in days


def test_with_balancing_off_the_schedule_is_as_before():
    plain, balanced_off = Scheduler(), Scheduler(load_balance=False)
    assert SchedulerSettings().load_balance and plain.load_balance  # on by default
    state, at = _review_card(plain)
    busy = lambda a, b: {a + timedelta(days=i): 100 - i for i in range(60)}  # noqa: E731
    for seed in ("1", "2", "3", "4", "5"):
        before = plain.review(state, Rating.Good, at, fuzz_seed=seed)[1]
        assert balanced_off.review(state, Rating.Good, at, fuzz_seed=seed, due_load=busy)[1] == before
    # and a scheduler without fuzz is not balanced either
    unfuzzed = Scheduler(enable_fuzzing=False)
    assert (unfuzzed.review(state, Rating.Good, at, due_load=busy)[1]
            == unfuzzed.review(state, Rating.Good, at)[1])


def test_easy_days_are_avoided_when_the_range_allows():
    sched = Scheduler()
    state, at = _review_card(sched)
    days = _range_days(sched, state, at)
    weekdays = {d.weekday() for d in days}
    assert len(weekdays) >= 2
    for seed in ("p", "q", "r"):
        drawn = study_day(sched.review(state, Rating.Good, at, fuzz_seed=seed)[1])
        easy = Scheduler(easy_days=[drawn.weekday()], load_balance=True)
        due = easy.review(state, Rating.Good, at, fuzz_seed=seed)[1]
        assert study_day(due) in days and study_day(due).weekday() != drawn.weekday()
        # even when the easy day is the least loaded one
        empty_easy = lambda a, b: {d: (0 if d.weekday() == drawn.weekday() else 5) for d in days}  # noqa: E731
        due = easy.review(state, Rating.Good, at, fuzz_seed=seed, due_load=empty_easy)[1]
        assert study_day(due).weekday() != drawn.weekday()


def test_easy_days_are_checked():
    with pytest.raises(ValueError, match="days of the week"):
        SchedulerSettings(easy_days=[7]).validate()
    with pytest.raises(ValueError, match="at least one day"):
        SchedulerSettings(easy_days=list(range(7))).validate()
    settings = SchedulerSettings.from_dict({"easy_days": [5, 6], "load_balance": False})
    sched = Scheduler.from_settings(settings)
    assert sched.easy_days == {5, 6} and not sched.load_balance


def test_the_store_counts_cards_due_per_study_day(collection, clock):
    from anastro_quiz.collection import DailyLimits
    collection.save_limits(DailyLimits(new_per_day=3))
    session = collection.start_session()
    dues = []
    while not session.finished:
        outcome = session.grade(Rating.Easy)
        dues.append(outcome.due)
    first, last = study_day(min(dues)), study_day(max(dues))
    counts = collection.store.due_counts(first, last)
    assert sum(counts.values()) == len(dues)
    assert counts == {d: sum(study_day(x) == d for x in dues) for d in counts}


def test_the_due_count_reads_a_range_of_the_due_index(tmp_path):
    from anastro_quiz.store import Store
    from anastro_quiz.store.queries import DUE_COUNTS_SQL
    with Store.open(tmp_path / "p.db") as store:
        plan = store.query_plan(DUE_COUNTS_SQL, ("2026-01-01", "2026-02-01"))
    assert "USING COVERING INDEX" in plan and "due>? AND due<?" in plan, plan
