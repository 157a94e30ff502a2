"""Exam plan: the CLI makes it, the database holds it, and following it gives what it predicts.

The honest check: a learner who keeps to the plan (real sessions, day after day, each card
recalled) ends with the share of cards at or above the target on the exam day that the plan
predicted, where the same learner on plain FSRS does not.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.clock import study_day
from anastro_quiz.collection import Collection
from anastro_quiz.decks import load_decks
from anastro_quiz.exam_plan import ExamPlan, PlanError, check_plan
from anastro_quiz.exam_planner import forecast_plan, make_plan
from anastro_quiz.scheduler import Rating, Scheduler, load_state
from anastro_quiz.settings import DailyLimits
from anastro_quiz.store import Store
from conftest import FakeClock

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def write_deck(folder, n: int, deck_id: str = "big"):
    folder.mkdir(exist_ok=True)
    lines = [f"id: {deck_id}", f"title: Deck {deck_id}", "cards:"]
    for i in range(n):
        lines += [f"  - id: c{i}", "    type: basic", f"    prompt: question {i}", f"    answer: answer {i}"]
    (folder / f"{deck_id}.yaml").write_text("\n".join(lines) + "\n")
    return folder


class Learner:
    """Studies once a day at the same hour with the real session; ``recall`` grades."""

    def __init__(self, collection: Collection, clock: FakeClock, seed: int = 1):
        self.collection, self.clock, self.rng = collection, clock, random.Random(seed)
        self.next_sitting = clock.now
        self.per_day: dict[str, int] = {}

    def sit(self, grade) -> None:
        self.clock.now = self.next_sitting
        self.next_sitting += timedelta(days=1)
        session = self.collection.start_session()
        day = self.clock.now.date().isoformat()
        while not session.finished:
            item = session.current
            row = self.collection.store.schedule_row(item.deck_id, item.id)
            if row.fsrs_state == 2:
                self.per_day[day] = self.per_day.get(day, 0) + 1
            session.grade(grade(row))
            self.clock.advance(minutes=2)
        session.finish()

    def mostly(self, row) -> Rating:
        return Rating.Good if self.rng.random() < 0.85 else Rating.Again

    def until(self, exam: date, grade) -> None:
        while self.next_sitting.date() < exam:
            self.sit(grade)


def share_at_exam(collection: Collection, plan: ExamPlan) -> float:
    recall = collection.predicted_recall(plan.moment)
    return sum(recall.get(key, 0.0) >= plan.recall for key in collection.items) / len(collection.items)


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def studied_collection(db, decks, clock: FakeClock) -> tuple[Collection, Learner]:
    """A 60-card deck studied for five days from START (15 new a day, some forgotten): cards
    at every stage; the clock is left at 08:00 on the next day (2026-03-07)."""
    clock.now = START
    collection = Collection(Store.open(db), load_decks([decks]), clock=clock)
    collection.save_limits(DailyLimits(new_per_day=15, reviews_per_day=200))
    learner = Learner(collection, clock)
    for _ in range(5):
        learner.sit(learner.mostly)
    clock.now = learner.next_sitting - timedelta(hours=1)
    return collection, learner


@pytest.fixture
def studied(tmp_path, monkeypatch):
    """``studied_collection``, with the CLI's collection on the same clock."""
    clock = FakeClock(START)
    collection, learner = studied_collection(tmp_path / "p.db", write_deck(tmp_path / "decks", 60), clock)
    opener, fake = Collection.open.__func__, clock  # the CLI passes its own clock: ours wins
    monkeypatch.setattr(Collection, "open", classmethod(lambda cls, db, decks, clock=None, **options: opener(cls, db, decks, fake, **options)))
    yield collection, clock, learner
    collection.close()


def test_following_the_plan_gives_the_predicted_share_and_plain_fsrs_does_not(studied, tmp_path):
    collection, clock, learner = studied
    db, decks = tmp_path / "p.db", tmp_path / "decks"
    before = {(r.deck, r.card_id): r.due for r in collection.store.schedule_rows()}

    result = run("--db", db, "--decks", decks, "plan", "--exam", "2026-03-21", "--recall", "0.95", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert {"cards", "exam", "recall", "predicted_share", "reviews_per_day"} <= set(out)
    assert (out["cards"], out["exam"], out["recall"], out["applied"]) == (60, "2026-03-21", 0.95, True)
    assert list(out["reviews_per_day"]) == [(date(2026, 3, 7) + timedelta(days=i)).isoformat() for i in range(14)]
    assert out["moved"] > 0 and out["predicted_share"] == 1.0 and out["waiting"] == 0
    # The database holds the plan, and the moved cards are due earlier than FSRS had them.
    plan = collection.exam_plan()
    assert (plan.exam, plan.recall, plan.decks) == (date(2026, 3, 21), 0.95, ("big",))
    assert plan.stability_scale == out["stability_scale"] == out["calibration"]["scale"]  # made on the learner's record
    after = {(r.deck, r.card_id): r.due for r in collection.store.schedule_rows()}
    changed = [k for k in after if after[k] != before[k]]
    assert changed and all(after[k] < before[k] for k in changed)
    assert out["moved"] == sum(after[k] < "2026-03-21" <= before[k] for k in changed)
    # Progress's forecast of the stored plan, before any study, is the plan itself.
    assert forecast_plan(collection, plan).reviews_per_day == out["reviews_per_day"]

    learner.until(plan.exam, lambda row: Rating.Good)
    assert share_at_exam(collection, plan) >= out["predicted_share"] - 0.02
    # The same learner, the same study, with no plan: plain FSRS aims at 0.9 on its own days.
    plain, plain_learner = studied_collection(tmp_path / "plain.db", decks, clock)
    plain_learner.until(plan.exam, lambda row: Rating.Good)
    assert share_at_exam(plain, plan) < share_at_exam(collection, plan) - 0.2
    plain.close()


def test_a_learner_who_sometimes_forgets_still_mostly_reaches_the_target(studied):
    collection, clock, learner = studied
    plan = check_plan("2026-03-21", 0.9, [], list(collection.decks), clock.now)
    result, moves = make_plan(collection, plan)
    collection.apply_exam_plan(plan, moves)

    def by_fsrs(row) -> Rating:  # recalled with FSRS's own predicted probability
        state = load_state(row.state) if row.state else None
        p = collection.scheduler(row.deck).retrievability(state, clock.now) if state and state.stability else 1
        return Rating.Good if learner.rng.random() < p else Rating.Again

    learner.until(plan.exam, by_fsrs)
    assert result.predicted_share == 1.0 and share_at_exam(collection, plan) >= 0.9


def test_new_cards_the_limit_would_bring_too_late_are_brought_forward(tmp_path):
    clock = FakeClock(START)
    collection = Collection.open(tmp_path / "p.db", [write_deck(tmp_path / "decks", 50)], clock=clock)
    collection.save_limits(DailyLimits(new_per_day=10, reviews_per_day=200))
    plan = check_plan("2026-03-07", 0.95, [], list(collection.decks), clock.now)
    result, moves = make_plan(collection, plan)
    # At 10 a day the last 20 would be met in the two days before the exam, too late for 0.95:
    # the plan meets all 50 in the first three days instead.
    assert result.new_cards == 50 and result.new_late == 0 and result.predicted_share == 1.0
    assert result.new_per_day == {"2026-03-02": 17, "2026-03-03": 17, "2026-03-04": 16}
    assert result.to_dict()["new_pace"] == {"big": 17}
    collection.apply_exam_plan(result.plan, moves)
    learner = Learner(collection, clock)
    met = []
    for _ in range(5):
        learner.sit(lambda row: Rating.Good)
        met.append(sum(1 for r in collection.store.deck_rows("big") if r.state))
    assert met == [17, 34, 50, 50, 50]  # the sessions introduce the plan's pace, the deck's limit unchanged
    assert collection.limits("big").new_per_day == 10
    assert share_at_exam(collection, plan) >= 0.95
    collection.close()


def test_brought_forward_reviews_keep_to_a_low_daily_limit_and_the_forecast_is_what_happens(tmp_path):
    clock = FakeClock(START)
    collection = Collection(Store.open(tmp_path / "p.db"), load_decks([write_deck(tmp_path / "decks", 60)]), clock)
    collection.save_limits(DailyLimits(new_per_day=60, reviews_per_day=200))
    learner = Learner(collection, clock)
    learner.sit(lambda row: Rating.Easy)  # every card known from the start, then again ten days later
    learner.next_sitting += timedelta(days=9)
    learner.sit(lambda row: Rating.Easy)
    collection.save_limits(DailyLimits(new_per_day=60, reviews_per_day=8))
    plan = check_plan("2026-03-26", 0.98, [], list(collection.decks), clock.now)
    result, moves = make_plan(collection, plan)
    # Brought forward: the cards next due on or after the exam day that would be below the target then.
    recall = collection.predicted_recall(plan.moment)
    late = [r for r in collection.store.deck_rows("big") if study_day(datetime.fromisoformat(r.due)) >= plan.exam
            and recall[("big", r.card_id)] < plan.recall]
    assert result.moved == len(late) >= 40 and max(result.reviews_per_day.values()) <= 8
    assert result.reviews_per_day[plan.last_day.isoformat()] == 8  # the day before the exam takes its limit
    collection.apply_exam_plan(plan, moves)
    learner.per_day = {}
    learner.until(plan.exam, lambda row: Rating.Good)
    assert {d: n for d, n in result.reviews_per_day.items() if n} == learner.per_day
    assert share_at_exam(collection, plan) == result.predicted_share == 1.0
    collection.close()


def test_a_grade_during_the_plan_brings_the_next_review_before_the_exam(studied):
    collection, clock, learner = studied
    plan = check_plan("2026-03-12", 0.97, [], list(collection.decks), clock.now)
    collection.apply_exam_plan(plan, make_plan(collection, plan)[1])
    session = collection.start_session()
    item = session.current
    shown = session.preview()[Rating.Easy]
    due = session.grade(Rating.Easy).due
    assert due < plan.moment and shown == f"{round((due - clock.now).total_seconds() / 86400)}d"
    # After the exam the plan steps aside: the same grade gets FSRS's own interval.
    clock.now = datetime(2026, 3, 13, 9, tzinfo=timezone.utc)
    state = load_state(collection.store.schedule_row(item.deck_id, item.id).state)
    plain = Scheduler.from_settings(collection.scheduler_settings(item.deck_id))
    assert (collection.scheduler(item.deck_id).review(state, Rating.Easy, clock.now, fuzz_seed="s")
            == plain.review(state, Rating.Easy, clock.now, fuzz_seed="s"))


def test_a_review_the_plan_brings_forward_goes_to_the_latest_day_of_its_window_with_room(studied):
    collection, clock, _learner = studied
    plan = check_plan("2026-03-17", 0.97, [], list(collection.decks), clock.now)
    collection.apply_exam_plan(plan, make_plan(collection, plan)[1])
    session = collection.start_session()
    today, checked = study_day(clock.now), 0
    while not session.finished and checked < 12:
        item = session.current
        row = collection.store.schedule_row(item.deck_id, item.id)
        load = collection.store.due_counts(today, plan.last_day)  # what the grade sees
        due = session.grade(Rating.Easy).due
        scheduler = collection.scheduler(item.deck_id)
        if row.state:  # where FSRS alone could put it: all on or after the exam day, or skip
            before = load_state(row.state)
            normal = scheduler.placements(before, Rating.Easy, clock.now) or {
                study_day(scheduler.simulate(before, Rating.Easy, clock.now).due)}
        clock.advance(minutes=1)
        if not row.state or min(normal) < plan.exam:
            continue  # not brought forward by the plan
        state = load_state(collection.store.schedule_row(item.deck_id, item.id).state)
        low, high = scheduler.due_rule.window(state, today + timedelta(days=1))
        window = [low + timedelta(days=i) for i in range((high - low).days + 1)]
        assert low <= study_day(due) <= high
        limit = collection.limits(item.deck_id).reviews_per_day
        assert study_day(due) == max(d for d in window if load.get(d, 0) < limit), (due, load, window)
        checked += 1
    assert checked >= 5


def test_dry_run_and_show_change_nothing(studied, tmp_path):
    collection, _clock, _learner = studied
    before = collection.store.schedule_rows()
    args = ("--db", tmp_path / "p.db", "--decks", tmp_path / "decks", "plan")
    result = run(*args, "--exam", "2026-03-21", "--recall", "0.95", "--dry-run")
    assert result.exit_code == 0 and "dry run: nothing changed" in result.output
    assert "at or above 0.95" in result.output and "reviews per day:" in result.output
    assert collection.store.schedule_rows() == before and collection.exam_plan() is None
    result = run(*args)  # asking which plan is in force when none is: an answer, not an error
    assert result.exit_code == 0 and result.stdout.startswith("no exam plan in force: make one with")
    assert run(*args, "--json").stdout.strip() == "null"


@pytest.mark.parametrize("options, message", [
    (("--exam", "2026-03-06", "--recall", "0.9"), "is not after today (2026-03-07)"),
    (("--exam", "2026-03-07", "--recall", "0.9"), "is not after today"),
    (("--exam", "March 30", "--recall", "0.9"), "must be written YYYY-MM-DD"),
    (("--exam", "2026-02-30", "--recall", "0.9"), "the exam date 2026-02-30 is not a day of the calendar"),
    (("--exam", "2026-03-30", "--recall", "1"), "between 0 and 1"),
    (("--exam", "2026-03-30", "--recall", "0"), "between 0 and 1"),
    (("--exam", "2026-03-30", "--recall", "nan"), "between 0 and 1"),
    (("--exam", "2026-03-30", "--recall", "high"), "must be a number"),
    (("--exam", "2026-03-30", "--recall", "0.9", "--deck", "nope"), "no deck 'nope'"),
    (("--exam", "2026-03-30"), "give both"),
])
def test_bad_input_is_a_message_and_changes_nothing(studied, tmp_path, options, message):
    collection, _clock, _learner = studied
    before = (collection.store.schedule_rows(), collection.store.all_settings())
    result = run("--db", tmp_path / "p.db", "--decks", tmp_path / "decks", "plan", *options)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert (collection.store.schedule_rows(), collection.store.all_settings()) == before


def test_a_plan_on_a_deck_with_nothing_to_study_is_refused(tmp_path, clock):
    collection = Collection.open(tmp_path / "p.db", [write_deck(tmp_path / "decks", 3)], clock=clock)
    for item in collection.items.values():
        collection.set_suspended(item, True)
    plan = check_plan("2026-03-30", 0.9, ["big"], list(collection.decks), clock.now)
    with pytest.raises(PlanError, match="nothing to plan: big has no card"):
        make_plan(collection, plan)
    assert collection.exam_plan() is None
    collection.close()


def write_reverse_deck(folder, n: int, deck_id: str = "rev"):
    folder.mkdir(exist_ok=True)
    lines = [f"id: {deck_id}", f"title: Deck {deck_id}", "cards:"]
    for i in range(n):
        lines += [f"  - id: r{i}", "    type: reverse", f"    prompt: term {i}", f"    answer: meaning {i}"]
    (folder / f"{deck_id}.yaml").write_text("\n".join(lines) + "\n")
    return folder


@pytest.mark.parametrize("apart", [True, False])
def test_the_forecast_keeps_siblings_apart_as_the_sessions_do(tmp_path, apart):
    from anastro_quiz.clock import day_start
    from anastro_quiz.siblings import SiblingRules

    clock = FakeClock(START)
    collection = Collection(Store.open(tmp_path / "p.db"), load_decks([write_reverse_deck(tmp_path / "decks", 3)]),
                            clock)
    collection.save_siblings(SiblingRules(bury_new=True, bury_reviews=apart))
    learner = Learner(collection, clock)
    learner.sit(lambda row: Rating.Easy)  # the fronts (their reverse sides wait: new siblings apart)
    learner.sit(lambda row: Rating.Easy)  # the reverse sides, a day later; all next due a week or more away
    day = study_day(START) + timedelta(days=4)
    plan = check_plan((day + timedelta(days=3)).isoformat(), 0.5, [], list(collection.decks), clock.now)
    # both sides of r0 brought to one day (as a plan may do)
    collection.apply_exam_plan(plan, [("rev", "r0", day_start(day)), ("rev", "r0.reverse", day_start(day))])
    forecast = forecast_plan(collection, plan)
    learner.per_day = {}
    learner.next_sitting = datetime.combine(day, START.timetz())
    learner.sit(lambda row: Rating.Good)
    learner.sit(lambda row: Rating.Good)
    shown = [learner.per_day.get(d.isoformat(), 0) for d in (day, day + timedelta(days=1))]
    assert shown == ([1, 1] if apart else [2, 0])  # the session shows one side a day, or both
    assert [forecast.reviews_per_day[d.isoformat()] for d in (day, day + timedelta(days=1))] == shown
    collection.close()
