"""Exam plan: where it puts the reviews that carry cards to the exam, and how it learns the learner.

A review brought forward for the exam goes as late as the card's recall allows (the day
before the exam when the daily limit has room), since a review the day before counts most
on the day; and the plan is made on the learner's own record (a learner who forgets more
than FSRS predicts gets a plan that says so and brings more reviews forward).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from anastro_quiz.clock import study_day
from anastro_quiz.collection import Collection
from anastro_quiz.decks import load_decks
from anastro_quiz.scheduler import Rating
from anastro_quiz.settings import PLAN_KEY, DailyLimits
from anastro_quiz.store import Store
from conftest import FakeClock
from test_exam_plan import START, Learner, run, share_at_exam, write_deck


def _cli_on(clock: FakeClock, monkeypatch) -> None:
    """The CLI's collection on the test's clock."""
    opener, fake = Collection.open.__func__, clock
    monkeypatch.setattr(Collection, "open", classmethod(
        lambda cls, db, decks, clock=None, **options: opener(cls, db, decks, fake, **options)))


def _known_deck(tmp_path, limit: int) -> tuple[Collection, FakeClock, Learner]:
    """60 cards answered Easy on 2026-03-02 and again ten days later: all next due weeks away."""
    clock = FakeClock(START)
    collection = Collection(Store.open(tmp_path / "p.db"), load_decks([write_deck(tmp_path / "decks", 60)]), clock)
    collection.save_limits(DailyLimits(new_per_day=60, reviews_per_day=200))
    learner = Learner(collection, clock)
    learner.sit(lambda row: Rating.Easy)
    learner.next_sitting += timedelta(days=9)
    learner.sit(lambda row: Rating.Easy)
    collection.save_limits(DailyLimits(new_per_day=60, reviews_per_day=limit))
    return collection, clock, learner


def test_weak_cards_get_their_review_the_day_before_the_exam(tmp_path, monkeypatch):
    collection, clock, learner = _known_deck(tmp_path, limit=200)
    _cli_on(clock, monkeypatch)
    before = {r.card_id: r.due for r in collection.store.deck_rows("big")}
    result = run("--db", tmp_path / "p.db", "--decks", tmp_path / "decks", "plan", "--exam", "2026-03-26",
                 "--recall", "0.98", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    after = {r.card_id: r.due for r in collection.store.deck_rows("big")}
    moved = [c for c in after if after[c] != before[c]]
    # Every card the plan brings forward is due on the day before the exam, not spread over the days left.
    assert out["moved"] == len(moved) >= 40
    assert {study_day(datetime.fromisoformat(after[c])) for c in moved} == {date(2026, 3, 25)}
    # Each card's last review before the exam is on that day; the rest are the reviews FSRS had
    # due before the exam anyway, on their own days.
    due_anyway = [c for c in before if study_day(datetime.fromisoformat(before[c])) < date(2026, 3, 26)]
    assert out["reviews_per_day"]["2026-03-25"] == 60 and 0 < len(due_anyway) == out["reviews"] - 60
    learner.per_day = {}
    learner.until(date(2026, 3, 26), lambda row: Rating.Good)
    assert learner.per_day["2026-03-25"] == 60 and sum(learner.per_day.values()) == out["reviews"]
    assert share_at_exam(collection, collection.exam_plan()) == out["predicted_share"] == 1.0
    collection.close()


def test_under_a_low_daily_limit_the_last_days_fill_first(tmp_path):
    from anastro_quiz.exam_plan import check_plan
    from anastro_quiz.exam_planner import make_plan

    collection, clock, learner = _known_deck(tmp_path, limit=8)
    plan = check_plan("2026-03-26", 0.98, [], list(collection.decks), clock.now)
    result, moves = make_plan(collection, plan)
    per_day = list(result.reviews_per_day.values())
    assert result.moved >= 40 and max(per_day) <= 8
    # From the exam backwards the days fill up to the limit: the last week is full, and no
    # brought-forward review lands before the eighth day from the end.
    assert per_day[-7:] == [8] * 7
    assert min(study_day(due) for _deck, _card, due in moves) >= plan.last_day - timedelta(days=7)
    collection.apply_exam_plan(result.plan, moves)
    learner.per_day = {}
    learner.until(plan.exam, lambda row: Rating.Good)
    assert {d: n for d, n in result.reviews_per_day.items() if n} == learner.per_day
    assert share_at_exam(collection, plan) == result.predicted_share == 1.0
    collection.close()


def _studied_by(tmp_path, monkeypatch, recalls) -> tuple[Collection, FakeClock]:
    """A 60-card deck studied for eight days, the learner recalling a card when ``recalls(rng)``."""
    clock = FakeClock(START)
    collection = Collection(Store.open(tmp_path / "p.db"), load_decks([write_deck(tmp_path / "decks", 60)]), clock)
    collection.save_limits(DailyLimits(new_per_day=20, reviews_per_day=200))
    learner = Learner(collection, clock)
    for _ in range(8):
        learner.sit(lambda row: Rating.Good if row.fsrs_state != 2 or recalls(learner.rng) else Rating.Again)
    clock.now = learner.next_sitting - timedelta(hours=1)
    _cli_on(clock, monkeypatch)
    return collection, clock


def _plan_json(tmp_path) -> dict:
    result = run("--db", tmp_path / "p.db", "--decks", tmp_path / "decks", "plan", "--exam", "2026-03-24",
                 "--recall", "0.9", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_learner_who_forgets_more_than_fsrs_predicts_gets_a_plan_made_on_their_record(tmp_path, monkeypatch):
    forgetful, _clock = _studied_by(tmp_path / "a", monkeypatch, lambda rng: rng.random() < 0.55)
    out = _plan_json(tmp_path / "a")
    calibration = out["calibration"]
    # The plan says what the learner recalled against what FSRS predicted, and plans on it.
    assert calibration["reviews"] >= 50 and calibration["recalled"] < calibration["predicted"] - 0.2
    assert out["stability_scale"] == calibration["scale"] < 0.8
    assert forgetful.store.get_setting(PLAN_KEY)["stability_scale"] == out["stability_scale"]
    text = run("--db", tmp_path / "a" / "p.db", "--decks", tmp_path / "a" / "decks", "plan", "--exam", "2026-03-24",
               "--recall", "0.9", "--dry-run").output
    assert (f"your record: recalled {calibration['recalled']:.0%} where FSRS predicted "
            f"{calibration['predicted']:.0%}") in text
    forgetful.close()

    steady, _clock = _studied_by(tmp_path / "b", monkeypatch, lambda rng: rng.random() < 0.97)
    steady_out = _plan_json(tmp_path / "b")
    assert steady_out["stability_scale"] == 1.0 and steady_out["calibration"]["recalled"] > 0.9
    # Counted on their own record, the forgetful learner's cards need more reviews before the exam.
    assert out["reviews"] > steady_out["reviews"]
    steady.close()


def test_the_cli_says_new_cards_come_faster_and_sessions_bring_them(tmp_path, monkeypatch):
    clock = FakeClock(START)
    collection = Collection.open(tmp_path / "p.db", [write_deck(tmp_path / "decks", 50)], clock=clock)
    collection.save_limits(DailyLimits(new_per_day=10, reviews_per_day=200))
    _cli_on(clock, monkeypatch)
    args = ("--db", tmp_path / "p.db", "--decks", tmp_path / "decks", "plan")
    text = run(*args, "--exam", "2026-03-07", "--recall", "0.95").output
    assert "new cards brought forward: 17 a day in big until the exam" in text and "too late" not in text
    assert collection.store.get_setting(PLAN_KEY)["new_pace"] == {"big": 17}
    assert [s.new for s in collection.deck_summaries()] == [17]  # Home offers the plan's pace today
    # An exam too close for any new card to reach the target: nothing to bring forward, the
    # plan says how many come too late instead.
    text = run(*args, "--exam", "2026-03-03", "--recall", "0.95").output
    assert "new cards brought forward" not in text and "50 come too late at the daily new-card limit" in text
    assert collection.store.get_setting(PLAN_KEY)["new_pace"] == {}
    collection.close()
