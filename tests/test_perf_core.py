"""Performance fixes found by benchmarks/bench_scale.py, checked for behaviour (no timings)."""

from __future__ import annotations

import gc

import pytest

from anastro_quiz import stats
from anastro_quiz.decks import gc_paused, load_decks
from anastro_quiz.scheduler import Rating
from anastro_quiz.store import SCHEMA_VERSION, Store
from anastro_quiz.store.queries import LOG_SCANS

import rawdb


def _plans(store) -> list[str]:
    """The plans of the stats queries that scan the whole review log (the store's own SQL)."""
    return [store.query_plan(sql, ("2026-01-01",) * sql.count("?")) for sql in LOG_SCANS]


def test_stats_queries_read_only_covering_indexes(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        for plan in _plans(store):
            assert "COVERING INDEX" in plan, plan


def test_todays_reviews_are_read_from_one_covering_index(tmp_path, deck_dir, clock):
    """A session's cards already reviewed today read a range of one index, not every review's
    row ("done today", what the daily limits count, is kept per deck: test_daily_counts.py)."""
    from anastro_quiz.clock import study_day
    from anastro_quiz.collection import Collection
    from anastro_quiz.store.reviews import REVIEWED_ON_SQL

    coll = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    try:
        sql = REVIEWED_ON_SQL.format(decks="?")
        plan = coll.store.query_plan(sql, ("2026-01-01",) * sql.count("?"))
        assert "COVERING INDEX idx_reviews_day_cover" in plan, plan
        session = coll.start_session()
        first = session.current
        session.grade(Rating.Good)
        today = study_day(coll.now())
        assert coll.store.done_today(today) == {"sample": (1, 0)}
        assert coll.store.reviewed_on(today, ["sample"]) == {("sample", first.id)}
    finally:
        coll.close()


def test_version_1_database_migrates_keeping_its_reviews(tmp_path, deck_dir, clock):
    from anastro_quiz.collection import Collection

    path = tmp_path / "old.db"
    rawdb.old_database(path, 1)

    coll = Collection(Store.open(path), load_decks([deck_dir]), clock=clock)
    try:
        session = coll.start_session()
        session.grade(Rating.Good)
        assert coll.store.schema_version == SCHEMA_VERSION == 13
        assert all("COVERING INDEX" in plan for plan in _plans(coll.store))
        assert coll.store.integrity_check() == "ok"
        result = stats.collection_stats(coll)
        assert result.reviews.total == 1
        assert result.reviews.today == 1
    finally:
        coll.close()
    with Store.open(path) as again:  # reopening a migrated database changes nothing
        assert again.review_count() == 1
        assert again.schema_version == SCHEMA_VERSION


def test_gc_paused_restores_the_collector_state(deck_dir):
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    load_decks([deck_dir])
    assert gc.isenabled()
    gc.disable()
    try:
        load_decks([deck_dir])  # a caller that turned the collector off keeps it off
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_gc_is_back_on_after_a_failing_load(tmp_path):
    from anastro_quiz.decks import DeckError

    (tmp_path / "bad.yaml").write_text("id: x\ntitle: X\ncards: [\n")
    with pytest.raises(DeckError):
        load_decks([tmp_path])
    assert gc.isenabled()


def test_orphaned_cards_are_found_from_their_own_index(tmp_path, deck_dir, clock):
    """Aggregates subtract orphaned cards (few) starting from their partial index, whatever
    SQLite estimates: walking the schedule to find them cost 45 ms of `stats` at 100k cards."""
    from anastro_quiz.collection import Collection

    coll = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    try:
        sql = (f"SELECT s.due FROM {coll.store._ORPHANS} WHERE c.orphaned=1 AND s.deck IN (?)"
               " AND s.fsrs_state IN (1,2,3) AND s.suspended=0")
        assert coll.store.query_plan(sql, ("sample",)).startswith("SEARCH c USING INDEX idx_cards_orphaned"), sql
    finally:
        coll.close()
