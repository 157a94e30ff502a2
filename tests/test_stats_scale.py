"""Statistics from kept aggregates (issue 14): the same numbers as counting every review and card."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from anastro_quiz import stats
from anastro_quiz.collection import MASTERY_HORIZON, Collection
from anastro_quiz.scheduler import Rating
from anastro_quiz.store import SCHEMA_VERSION, Store

import rawdb
from studying import study as _study


def _counted_by_day(store) -> dict[str, int]:
    """Reviews per day the slow way: every review in the log, undone and drill ones left out."""
    return dict(Counter(r["day"] for r in store.review_records() if not r["undone"] and r["mode"] != "drill"))


def test_reviews_per_day_follow_grades_undos_drills_and_merges(tmp_path, deck_dir, clock):
    coll = Collection.open(tmp_path / "a.db", [deck_dir], clock=clock)
    _study(coll, clock, 3)
    drill = coll.start_session(mode="drill", items=list(coll.items.values())[:2])
    drill.grade(Rating.Good)
    assert coll.store.reviews_per_day() == _counted_by_day(coll.store)
    assert coll.store.counted_reviews() == sum(_counted_by_day(coll.store).values()) == 12
    coll.close()

    other = Collection.open(tmp_path / "b.db", [deck_dir], clock=clock)
    _study(other, clock, 2)
    other.close()
    with Store.open(tmp_path / "a.db") as store:
        store.merge(tmp_path / "b.db")  # inserted in bulk: counted per day at the end
        assert store.reviews_per_day() == _counted_by_day(store)
        assert len(store.reviews_per_day()) == 5
        assert _retention_by_day(store) == _retention_counted(store)
    coll = Collection.open(tmp_path / "a.db", [deck_dir], clock=clock)
    _study(coll, clock, 1)  # the per-review trigger is back after the merge
    assert coll.store.reviews_per_day() == _counted_by_day(coll.store)
    coll.close()


def _retention_by_day(store) -> dict[str, tuple[int, int]]:
    return {day: (n, kept) for day, n, kept in rawdb.rows(
        store.path, "SELECT day, retention_reviews, retention_recalled FROM review_days WHERE reviews>0")}


def _retention_counted(store) -> dict[str, tuple[int, int]]:
    """True retention's reviews and recalls per day the slow way (review mode, card in review)."""
    out: dict[str, tuple[int, int]] = {}
    for r in store.review_records():
        if not r["undone"] and r["mode"] != "drill":
            n, kept = out.get(r["day"], (0, 0))
            counted = r["mode"] == "review" and r["fsrs_state_before"] == 2
            out[r["day"]] = (n + counted, kept + (counted and r["rating"] > 1))
    return out


def test_mastery_by_tag_forecast_and_states_equal_the_card_by_card_numbers(tmp_path, deck_dir, clock):
    coll = Collection.open(tmp_path / "a.db", [deck_dir], clock=clock)
    try:
        _study(coll, clock, 4)
        clock.advance(days=2)
        now = coll.now()
        recall = coll.predicted_recall(now + MASTERY_HORIZON)  # card by card, as mastery looks ahead
        assert coll.mastery_by_tag(now) == pytest.approx(coll.mastery_by_tag(now, recall), rel=1e-12)
        assert coll.mastery_by_deck(now) == pytest.approx(coll.mastery_by_deck(now, recall), rel=1e-12)
        assert 0 < coll.recall_by_deck(now)["sample"] < 1
        window = stats.due_forecast(coll, list(coll.decks), now, days=30)
        everything = coll.store.due_per_day(list(coll.decks))
        assert sum(d.due for d in window) == sum(everything.values()) > 0  # nothing is due beyond 30 days yet
        states = coll.store.cards_by_state(list(coll.decks))
        rows = [r for r in coll.store.schedule_rows()]
        assert states["total"] == len(rows) == 8
        assert states["new"] == sum(r.fsrs_state == 0 and not r.suspended for r in rows)
    finally:
        coll.close()


def test_a_version_4_database_gets_its_review_days_and_tags(tmp_path, deck_dir, clock):
    path = rawdb.old_database(tmp_path / "v4.db", 4)
    rawdb.write(path, *[
        ("INSERT INTO reviews (id, deck, card_id, rating, reviewed_at, day, mode, undone) VALUES (?,?,?,?,?,?,?,?)",
         (f"r{n}", "sample", "ai-class", 3, f"2026-02-0{day}T10:00:00.000000+00:00", f"2026-02-0{day}", mode, undone))
        for n, (day, mode, undone) in enumerate([(1, "review", 0), (1, "review", 0), (2, "drill", 0),
                                                 (3, "review", 1), (3, "review", 0)])])
    coll = Collection.open(path, [deck_dir], clock=clock)
    try:
        assert coll.store.schema_version == SCHEMA_VERSION
        assert coll.store.reviews_per_day() == {"2026-02-01": 2, "2026-02-03": 1}
        assert set(coll.mastery_by_tag()) == {"mechanism", "osteoclast", "atac"}  # tags synced on first open
    finally:
        coll.close()


def test_true_retention_from_day_counts_equals_reading_the_log(tmp_path, deck_dir, clock):
    from anastro_quiz.clock import iso

    coll = Collection.open(tmp_path / "a.db", [deck_dir], clock=clock)
    try:
        # Cards reach the review state, get recalled and forgotten, some grades undone.
        _study(coll, clock, 12, (Rating.Good, Rating.Again, Rating.Good, Rating.Easy, Rating.Hard, Rating.Good),
               gap=timedelta(hours=17))
        drill = coll.start_session(mode="drill", items=list(coll.items.values())[:2])
        drill.grade(Rating.Again)
        now = coll.now()
        log = coll.store._logged_retention
        for days in (1, 2, 3, 7, 30):
            since = now - timedelta(days=days, hours=5)
            assert coll.store.retention_counts(since) == log(" AND reviewed_at>=?", (iso(since),))
            for back in (0, 1, 3):
                until = now - timedelta(days=back, hours=2)
                assert coll.store.retention_counts(since, until) == \
                    log(" AND reviewed_at>? AND reviewed_at<=?", (iso(since), iso(until)))
        assert stats.true_retention(coll, now, 30).reviews > 0
        weeks = stats.retention_by_week(coll, now, 3)
        assert sum(w.reviews for w in weeks) == log(" AND reviewed_at>? AND reviewed_at<=?",
                                                    (iso(now - timedelta(weeks=3)), iso(now)))[0]
    finally:
        coll.close()
