"""Mastery per deck and per topic, and cards per state, from kept counts (issue 14, schema 6):
whatever happens to the collection (grades, undos, suspending, time passing or going back,
a deck edited, a merge, a database locked by another writer), the numbers are those of
counting every card again."""

from __future__ import annotations

from collections import Counter

from anastro_quiz import stats
from anastro_quiz.collection import MASTERY_HORIZON, Collection
from anastro_quiz.scheduler import Rating
from anastro_quiz.store import Store

import rawdb
from studying import study


def _card_by_card(coll, now):
    recall = coll.predicted_recall(now + MASTERY_HORIZON)
    return coll.mastery_by_deck(now, recall), coll.mastery_by_tag(now, recall)


def _same_as_counting_again(coll, now=None):
    _states_counted_again(coll)
    now = now or coll.now()
    by_deck, by_tag = coll.mastery_by_deck(now), coll.mastery_by_tag(now)
    assert (by_deck, by_tag) == _card_by_card(coll, now)
    return by_deck, by_tag


def _states_counted_again(coll):
    counted = Counter((r.deck, r.fsrs_state, int(r.suspended)) for r in coll.store.deck_rows(None))
    assert coll.store.state_counts() == dict(sorted(counted.items()))
    return counted


def _study(coll, clock, days, ratings=(Rating.Good, Rating.Easy, Rating.Good, Rating.Again, Rating.Good)):
    study(coll, clock, days, ratings, undo_last=False)


def test_kept_counts_follow_grades_undos_and_time(tmp_path, deck_dir, clock):
    coll = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    try:
        _same_as_counting_again(coll)
        seen = set()
        for _ in range(6):
            _study(coll, clock, 1)
            by_deck, by_tag = _same_as_counting_again(coll)
            seen.add(by_deck["sample"])
            session = coll.start_session()
            if not session.finished:
                session.grade(Rating.Easy)
                session.undo()  # an undone grade leaves the counts as they were
            item = next(iter(coll.items.values()))
            coll.set_suspended(item, True)
            _states_counted_again(coll)
            coll.set_suspended(item, False)
            assert coll.mastery_by_tag() == by_tag
        assert len(seen) > 1 and max(seen) > 0  # the counts moved with the grades
        # Time passes (mastery ends for some cards), then a reading for an earlier moment.
        for days in (3, 20, 200, -190, -30, 400):
            clock.advance(days=days)
            _same_as_counting_again(coll)
        assert stats.collection_stats(coll).mastery.tags == coll.mastery_by_tag()
        assert rawdb.rows(tmp_path / "p.db", "SELECT COUNT(*) FROM mastery_at") == [(1,)]  # read from kept counts
    finally:
        coll.close()


def test_kept_counts_follow_an_edited_deck_and_a_merge(tmp_path, deck_dir, clock):
    coll = Collection.open(tmp_path / "a.db", [deck_dir], clock=clock)
    _study(coll, clock, 1, ratings=(Rating.Easy,) * 8)
    before = _same_as_counting_again(coll)
    assert any(share > 0 for share in before[1].values())
    coll.close()

    deck = deck_dir / "all_types.yaml"
    text = deck.read_text(encoding="utf-8")
    edited = text.replace("tags: [atac]", "tags: [trial]", 1).replace("tags: [mechanism]", "tags: [mechanism, drug]")
    removed = edited[edited.index("  - id: osteoclast-def"):edited.index("  - id: rankl-mcsf")]
    edited = edited.replace(removed, "")  # a studied card leaves the deck (orphaned, history kept)
    deck.write_text(edited, encoding="utf-8")
    coll = Collection.open(tmp_path / "a.db", [deck_dir], clock=clock)
    try:
        by_deck, by_tag = _same_as_counting_again(coll)
        assert "trial" in by_tag and "drug" in by_tag and by_deck != before[0]
    finally:
        coll.close()

    other = Collection.open(tmp_path / "b.db", [deck_dir], clock=clock)
    _study(other, clock, 3, ratings=(Rating.Again, Rating.Hard) * 4)
    other.close()
    with Store.open(tmp_path / "a.db") as store:
        store.merge(tmp_path / "b.db")
    coll = Collection.open(tmp_path / "a.db", [deck_dir], clock=clock)
    try:
        _same_as_counting_again(coll)
        _same_as_counting_again(coll, coll.now() + MASTERY_HORIZON * 10)
    finally:
        coll.close()


def test_a_reading_while_another_connection_writes_counts_without_keeping(tmp_path, deck_dir, clock):
    coll = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    try:
        _study(coll, clock, 3, ratings=(Rating.Easy,) * 8)
        _same_as_counting_again(coll)
        later = clock.now + MASTERY_HORIZON * 3
        expected = _card_by_card(coll, later)[0]
        with Store.open(tmp_path / "p.db", busy_timeout=0.05) as reader:
            with coll.store.transaction():  # the app is writing
                assert reader.mastered_by_deck(later + MASTERY_HORIZON) == expected
        _same_as_counting_again(coll)
    finally:
        coll.close()
