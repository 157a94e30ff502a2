"""The FSRS facade: the API benchmarks and the session use."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import fsrs
import pytest

from anastro_quiz.scheduler import (Rating, Scheduler, SchedulerSettings, State, dump_state,
                                    format_interval, load_state)

NOW = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)


def test_new_card_learning_steps_then_graduates():
    sched = Scheduler(enable_fuzzing=False)
    state = sched.new_state(NOW)
    assert sched.retrievability(state, NOW) == 0.0
    state, due = sched.review(state, Rating.Good, NOW)
    assert state.state == State.Learning and due - NOW == timedelta(minutes=10)
    state, due = sched.review(state, Rating.Good, due)
    assert state.state == State.Review and due - NOW >= timedelta(days=1)


def test_easier_grades_give_longer_intervals():
    sched = Scheduler(enable_fuzzing=False)
    state, due = sched.review(sched.new_state(NOW), Rating.Good, NOW)
    state, due = sched.review(state, Rating.Good, due)
    later = due + timedelta(days=1)
    intervals = sched.preview(state, later)
    assert intervals[Rating.Again] < intervals[Rating.Hard] < intervals[Rating.Good] < intervals[Rating.Easy]


def test_retrievability_decays_with_time():
    sched = Scheduler(enable_fuzzing=False)
    state, due = sched.review(sched.new_state(NOW), Rating.Easy, NOW)
    soon, late = sched.retrievability(state, NOW + timedelta(days=1)), sched.retrievability(state, NOW + timedelta(days=90))
    assert 1.0 >= soon > late > 0.0


def test_higher_desired_retention_means_shorter_intervals():
    def interval(retention):
        sched = Scheduler(desired_retention=retention, enable_fuzzing=False)
        state, _ = sched.review(sched.new_state(NOW), Rating.Easy, NOW)
        return state.due - NOW
    assert interval(0.95) < interval(0.80)


def test_maximum_interval_is_respected():
    sched = Scheduler(maximum_interval=3, enable_fuzzing=False)
    state, due = sched.review(sched.new_state(NOW), Rating.Easy, NOW)
    for _ in range(5):
        state, due = sched.review(state, Rating.Easy, due)
    assert state.due - state.last_review <= timedelta(days=3)


def test_state_serializes_losslessly():
    sched = Scheduler()
    state, _ = sched.review(sched.new_state(NOW), Rating.Hard, NOW)
    again = load_state(dump_state(state))
    assert again.to_dict() == state.to_dict()


def test_settings_validation_and_round_trip():
    settings = SchedulerSettings(desired_retention=0.85, learning_steps_minutes=[2, 15], enable_fuzzing=False)
    assert SchedulerSettings.from_dict(settings.to_dict()) == settings
    with pytest.raises(ValueError, match="retention"):
        SchedulerSettings.from_dict({"desired_retention": 1.5})
    sched = Scheduler.from_settings(settings)
    state, due = sched.review(sched.new_state(NOW), Rating.Again, NOW)
    assert due - NOW == timedelta(minutes=2)


@pytest.mark.parametrize("delta, text", [(timedelta(seconds=30), "<1m"), (timedelta(minutes=10), "10m"),
                                         (timedelta(hours=5), "5h"), (timedelta(days=3), "3d"),
                                         (timedelta(days=75), "2.5mo"), (timedelta(days=730), "2.0y")])
def test_format_interval(delta, text):
    assert format_interval(delta) == text


def test_fuzz_seed_makes_fuzzed_intervals_reproducible():
    sched = Scheduler(enable_fuzzing=True)
    state, due = sched.review(sched.new_state(NOW), Rating.Easy, NOW)
    later = due + timedelta(days=3)
    seeded = {sched.review(state, Rating.Good, later, fuzz_seed="review-1")[1] for _ in range(5)}
    assert len(seeded) == 1
    spread = {sched.review(state, Rating.Good, later, fuzz_seed=f"review-{i}")[1] for i in range(30)}
    assert len(spread) > 1  # different seeds still fuzz


def test_retrievability_from_stored_fields_matches_the_full_state():
    sched = Scheduler(enable_fuzzing=False)
    state, due = sched.review(sched.new_state(NOW), Rating.Good, NOW)
    state, due = sched.review(state, Rating.Hard, due)
    for days in (0, 3, 40, 400):
        at = due + timedelta(days=days)
        stored = state.to_dict()
        assert sched.retrievability_from(stored["stability"], stored["last_review"], at) == \
            sched.retrievability(state, at)
    assert sched.retrievability_from(None, None, NOW) == 0.0


def test_our_fuzz_is_py_fsrs_fuzz_for_the_same_draw(monkeypatch):
    """fuzzed_interval reproduces py-fsrs's own fuzz (whichever fsrs the pin installs), so
    seeding it ourselves changes no schedule. The check feeds py-fsrs the same draw."""
    import sys

    from anastro_quiz.scheduler import fuzzed_interval

    fsrs_scheduler = sys.modules[fsrs.Scheduler.__module__]  # fsrs.fsrs in 6.0, fsrs.scheduler later

    reference = fsrs.Scheduler(maximum_interval=500)
    for draw in (0.0, 0.2, 0.5, 0.77, 0.999):
        monkeypatch.setattr(fsrs_scheduler, "random", lambda: draw)
        for days in [1, 2, 3, 4, 7, 8, 19, 20, 21, 60, 365, 480, 499, 500]:
            expected = reference._get_fuzzed_interval(interval=timedelta(days=days))
            assert fuzzed_interval(timedelta(days=days), lambda: draw, 500) == expected, (days, draw)


def test_fuzz_applies_to_review_intervals_only_and_stays_near_the_unfuzzed_one():
    fuzzed, plain = Scheduler(enable_fuzzing=True), Scheduler(enable_fuzzing=False)
    learning, _ = fuzzed.review(fuzzed.new_state(NOW), Rating.Good, NOW, fuzz_seed="a")
    assert learning.due == plain.review(plain.new_state(NOW), Rating.Good, NOW)[0].due  # a learning step
    state, due = plain.review(plain.new_state(NOW), Rating.Easy, NOW)
    later = due + timedelta(days=30)
    base = plain.review(state, Rating.Good, later)[1] - later
    spread = {fuzzed.review(state, Rating.Good, later, fuzz_seed=f"s{i}")[1] - later for i in range(40)}
    assert len(spread) > 1 and all(abs((d - base).days) <= max(2, 0.15 * base.days) for d in spread)


def test_no_two_grades_promise_the_same_interval():
    """A learning card's Good and Easy both came out "1d" (and a relearning card's Hard, Good
    and Easy): each grade that gives days gives at least a day more than the one below it,
    in the preview and in the review alike."""
    import itertools
    from datetime import datetime, timezone

    from anastro_quiz.scheduler import Scheduler, SchedulerSettings, format_interval

    now = datetime(2026, 3, 2, 12, tzinfo=timezone.utc)
    for fuzzing in (False, True):
        scheduler = Scheduler.from_settings(SchedulerSettings(enable_fuzzing=fuzzing))
        for history in itertools.product([1, 2, 3, 4], repeat=4):
            state, at = scheduler.new_state(now), now
            for n, rating in enumerate(history):
                state, at = scheduler.review(state, rating, at, fuzz_seed=f"card/{n}")
            preview = scheduler.preview(state, at, fuzz_seed="card/9")
            labels = [format_interval(preview[r]) for r in Rating]
            assert len(set(labels)) == 4, (history, labels)
            assert all(scheduler.review(state, r, at, fuzz_seed="card/9")[1] - at == preview[r] for r in Rating)
    # A case the learner met: Good and Easy were both "1d" on this learning card.
    plain = Scheduler.from_settings(SchedulerSettings(enable_fuzzing=False))
    state, at = plain.new_state(now), now
    for rating in (1, 1, 1, 3):
        state, at = plain.review(state, rating, at)
    assert [format_interval(d) for d in plain.preview(state, at).values()][2:] == ["1d", "2d"]


# Parameters fitted to benchmarks/bench_scheduling.py's held-out learner (it forgets fast:
# a just-learnt card lasts under a day).
FITTED_FAST_FORGETTER = [0.204633, 1.248165, 2.226349, 8.007329, 6.791867, 0.473183, 2.97125, 0.167467,
                         1.528566, 0.143449, 0.483798, 1.31577, 0.136822, 0.277528, 1.201921, 0.547234,
                         2.643922, 0.527197, 0.142117, 0.01253, 0.406419]


def _recall_at(sched: Scheduler, state, moment) -> float:
    """FSRS's forgetting curve at fractional days (py-fsrs's retrievability counts whole days)."""
    factor, decay = sched.forgetting_curve()
    return (1 + factor * ((moment - state.last_review) / timedelta(days=1)) / state.stability) ** decay


def _learnt(sched: Scheduler):
    state, due = sched.review(sched.new_state(NOW), Rating.Again, NOW)
    state, due = sched.review(state, Rating.Good, due)
    return sched.review(state, Rating.Good, due)


def test_fitted_memory_shorter_than_a_day_gets_a_same_day_step_due_at_the_desired_retention():
    sched = Scheduler(enable_fuzzing=False, parameters=FITTED_FAST_FORGETTER)
    state, due = _learnt(sched)
    # py-fsrs alone would graduate it to 1 day, where FSRS itself predicts recall well below 0.9
    plain = Scheduler(enable_fuzzing=False, parameters=FITTED_FAST_FORGETTER, same_day_steps=False)
    plain_state, plain_due = _learnt(plain)
    assert plain_state.state == State.Review and _recall_at(plain, plain_state, plain_due) < 0.85
    assert state.state == State.Learning and timedelta(hours=1) < due - state.last_review < timedelta(days=1)
    assert _recall_at(sched, state, due) == pytest.approx(0.9, abs=0.005)
    # recalled at that step, the stronger memory graduates to days (or takes one more step)
    while state.state == State.Learning:
        state, due = sched.review(state, Rating.Good, due)
    assert state.state == State.Review and due - state.last_review >= timedelta(days=1)


def test_default_parameters_graduate_to_a_day_as_py_fsrs_does():
    sched = Scheduler(enable_fuzzing=False)
    state, due = _learnt(sched)
    assert state.state == State.Review and due - state.last_review == timedelta(days=1)


def test_a_lapse_with_fitted_parameters_relearns_within_the_day_then_graduates():
    sched = Scheduler(enable_fuzzing=False, parameters=FITTED_FAST_FORGETTER)
    state, due = _learnt(sched)
    while state.state == State.Learning:
        state, due = sched.review(state, Rating.Good, due)
    state, due = sched.review(state, Rating.Again, due)  # forgotten: relearning step (10 min)
    state, due = sched.review(state, Rating.Good, due)
    assert state.state == State.Relearning and due - state.last_review < timedelta(days=1)
    assert _recall_at(sched, state, due) == pytest.approx(0.9, abs=0.005)
    again, again_due = sched.review(state, Rating.Again, due)  # forgotten again: back to the first step
    assert again.state == State.Relearning and again_due - due == timedelta(minutes=10)


@pytest.mark.parametrize("settings", [
    {},  # FSRS's defaults: learning 1m 10m, relearning 10m
    {"parameters": None, "same_day_steps": True},
    {"learning_steps": (), "relearning_steps": ()},  # Again graduates at once: its floor counts
    {"learning_steps": (timedelta(minutes=5),), "relearning_steps": ()},
    {"learning_steps": (timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1)),
     "relearning_steps": (timedelta(minutes=10), timedelta(hours=2))},
    {"parameters": FITTED_FAST_FORGETTER},  # same-day steps: a grade that gave days may stay in steps
    {"easy_days": (5, 6)},
    {"enable_fuzzing": False},
])
def test_skipping_the_grade_below_never_changes_a_grade(settings):
    """A grade's floor (a day more than the grade below) skips computing the grade below when
    py-fsrs keeps that grade in the steps: along many random histories, every grade of every
    state (what the buttons preview) gives the same state and due date as computing it."""
    import random

    from anastro_quiz.scheduler import Rating, Scheduler

    fast = Scheduler(**settings)
    slow = Scheduler(**settings)
    slow._stays_in_steps = lambda state, rating: False  # compute the grade below every time
    rng = random.Random(7)
    now = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    for card in range(80):
        state, at = fast.new_state(now), now
        for n in range(14):
            at += timedelta(minutes=rng.choice([1, 12, 600]), days=rng.choice([0, 0, 1, 3, 9, 30]))
            seed = f"{card}-{n}"
            outcomes = [fast.review(state, r, at, fuzz_seed=seed) for r in Rating]
            assert [(due, s.to_dict()) for s, due in outcomes] == [
                (due, s.to_dict()) for s, due in (slow.review(state, r, at, fuzz_seed=seed) for r in Rating)], (card, n)
            state = outcomes[rng.choice(list(Rating)) - 1][0]


def test_a_state_dumped_is_the_json_of_its_dict():
    """dump_state writes a state with orjson (a replay dumps one a review): the same text as
    ``json`` gives for py-fsrs's ``to_dict()``, for states of every shape, the floats at the
    edges of where orjson and ``json`` write them alike and card ids past 64 bits included."""
    import json
    import math
    import random

    from anastro_quiz import scheduler

    assert scheduler._ORJSON  # the installed orjson and py-fsrs agree: the fast path is taken
    rng = random.Random(3)
    zones = (timezone.utc, timezone(timedelta(hours=2)), None)
    edges = [1e-4, 9.99e-5, 1e16, 9.999999999999998e15, 0.0, -0.0, 1e-5, 123456789012345.67, 0.001]
    floats = (lambda: rng.uniform(0.001, 40_000), lambda: rng.choice([1e-7, 1e20, 2.0, 0.1, 36500.0, *edges]),
              lambda: rng.choice([math.nan, math.inf, -math.inf, 3]), lambda: None)
    for n in range(3000):
        zone = rng.choice(zones)
        moment = datetime(rng.randint(1900, 2200), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                          rng.randint(0, 59), rng.randint(0, 59), rng.choice([0, rng.randint(0, 999_999)]), tzinfo=zone)
        state = fsrs.Card(card_id=rng.choice([0, 0, 17, 1_733_000_000_000, 2**70]), state=rng.choice(list(State)),
                          step=rng.choice([None, 0, 1, 2]), stability=rng.choice(floats[:2] if n % 5 else floats)(),
                          difficulty=rng.choice(floats[:2] if n % 7 else floats)(), due=moment,
                          last_review=rng.choice([moment - timedelta(days=rng.randint(0, 400)), None]))
        assert dump_state(state) == json.dumps(state.to_dict(), separators=(",", ":")), state
