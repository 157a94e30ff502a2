"""Siblings (a reverse card's two sides, a cloze's deletions) are not shown the same day."""

from __future__ import annotations

from collections import defaultdict

from anastro_quiz.collection import DailyLimits
from anastro_quiz.scheduler import Rating
from anastro_quiz.siblings import SiblingRules


def _study_today(collection, clock, grade=Rating.Good) -> list[str]:
    """Every card a session shows today, in order, learning steps included."""
    session = collection.start_session()
    shown = []
    while not session.finished:
        shown.append(session.current.id)
        session.grade(grade)
        clock.advance(minutes=11)
    return shown


def _cards_shown_twice_or_more(shown: list[str], collection) -> dict[str, set[str]]:
    items = defaultdict(set)
    for item_id in shown:
        items[collection.items[("sample", item_id)].card_id].add(item_id)
    return {card: ids for card, ids in items.items() if len(ids) > 1}


def test_new_siblings_wait_for_the_next_day(collection, clock):
    queue = [i.id for i in collection.start_session().queued_items()]
    assert queue[:4] == ["ai-class", "osteoclast-def", "rankl-mcsf.c1", "atac-hip"]
    assert "osteoclast-def.reverse" not in queue and "rankl-mcsf.c2" not in queue
    first_day = _study_today(collection, clock)
    assert _cards_shown_twice_or_more(first_day, collection) == {}
    clock.advance(days=1)
    second_day = _study_today(collection, clock)
    assert {"osteoclast-def.reverse", "rankl-mcsf.c2"} <= set(second_day)
    assert _cards_shown_twice_or_more(second_day, collection) == {}


def test_a_later_session_the_same_day_keeps_them_apart_too(collection, clock):
    collection.save_limits(DailyLimits(new_per_day=2))
    _study_today(collection, clock)  # ai-class, osteoclast-def
    collection.save_limits(DailyLimits(new_per_day=20))
    queue = [i.id for i in collection.start_session().queued_items()]
    assert "osteoclast-def.reverse" not in queue and "rankl-mcsf.c1" in queue


def test_with_burying_off_siblings_come_the_same_day(collection, clock):
    collection.save_siblings(SiblingRules(bury_new=False, bury_reviews=False), "sample")
    queue = [i.id for i in collection.start_session().queued_items()]
    assert queue[:3] == ["ai-class", "osteoclast-def", "osteoclast-def.reverse"]


def test_review_siblings_due_the_same_day_are_shown_on_different_days(collection, clock):
    collection.save_siblings(SiblingRules(bury_new=False, bury_reviews=False), "sample")
    _study_today(collection, clock, Rating.Easy)  # both sides learnt the same day: due the same day
    collection.save_siblings(SiblingRules(bury_new=True, bury_reviews=True), "sample")
    clock.advance(days=40)
    queue = [i.id for i in collection.start_session().queued_items()]
    sides = {"osteoclast-def", "osteoclast-def.reverse"}
    # Which side comes first is the load balancer's (the earlier due); the other waits a day.
    (first,) = sides & set(queue)
    assert _cards_shown_twice_or_more(_study_today(collection, clock), collection) == {}
    clock.advance(days=1)
    assert (sides - {first}) <= {i.id for i in collection.start_session().queued_items()}


def test_grading_a_card_sends_its_queued_sibling_away_and_undo_brings_it_back(collection, clock):
    # Burying turned on while a session that queued both sides is open.
    collection.save_siblings(SiblingRules(bury_new=False, bury_reviews=True), "sample")
    _study_today(collection, clock, Rating.Easy)
    collection.save_siblings(SiblingRules(bury_new=False, bury_reviews=False), "sample")
    clock.advance(days=40)
    session = collection.start_session()  # both sides due and queued: burying was off
    queued = [i.id for i in session.queued_items()]
    assert {"osteoclast-def", "osteoclast-def.reverse"} <= set(queued)
    collection.save_siblings(SiblingRules(bury_new=False, bury_reviews=True), "sample")
    sides = {"osteoclast-def", "osteoclast-def.reverse"}
    while session.current.id not in sides:
        session.grade(Rating.Good)
    first = session.current.id
    (other,) = sides - {first}
    before = session.remaining.review
    session.grade(Rating.Good)
    assert other not in [i.id for i in session.queued_items()]
    assert session.remaining.review == before - 2
    session.undo()
    assert session.current.id == first
    assert other in [i.id for i in session.queued_items()]
    assert session.remaining.review == before


def test_the_rules_are_a_deck_setting(collection):
    assert collection.siblings("sample") == SiblingRules(True, True)
    collection.save_siblings(SiblingRules(bury_new=False), "sample")
    assert collection.siblings("sample") == SiblingRules(False, True) and collection.siblings() == SiblingRules()
