"""Statistics a learner reads: retention, forecast, streaks, mastery."""

from __future__ import annotations

import pytest

from datetime import date, timedelta

from anastro_quiz.collection import DailyLimits
from anastro_quiz.scheduler import Rating
from anastro_quiz.siblings import SiblingRules
from anastro_quiz.stats import Retention, Streak, collection_stats, retention_by_week, streaks


def test_streaks():
    days = {"2026-03-01", "2026-03-02", "2026-03-03", "2026-02-20", "2026-02-21"}
    assert streaks(days, date(2026, 3, 3)) == Streak(current=3, longest=3)
    assert streaks(days, date(2026, 3, 4)) == Streak(current=3, longest=3)  # today not studied yet
    assert streaks(days, date(2026, 3, 5)) == Streak(current=0, longest=3)
    assert streaks(set(), date(2026, 3, 5)) == Streak(current=0, longest=0)


def _graduate_all(collection, clock):
    """Every card learnt in one sitting (siblings too: burying them is off here)."""
    collection.save_siblings(SiblingRules(bury_new=False, bury_reviews=False), "sample")
    session = collection.start_session()
    while not session.finished:
        session.grade(Rating.Easy)


def test_true_retention_counts_only_review_state_cards(collection, clock):
    _graduate_all(collection, clock)  # 8 new cards, all Easy: learning reviews don't count
    stats = collection_stats(collection)
    assert stats.retention_7d == Retention(reviews=0, recalled=0, rate=None)
    clock.advance(days=60)
    collection.save_limits(DailyLimits(new_per_day=0))
    session = collection.start_session()
    ratings = [Rating.Again, Rating.Good, Rating.Good, Rating.Hard]
    for rating in ratings:
        session.grade(rating)
    stats = collection_stats(collection)
    assert stats.retention_7d == Retention(reviews=4, recalled=3, rate=0.75)
    assert stats.reviews.total == 12 and stats.reviews.today == 4
    weekly = retention_by_week(collection, clock.now, weeks=2)
    assert [w.reviews for w in weekly] == [0, 4]


def test_forecast_places_cards_on_their_due_day(collection, clock):
    _graduate_all(collection, clock)
    forecast = collection_stats(collection).forecast
    assert sum(day.due for day in forecast) == 8
    assert forecast[0].due == 0  # Easy on a new card is days away
    assert forecast[0].date == "2026-03-02"


def test_mastery_rises_with_study_and_decays_toward_an_exam(collection, clock):
    assert collection.mastery_by_deck() == {"sample": 0.0}
    _graduate_all(collection, clock)  # Easy on every card: FSRS's stability is over a week
    now = collection.mastery_by_deck()["sample"]
    assert now == 1.0
    clock_later = clock.now.replace(year=2027)
    assert collection.mastery_by_deck(clock_later)["sample"] == 0.0
    later = collection.recall_by_deck(clock_later)["sample"]  # the exam's mean predicted recall
    assert 0 < later < collection.recall_by_deck(clock.now)["sample"]
    tags = collection.mastery_by_tag()
    assert set(tags) == {"mechanism", "osteoclast", "atac"} and all(v == 1.0 for v in tags.values())


def test_a_deck_just_learnt_is_not_mastered_though_recall_now_is_high(collection, clock):
    """Mastery is not recall predicted now: cards read minutes ago are remembered now, but
    FSRS does not yet predict 90% a week later."""
    collection.save_siblings(SiblingRules(bury_new=False, bury_reviews=False), "sample")  # all in one sitting
    session = collection.start_session()
    while not session.finished:
        session.grade(Rating.Good)
        clock.advance(minutes=11)
    assert collection.recall_by_deck(clock.now)["sample"] > 0.9
    assert collection.mastery_by_deck() == {"sample": 0.0}
    stats = collection_stats(collection)
    assert stats.mastery.decks == {"sample": 0.0} and set(stats.mastery.tags.values()) == {0.0}


def test_mastery_from_the_database_matches_each_cards_predicted_recall(collection, clock):
    from anastro_quiz.collection import MASTERY_HORIZON

    session = collection.start_session()
    for rating in (Rating.Easy, Rating.Easy, Rating.Easy, Rating.Good):
        session.grade(rating)
    for days in (0, 1, 2, 5, 30):
        at = session.started + timedelta(days=days)
        clock.now = at
        from_recall = collection.mastery_by_deck(at, collection.predicted_recall(at + MASTERY_HORIZON))
        assert collection.mastery_by_deck() == pytest.approx(from_recall)
    assert collection.mastery_by_deck(session.started) == {"sample": 3 / 8}
    assert collection.mastery_by_deck(session.started + timedelta(days=5)) == {"sample": 0.0}


def test_predicted_recall_matches_each_cards_full_state(collection, clock):
    from anastro_quiz.scheduler import load_state

    session = collection.start_session()
    for rating in (Rating.Good, Rating.Easy, Rating.Again, Rating.Hard):
        session.grade(rating)
    clock.advance(days=5)
    recall = collection.predicted_recall()
    rows = [r for r in collection.store.schedule_rows() if r.state is not None]
    expected = {(r.deck, r.card_id): collection.scheduler(r.deck).retrievability(load_state(r.state), clock.now)
                for r in rows}
    assert recall == expected and len(recall) == 4
