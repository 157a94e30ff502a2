"""Opening a collection reads only what it shows (issue 14), checked for behaviour, not time."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from anastro_quiz import stats
from anastro_quiz.collection import Collection
from anastro_quiz.deck_cache import CachedDeck
from anastro_quiz.decks import load_decks
from anastro_quiz.settings import DailyLimits
from anastro_quiz.scheduler import Rating, SchedulerSettings, load_state
from anastro_quiz.store import SCHEMA_VERSION, Store
from anastro_quiz.session import Remaining

import rawdb

SECOND_DECK = """id: second
title: Second deck
cards:
  - {id: one, type: basic, prompt: First question?, answer: First answer}
  - {id: two, type: reverse, prompt: Front, answer: Back}
  - {id: three, type: cloze, text: "{{c1::Anastrozole}} inhibits {{c2::aromatase}}."}
"""


@pytest.fixture
def two_decks(deck_dir):
    (deck_dir / "second.yaml").write_text(SECOND_DECK)
    return deck_dir


def _open(tmp_path, decks, clock) -> Collection:
    return Collection.open(tmp_path / "p.db", [decks], clock=clock)


def _mean_recall(coll: Collection) -> dict[str, float]:
    """Mean predicted recall the slow way: every card's full FSRS state through py-fsrs."""
    sums: dict[str, list[float]] = {}
    for deck_id in coll.decks:
        for key in coll.items.deck_items(deck_id):
            row = coll.store.schedule_row(*key)
            value = coll.scheduler(key[0]).retrievability(load_state(row.state), coll.now()) if row.state else 0.0
            entry = sums.setdefault(key[0], [0.0, 0])
            entry[0] += value
            entry[1] += 1
    return {deck: total / count for deck, (total, count) in sums.items()}


def test_an_unchanged_collection_opens_and_shows_home_without_reading_a_card(tmp_path, two_decks, clock):
    _open(tmp_path, two_decks, clock).close()  # first launch: parses, caches and syncs
    coll = _open(tmp_path, two_decks, clock)
    try:
        assert all(isinstance(d, CachedDeck) for d in coll.decks.values())
        summaries = {s.id: s for s in coll.deck_summaries()}
        assert summaries["second"].new == 3 and summaries["second"].total == 5  # one new item per card (siblings wait)
        stats.review_days(coll)
        assert not any(d.cards_loaded for d in coll.decks.values())
        session = coll.start_session(["second"])  # studying reads the studied deck only
        assert session.current.deck_id == "second"
        assert coll.decks["second"].cards_read and not coll.decks["sample"].cards_read
    finally:
        coll.close()


def test_only_the_deck_whose_file_changed_is_synced(tmp_path, two_decks, clock):
    _open(tmp_path, two_decks, clock).close()
    path = two_decks / "second.yaml"
    path.write_text(SECOND_DECK + "  - {id: four, type: basic, prompt: Fourth?, answer: Four}\n")
    coll = _open(tmp_path, two_decks, clock)
    try:
        assert coll.sync_report == {"added": 1, "changed": 0, "orphaned": 0}
        assert not coll.decks["sample"].cards_loaded
        assert {s.id: s.total for s in coll.deck_summaries()}["second"] == 6
    finally:
        coll.close()


def test_a_deck_removed_by_an_edit_and_restored_gets_its_cards_back(tmp_path, two_decks, clock):
    coll = _open(tmp_path, two_decks, clock)
    path = two_decks / "second.yaml"
    session = coll.start_session(["second"])
    session.grade(Rating.Good)
    path.unlink()
    coll.reload_deck("second")  # the file is gone: its cards leave the counts, history kept
    assert "second" not in {s.id for s in coll.deck_summaries()}
    coll.close()
    path.write_text(SECOND_DECK)
    coll = _open(tmp_path, two_decks, clock)
    try:
        assert coll.store.orphaned_cards() == []
        assert {s.id: s.total for s in coll.deck_summaries()}["second"] == 5
    finally:
        coll.close()


def test_recall_from_the_database_equals_every_cards_fsrs_recall(tmp_path, two_decks, clock):
    coll = _open(tmp_path, two_decks, clock)
    try:
        tuned = SchedulerSettings(parameters=[*coll.scheduler().parameters[:20], 0.5])  # another decay
        coll.save_scheduler_settings(tuned, "second")
        for deck in ("sample", "second"):
            session = coll.start_session([deck])
            for rating in (Rating.Good, Rating.Easy, Rating.Again, Rating.Hard):
                session.grade(rating)
        for days in (0, 3, 10, 400):  # whole days after the reviews: the day boundary itself
            clock.now = session.started + timedelta(days=days)
            mastery = coll.recall_by_deck(clock.now)
            expected = _mean_recall(coll)
            assert set(mastery) == {"sample", "second"}
            assert mastery == pytest.approx(expected, rel=1e-12)
        assert 0 < mastery["sample"] < 1 and 0 < mastery["second"] < 1
    finally:
        coll.close()


def test_a_version_3_database_with_progress_migrates_and_keeps_its_recall(tmp_path, deck_dir, clock):
    # A database as anastro-quiz left it before recall columns: one card studied (its FSRS
    # state only in the JSON column), then opened by this version.
    decks = load_decks([deck_dir])
    path = rawdb.old_database(tmp_path / "v3.db", 3)
    first = decks[0].items()[0]
    coll = Collection(Store.open(tmp_path / "scratch.db"), decks, clock=clock)
    scheduler = coll.scheduler()
    state, due = scheduler.review(scheduler.new_state(clock.now), Rating.Good, clock.now)
    state, due = scheduler.review(state, Rating.Good, due)
    coll.close()
    state_json = json.dumps(state.to_dict())
    rows = [("INSERT INTO cards (deck, card_id, content_hash, position, orphaned) VALUES (?,?,?,?,0)",
             (item.deck_id, item.id, item.content_hash, n)) for n, item in enumerate(decks[0].items())]
    rows += [("INSERT INTO schedule (deck, card_id, fsrs_state) VALUES (?,?,0)", (item.deck_id, item.id))
             for item in decks[0].items()]
    rows.append(("UPDATE schedule SET state=?, fsrs_state=2, due=?, reps=2 WHERE deck=? AND card_id=?",
                 (state_json, due.isoformat(), first.deck_id, first.id)))
    rawdb.write(path, *rows)

    clock.now = due + timedelta(days=2)
    coll = Collection.open(path, [deck_dir], clock=clock)
    try:
        assert coll.store.schema_version == SCHEMA_VERSION
        assert coll.sync_report == {"added": 0, "changed": 0, "orphaned": 0}
        expected = scheduler.retrievability(state, clock.now) / len(decks[0].items())
        assert coll.recall_by_deck(clock.now) == pytest.approx({"sample": expected}, rel=1e-12)
        assert coll.store.integrity_check() == "ok"
        session = coll.start_session()  # grading after the migration keeps the columns current
        session.grade(Rating.Good)
        assert coll.recall_by_deck(clock.now) == pytest.approx(_mean_recall(coll), rel=1e-12)
    finally:
        coll.close()


def test_remaining_counts_stay_true_through_grades_undos_buries_and_suspends(tmp_path, two_decks, clock):
    import random

    coll = _open(tmp_path, two_decks, clock)
    try:
        # Cards studied yesterday come back as due reviews and learning cards today.
        first = coll.start_session()
        for rating in (Rating.Easy, Rating.Good, Rating.Again, Rating.Easy, Rating.Hard, Rating.Good):
            first.grade(rating)
        clock.advance(days=30)
        session = coll.start_session()
        rng = random.Random(7)
        seen_kinds = set()
        while not session.finished:
            action = rng.choices(["grade", "undo", "bury", "suspend"], [6, 2, 1, 1])[0]
            if action == "grade":
                session.grade(rng.choice(list(Rating)))
            elif action == "undo":
                session.undo()
            else:
                getattr(session, action)()
            clock.advance(minutes=rng.choice((0, 2, 11)))
            queued = session.queued_items()
            expected = {"new": 0, "learning": 0, "review": 0}
            for item in queued:
                expected[session._kind.get(item.key, "review")] += 1  # the count as it was computed before
            assert session.remaining == Remaining(**expected)
            seen_kinds |= {kind for kind, n in expected.items() if n}
        assert seen_kinds == {"new", "learning", "review"}
    finally:
        coll.close()


def test_an_items_card_is_known_without_reading_the_deck(tmp_path, two_decks, clock):
    _open(tmp_path, two_decks, clock).close()
    (two_decks / "dotted.yaml").write_text(
        "id: dotted\ntitle: Dotted ids\ncards:\n"
        "  - {id: x, type: cloze, text: '{{c1::One}} and {{c2::two}}.'}\n"
        "  - {id: y.c2, type: basic, prompt: A card whose id looks like a deletion?, answer: 'Yes'}\n")
    _open(tmp_path, two_decks, clock).close()  # parses and caches the new deck
    coll = _open(tmp_path, two_decks, clock)
    try:
        expected = {key: (item.deck_id, item.card_id) for deck in ("second", "dotted")
                    for key, item in _fresh(two_decks, deck).items()}
        assert {key: coll.items.card_of(key) for key in expected} == expected
        assert not any(d.cards_loaded for d in coll.decks.values())
    finally:
        coll.close()


def test_a_session_reads_only_the_cards_it_queues_from_the_cache(tmp_path, deck_dir, clock):
    cards = "".join(f"  - {{id: q{n}, type: basic, prompt: Question {n}?, answer: Answer {n}}}\n" for n in range(60))
    (deck_dir / "long.yaml").write_text("id: long\ntitle: Long deck\ncards:\n" + cards)
    first = _open(tmp_path, deck_dir, clock)
    first.save_limits(DailyLimits(new_per_day=5, reviews_per_day=50), "long")
    first.close()
    coll = _open(tmp_path, deck_dir, clock)
    try:
        session = coll.start_session(["long"])
        queued = session.queued_items()
        assert [item.id for item in queued] == ["q0", "q1", "q2", "q3", "q4"]
        deck = coll.decks["long"]
        assert not deck.cards_loaded and deck.cards_read == 5  # not the other 55
        fresh = _fresh(deck_dir, "long")
        assert [item.to_dict() for item in queued] == [fresh[item.key].to_dict() for item in queued]
        assert coll.browse("long")[59][0].id == "q59"  # a view of the whole deck reads it all
        assert deck.cards_loaded
    finally:
        coll.close()


def _fresh(folder, deck_id):
    from anastro_quiz.decks import load_decks as load

    deck = next(d for d in load([folder]) if d.id == deck_id)
    return {item.key: item for item in deck.items()}
