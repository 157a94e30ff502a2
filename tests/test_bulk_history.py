"""Whole histories in bulk (issue 14): `progress merge` and `progress import` give exactly the
reviews and card states the plain path gives (one card at a time, each review's state parsed
back from its JSON, a fresh fuzz generator per grade), and a failure leaves the database as
it was."""

from __future__ import annotations

import random
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from anastro_quiz import scheduler as scheduler_module
from anastro_quiz.clock import iso
from anastro_quiz.interop.progress import map_review_log, read_review_log
from anastro_quiz.scheduler import dump_state, load_state
from anastro_quiz.store import NEW, Store, is_lapse, is_leech
from anastro_quiz.store import merge as merge_module
from anastro_quiz.store import replay as replay_module
from anastro_quiz.store.replay import ReplayStore

import rawdb
from test_interop_progress import _make_pair


def _sample() -> Path | None:
    """py-fsrs's real review log, read from the shared data folder beside the project (never committed)."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "data" / "review-log-sample.csv"
        if candidate.exists():
            return candidate
    return None


SAMPLE = _sample()
needs_sample = pytest.mark.skipif(SAMPLE is None, reason="shared/data/review-log-sample.csv is not present")


def _plain_history(rows, scheduler):
    """A card's replay as replay_card did it before the bulk work, the reference: each review
    starts from the state parsed back from the JSON the review before it left."""
    counted = [r for r in rows if r[8] == 0]
    running = rows[0][3] if rows and counted else None
    running_fsrs = int(rows[0][7] or NEW) if running is not None else NEW
    due, lapses, updates = None, 0, []
    for rid, rating, at, stored_before, stored_after, stored_fsrs_after, stored_due, stored_fsrs_before, _ in counted:
        before_fsrs = running_fsrs
        if stored_before == running and stored_after is not None and stored_due is not None:
            after, after_fsrs, due = stored_after, stored_fsrs_after, stored_due
        else:
            now = datetime.fromisoformat(at)
            state = load_state(running) if running else scheduler.new_state(now)
            new_state, new_due = scheduler.review(state, rating, now, fuzz_seed=rid)
            after, after_fsrs, due = dump_state(new_state), int(new_state.state), iso(new_due)
        lapses += int(is_lapse(rating, before_fsrs))
        if (running, before_fsrs, after, after_fsrs, due) != (stored_before, stored_fsrs_before, stored_after,
                                                              stored_fsrs_after, stored_due):
            updates.append((running, before_fsrs, after, after_fsrs, due, rid))
        running, running_fsrs = after, after_fsrs
    return updates, (running, running_fsrs, due, len(counted), lapses, int(is_leech(lapses)))


def _use_the_plain_path(monkeypatch) -> None:
    """From here on, cards are replayed one at a time (replay_card) by _plain_history, with a
    fuzz generator seeded afresh at every call, and an import inserts its reviews without
    states before replaying them from the table (as before the bulk work)."""
    def replay_cards(self, keys, progress=None, pending=None):
        if not pending:
            for key in sorted(keys):
                self.replay_card(key, self._deck_scheduler(key[0]))
        return {}

    monkeypatch.setattr(replay_module, "replay_history", _plain_history)
    monkeypatch.setattr(ReplayStore, "_replay_cards", replay_cards)
    monkeypatch.setattr(scheduler_module, "_fuzz_draw",
                        lambda seed: random.random if seed is None else (lambda: random.Random(seed).random()))


def _plain_import(store: Store, reviews) -> None:
    store.import_history(reviews)  # inserted without states (see _use_the_plain_path)
    with store.transaction():
        for key in sorted({r.card_key for r in reviews}):
            store.replay_card(key, store._deck_scheduler(key[0]))


def _dump(path: Path) -> dict[str, list]:
    """What is on disk: the review log, the schedules, the counts kept beside them, the schema."""
    return {table: rawdb.rows(path, sql) for table, sql in {
            "reviews": "SELECT id, deck, card_id, rating, reviewed_at, day, duration_ms, mode, undone, state_before,"
                       " fsrs_state_before, state_after, fsrs_state_after, due_after FROM reviews ORDER BY id",
            "schedule": "SELECT * FROM schedule ORDER BY deck, card_id",
            "review_days": "SELECT * FROM review_days ORDER BY day",
            "state_counts": "SELECT * FROM state_counts WHERE cards<>0 ORDER BY 1, 2, 3",
            "schema": "SELECT type, name, sql FROM sqlite_master ORDER BY name",
    }.items()}


def _sample_reviews():
    reviews = read_review_log(SAMPLE)
    return map_review_log([r.__class__(r.card_id, r.rating, r.time, r.duration_ms, "sample") for r in reviews],
                          {("sample", r.card_id) for r in reviews})[0]


@needs_sample
def test_import_of_a_real_log_gives_the_plain_replays_states(tmp_path, monkeypatch):
    """py-fsrs's own test log (12,580 reviews of 1,205 cards, no recorded states): every review
    replayed through FSRS, in bulk and the plain way, to the same states and counts."""
    reviews = _sample_reviews()
    with Store.open(tmp_path / "bulk.db") as store:
        report = store.import_history(reviews)
    assert report.added == len(reviews) == 12_580 and report.cards_rebuilt == 1_205
    _use_the_plain_path(monkeypatch)
    with Store.open(tmp_path / "plain.db") as store:
        _plain_import(store, reviews)
    bulk, reference = _dump(tmp_path / "bulk.db"), _dump(tmp_path / "plain.db")
    assert bulk == reference
    assert all(row[9] is not None or row[10] == NEW for row in bulk["reviews"])  # every review has its states
    assert sum(1 for row in bulk["schedule"] if row[2]) == 1_205


@needs_sample
def test_merge_of_an_imported_log_keeps_every_state_as_recorded(tmp_path):
    """A history made in one database, merged into an empty one, arrives exactly as it was."""
    with Store.open(tmp_path / "source.db") as store:
        store.import_history(_sample_reviews())
    with Store.open(tmp_path / "into.db") as store:
        report = store.merge(tmp_path / "source.db")
    assert (report.added, report.cards_rebuilt, report.cards_added) == (12_580, 1_205, 1_205)
    source, merged = _dump(tmp_path / "source.db"), _dump(tmp_path / "into.db")
    assert merged["reviews"] == source["reviews"]
    assert merged["review_days"] == source["review_days"]
    assert [row[:10] for row in merged["schedule"]] == [row[:10] for row in source["schedule"]]


def _merge_both_ways(a: Path, b: Path, folder: Path) -> tuple[dict, dict, dict]:
    """Copies of ``a`` and ``b`` merged into each other, in ``folder``."""
    folder.mkdir()
    reports = {}
    for into, other in ((a, b), (b, a)):
        target = folder / f"into-{into.stem}.db"
        shutil.copy(into, target)
        with Store.open(target) as store:
            reports[into.stem] = store.merge(other).to_dict()
            reports[into.stem].pop("other")
    return _dump(folder / "into-a.db"), _dump(folder / "into-b.db"), reports


def test_merge_of_two_histories_gives_the_plain_replays_states(tmp_path, deck_dir, monkeypatch):
    """Two machines that studied the same cards: merged either way, in bulk and the plain way,
    the same reviews, states, per-day counts and reports (cards replayed past the first
    review the two disagree on)."""
    a, b = _make_pair(tmp_path, deck_dir)
    bulk_a, bulk_b, bulk_reports = _merge_both_ways(a, b, tmp_path / "bulk")
    _use_the_plain_path(monkeypatch)
    plain_a, plain_b, plain_reports = _merge_both_ways(a, b, tmp_path / "plain")
    assert bulk_a == plain_a and bulk_b == plain_b
    assert bulk_reports == plain_reports
    assert bulk_reports["a"]["added"] > 0 and bulk_reports["a"]["cards_rebuilt"] > 0
    assert bulk_a["reviews"] == bulk_b["reviews"] and bulk_a["schedule"] == bulk_b["schedule"]


def test_merge_inside_an_open_transaction_copies_through_a_temporary_table(tmp_path, deck_dir):
    """Attaching needs no transaction open; inside one, the other database's reviews are
    streamed into a temporary table instead, with the same result."""
    a, b = _make_pair(tmp_path, deck_dir)
    attached, staged = shutil.copy(a, tmp_path / "attached.db"), shutil.copy(a, tmp_path / "staged.db")
    with Store.open(attached) as store:
        first = store.merge(b)
    with Store.open(staged) as store:
        with store.transaction():
            second = store.merge(b)
    assert first.added == second.added > 0 and first.cards_rebuilt == second.cards_rebuilt
    assert _dump(attached) == _dump(staged)


@pytest.mark.parametrize("action", ["merge", "import"])
def test_a_failure_halfway_leaves_the_database_as_it_was(tmp_path, deck_dir, monkeypatch, action):
    """Failing while cards are rebuilt (after the reviews went in, with the review log's indexes
    set aside for a large insert) writes nothing: the reviews, schedules, counts and indexes
    are as they were."""
    a, b = _make_pair(tmp_path, deck_dir)
    monkeypatch.setattr(merge_module, "BULK_ROWS", 1)  # the log's indexes are dropped and made again
    before = _dump(a)
    calls = []

    def failing(rows, scheduler):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the machine went down")
        return real(rows, scheduler)

    real = replay_module.replay_history
    monkeypatch.setattr(replay_module, "replay_history", failing)
    with Store.open(a) as store:
        with pytest.raises(RuntimeError):
            if action == "merge":
                store.merge(b)
            else:
                with Store.open(b) as other:
                    reviews = list(other.review_log())
                store.import_history([r.__class__(r.card_id, r.rating, r.time, r.duration_ms, r.deck, "x" + r.review_id)
                                      for r in reviews])
    assert len(calls) == 3
    assert _dump(a) == before
    with Store.open(a) as store:  # and it still works
        monkeypatch.setattr(replay_module, "replay_history", real)
        assert store.merge(b).added > 0
