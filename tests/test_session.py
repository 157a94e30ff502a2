"""The session engine: queue, limits, grade, undo, bury, suspend, leeches, drill."""

from __future__ import annotations

import pytest

from anastro_quiz.collection import DailyLimits
from anastro_quiz.scheduler import Rating, format_interval
from anastro_quiz.store import LEECH_LAPSES
from anastro_quiz.session import Remaining


def _study_all_good(session, clock):
    while not session.finished:
        session.grade(Rating.Good)
        clock.advance(minutes=11)


def test_new_cards_follow_deck_order_and_daily_limit(collection, clock):
    collection.save_limits(DailyLimits(new_per_day=3, reviews_per_day=200))
    session = collection.start_session()
    assert session.remaining == Remaining(new=3, learning=0, review=0)
    assert session.current.id == "ai-class"
    _study_all_good(session, clock)
    assert session.done == 6  # each new card: two learning steps
    # The limit is per day: a second session today gets no new cards.
    assert collection.start_session().finished
    clock.advance(days=1)
    assert collection.start_session().remaining.new == 3


def test_every_grade_is_stored_immediately(collection):
    session = collection.start_session()
    item = session.current
    session.grade(Rating.Good, duration_ms=4200)
    row = [(r["deck"], r["card_id"], r["rating"], r["duration_ms"], r["mode"], r["undone"])
           for r in collection.store.review_records()]
    assert row == [(item.deck_id, item.id, 3, 4200, "review", 0)]


def test_learning_card_returns_when_its_step_is_due(collection, clock):
    collection.save_limits(DailyLimits(new_per_day=1))
    session = collection.start_session()
    first = session.current
    session.grade(Rating.Again)  # 1-minute step
    assert session.current.key == first.key  # nothing else to show: learn ahead
    assert session.remaining == Remaining(new=0, learning=1, review=0)


def test_preview_shows_an_interval_per_grade(collection):
    preview = collection.start_session().preview()
    assert list(preview) == [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]
    assert preview[Rating.Again] == "1m" and preview[Rating.Good] == "10m"


def test_undo_restores_state_exactly_and_marks_review(collection, clock):
    session = collection.start_session()
    item = session.current
    session.grade(Rating.Good)  # first card: next step in 10 minutes
    session.grade(Rating.Good)  # second card
    before = collection.store.schedule_row(item.deck_id, item.id)
    session.undo()  # undoes the second card's grade
    second = session.current
    assert second.key != item.key
    row = collection.store.schedule_row(second.deck_id, second.id)
    assert row.state is None and row.fsrs_state == 0 and row.reps == 0
    assert collection.store.schedule_row(item.deck_id, item.id) == before
    assert [r["undone"] for r in collection.store.review_records()] == [0, 1]
    assert session.done == 1 and session.grades == {Rating.Good: 1}


def test_undo_of_a_review_restores_the_previous_review_state(collection, clock):
    session = collection.start_session()
    item = session.current
    session.grade(Rating.Easy)  # graduates straight to review
    snapshot = collection.store.schedule_row(item.deck_id, item.id)
    clock.advance(days=30)
    collection.save_limits(DailyLimits(new_per_day=0))
    session = collection.start_session()
    assert session.current.key == item.key
    session.grade(Rating.Again)
    assert collection.store.schedule_row(item.deck_id, item.id).lapses == 1
    session.undo()
    assert collection.store.schedule_row(item.deck_id, item.id) == snapshot
    assert session.current.key == item.key


def test_bury_hides_until_tomorrow(collection, clock):
    session = collection.start_session()
    buried = session.bury()
    assert session.current.key != buried.key
    assert buried.key not in {i.key for i in collection.start_session().queued_items()}
    clock.advance(days=1)
    assert buried.key in {i.key for i in collection.start_session().queued_items()}


def test_suspend_and_unsuspend(collection, clock):
    session = collection.start_session()
    suspended = session.suspend()
    clock.advance(days=2)
    assert suspended.key not in {i.key for i in collection.start_session().queued_items()}
    assert collection.deck_summaries()[0].suspended == 1
    collection.set_suspended(suspended, False)
    assert suspended.key in {i.key for i in collection.start_session().queued_items()}


def test_leech_flagged_after_eight_lapses(collection, clock):
    collection.save_limits(DailyLimits(new_per_day=1))
    session = collection.start_session()
    item = session.current
    session.grade(Rating.Easy)
    for _ in range(LEECH_LAPSES):
        clock.advance(days=400)
        session = collection.start_session()
        assert session.current.key == item.key
        session.grade(Rating.Again)
        clock.advance(minutes=11)
        session.grade(Rating.Easy)
    assert [leech.key for leech in collection.leeches()] == [item.key]
    # Undoing the lapse that made it a leech unmarks it (the same rule, counted back).
    session.undo()
    session.undo()
    assert collection.leeches() == []
    assert collection.store.schedule_row(item.deck_id, item.id).lapses == LEECH_LAPSES - 1


def test_session_summary_and_redrill(collection, clock):
    collection.save_limits(DailyLimits(new_per_day=2))
    session = collection.start_session()
    missed = session.current
    session.grade(Rating.Again)
    _study_all_good(session, clock)
    summary = session.finish()
    assert summary.grades["Again"] == 1 and summary.reviewed == session.done
    assert summary.recall_rate == (summary.reviewed - 1) / summary.reviewed
    assert [i.key for i in summary.again_items] == [missed.key]

    reviews_before = collection.store.review_count()
    row_before = collection.store.schedule_row(missed.deck_id, missed.id)
    drill = collection.start_session(mode="drill", items=summary.again_items)
    drill.grade(Rating.Again)
    assert drill.current.key == missed.key  # missed again: comes back
    drill.grade(Rating.Good)
    assert drill.finished
    assert collection.store.review_count() == reviews_before
    assert collection.store.schedule_row(missed.deck_id, missed.id) == row_before


def test_reviews_per_day_limit(collection, clock):
    session = collection.start_session()
    for _ in range(3):
        session.grade(Rating.Easy)
    clock.advance(days=60)
    collection.save_limits(DailyLimits(new_per_day=0, reviews_per_day=2))
    assert collection.start_session().remaining == Remaining(new=0, learning=0, review=2)




def test_grade_buttons_show_the_interval_actually_given(collection, clock):
    collection.save_limits(DailyLimits(new_per_day=1))
    session = collection.start_session()
    item = session.current
    due = session.grade(Rating.Easy).due  # graduates; fuzz applies from now on
    collection.save_limits(DailyLimits(new_per_day=0))
    for _ in range(4):
        clock.now = due
        session = collection.start_session()
        assert session.current.key == item.key
        shown = session.preview()[Rating.Good]
        due = session.grade(Rating.Good).due
        assert format_interval(due - clock.now) == shown


def test_deck_list_counts_match_what_a_session_offers(collection, clock):
    collection.save_limits(DailyLimits(new_per_day=3))
    [summary] = collection.deck_summaries()
    assert (summary.new, summary.unseen, summary.learning) == (3, 8, 0)
    session = collection.start_session()
    session.grade(Rating.Good)  # 10-minute step: inside the learn-ahead window
    [summary] = collection.deck_summaries()
    assert (summary.new, summary.unseen, summary.learning) == (2, 7, 1)
    assert summary.new + summary.learning == collection.start_session().remaining.total


def test_negative_daily_limits_are_refused_and_nothing_saved(collection):
    with pytest.raises(ValueError, match="cannot be negative"):
        collection.save_limits(DailyLimits(new_per_day=-1), "sample")
    assert collection.limits("sample") == DailyLimits()
    assert collection.store.deck_setting("limits", "sample") == {}


def test_a_collection_is_what_a_session_needs(collection):
    from anastro_quiz.session import StudyCollection

    assert isinstance(collection, StudyCollection)


def test_a_session_without_new_cards_offers_only_studied_ones(collection, clock):
    assert collection.start_session(new_cards=False).finished  # nothing studied yet
    session = collection.start_session()
    first = session.current
    session.grade(Rating.Again, 1000)  # now learning
    session.finish()
    clock.advance(minutes=30)
    due_only = collection.start_session(new_cards=False)
    assert [i.key for i in due_only.queued_items()] == [first.key]
    assert due_only.remaining == Remaining(new=0, learning=1, review=0)


def test_undo_takes_back_a_bury_and_shows_the_card_again(collection, clock):
    session = collection.start_session()
    buried = session.bury()
    assert session.undo_action == "bury"
    undone = session.undo()
    assert (undone.item.key, undone.describe()) == (buried.key, "bury")
    assert session.current.key == buried.key
    assert collection.store.schedule_row(buried.deck_id, buried.id).buried_until is None  # committed
    assert buried.key in {i.key for i in collection.start_session().queued_items()}
    assert session.done == 0 and not session.can_undo


def test_undo_takes_back_a_suspend(collection, clock):
    session = collection.start_session()
    suspended = session.suspend()
    assert session.undo().describe() == "suspend"
    assert session.current.key == suspended.key
    assert not collection.store.schedule_row(suspended.deck_id, suspended.id).suspended
    assert collection.deck_summaries()[0].suspended == 0


def test_one_undo_stack_for_grades_buries_and_suspends(collection, clock):
    session = collection.start_session()
    graded = session.current
    session.grade(Rating.Good)
    buried = session.bury()
    suspended = session.suspend()
    on_screen = session.current
    assert session.done == 1  # only the grade counts as a review
    assert [session.undo().describe() for _ in range(3)] == ["suspend", "bury", "grade Good"]
    assert session.current.key == graded.key and not session.can_undo
    store = collection.store
    assert not store.schedule_row(suspended.deck_id, suspended.id).suspended
    assert store.schedule_row(buried.deck_id, buried.id).buried_until is None
    assert [r["undone"] for r in store.review_records()] == [1]
    # The cards taken back come in the order they left, then the one that was on screen.
    shown = []
    while len(shown) < 4:
        shown.append(session.current.key)
        session.grade(Rating.Easy)
    assert shown == [graded.key, buried.key, suspended.key, on_screen.key]


def test_a_buried_new_card_is_not_counted_as_new_on_home(collection, clock):
    collection.save_limits(DailyLimits(new_per_day=1))
    session = collection.start_session()
    session.bury()  # the one new card allowed today is buried; the next new one comes
    assert collection.deck_summaries()[0].new == 1
    collection.save_limits(DailyLimits(new_per_day=100))
    [summary] = collection.deck_summaries()
    # 8 less the buried one, less the reverse side and the second cloze (siblings wait a day)
    assert summary.new == 5 == collection.start_session().remaining.total


def test_an_empty_session_leaves_no_row(collection, clock):
    for item in collection.decks["sample"].items():
        collection.set_buried(item, True)
    assert collection.deck_summaries()[0].new == 0
    session = collection.start_session()
    assert session.finished
    session.discard()
    assert collection.store.sessions() == []


def test_undoing_two_agains_on_a_card_shown_again_leaves_it_once(collection, clock):
    """Again, the card comes back, Again, then undo twice: the card is on screen once and not
    queued twice more behind itself."""
    collection.save_limits(DailyLimits(new_per_day=1))
    session = collection.start_session()
    card = session.current
    session.grade(Rating.Again)
    clock.advance(minutes=2)
    assert session.current.key == card.key
    session.grade(Rating.Again)
    session.undo()
    session.undo()
    assert session.current.key == card.key
    assert [i.key for i in session.queued_items()].count(card.key) == 1  # the one on screen
    assert session.remaining.total == 1


def test_a_learning_backlog_is_counted_and_read_a_part_at_a_time(collection, clock, monkeypatch):
    from anastro_quiz import session as session_module

    collection.save_limits(DailyLimits(new_per_day=8, reviews_per_day=200))
    first = collection.start_session()
    again = []
    while first.remaining.new:  # every new card into learning, each due a minute after its grade
        again.append(first.current.key)
        first.grade(Rating.Again)
        clock.advance(seconds=5)
    first.finish()
    assert len(again) >= 5
    clock.advance(minutes=30)
    monkeypatch.setattr(session_module, "LEARNING_READ", 2)
    session = collection.start_session()
    assert session.remaining.learning == len(again)  # two read, the others counted
    shown = []
    while not session.finished:
        shown.append(session.current.key)
        session.grade(Rating.Easy)  # graduates: leaves the learning list
    assert shown == again  # every one once, soonest first, across the parts read
