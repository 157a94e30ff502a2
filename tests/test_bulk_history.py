"""Whole histories in bulk (issue 14): `progress merge` and `progress import` give exactly the
reviews and card states the plain path gives (one card at a time, each review's state parsed
back from its JSON, a fresh fuzz generator per grade), and a failure leaves the database as
it was."""

from __future__ import annotations

import os
import random
import shutil
from contextlib import contextmanager
from datetime import datetime, timezone
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
from anastro_quiz.store.states import decode, encode

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
_LATER = datetime(2026, 3, 7, 12, tzinfo=timezone.utc)
needs_sample = pytest.mark.skipif(SAMPLE is None, reason="shared/data/review-log-sample.csv is not present")


def _plain_history(rows, scheduler):
    """:func:`_plain_history_as_text` on the review log's rows (states as columns, schema 13):
    each state given to it as its JSON text, each one it writes encoded back."""
    as_text = [(r[0], r[1], r[2], decode(r[7:14]), decode(r[14:21]), r[4], r[5], r[3], r[6]) for r in rows]
    updates, schedule = _plain_history_as_text(as_text, scheduler)
    return [(*encode(before), fsrs_before, *encode(after), fsrs_after, due, rid)
            for before, fsrs_before, after, fsrs_after, due, rid in updates], schedule


def _plain_history_as_text(rows, scheduler):
    """A card's replay as replay_card did it before the bulk work, the reference: each review
    starts from the state parsed back from the JSON the review before it left (``rows``: the
    replay's columns up to schema 12, states as JSON text)."""
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
    def replay_cards(self, keys, progress=None, pending=None, as_logged=False):
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
            "reviews": "SELECT * FROM reviews ORDER BY id",  # every column: the states as stored
            "schedule": "SELECT * FROM schedule ORDER BY deck, card_id",
            "review_days": "SELECT * FROM review_days ORDER BY day",
            "state_counts": "SELECT * FROM state_counts WHERE cards<>0 ORDER BY 1, 2, 3",
            "card_tags": "SELECT * FROM card_tags ORDER BY deck, card_id, tag",
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
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="worker processes are used only with more than one core")
def test_an_import_replayed_in_worker_processes_gives_the_same_states(tmp_path, monkeypatch):
    """A long log is replayed in worker processes, a few batches of cards each: the result is
    the one replaying here gives, review for review."""
    reviews = _sample_reviews()
    with Store.open(tmp_path / "here.db") as store:
        store.import_history(reviews)
    monkeypatch.setattr(replay_module, "POOL_REVIEWS", 1)
    monkeypatch.setattr(replay_module, "BATCH_CARDS", 100)
    used = []
    real = replay_module._replayers

    @contextmanager
    def watched(count):
        with real(count) as (run, width):
            used.append((count, width))
            yield run, width

    monkeypatch.setattr(replay_module, "_replayers", watched)
    seen = []
    with Store.open(tmp_path / "pool.db") as store:
        report = store.import_history(reviews, progress=lambda done, total, name: seen.append(done))
    assert used == [(12_580, 2 * min(os.cpu_count(), replay_module.WORKERS))] and report.cards_rebuilt == 1_205
    assert seen[0] == 0 and seen[-1] == 1_205 and len(seen) == 14  # each batch of 100 cards, as it is written
    assert _dump(tmp_path / "pool.db") == _dump(tmp_path / "here.db")


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
            store.mastered_by_deck(_LATER)  # counts kept for that moment, which a merge moves
            reports[into.stem] = store.merge(other).to_dict()
            reports[into.stem].pop("other")
            decks = sorted({row[0] for row in rawdb.rows(target, "SELECT deck FROM schedule")})
            reports[into.stem]["mastery"] = (store.mastered_by_deck(_LATER), store.mastered_by_tag(_LATER, decks),
                                             store.state_counts())
    return _dump(folder / "into-a.db"), _dump(folder / "into-b.db"), reports


def test_merge_of_two_histories_gives_the_plain_replays_states(tmp_path, deck_dir, monkeypatch):
    """Two machines that studied the same cards: merged either way, in bulk (the schedule's
    triggers set aside) and the plain way, the same reviews, states, per-day counts, tag
    copies, mastery and reports (cards replayed past the first review the two disagree on)."""
    a, b = _make_pair(tmp_path, deck_dir)
    monkeypatch.setattr(replay_module, "BULK_CARDS", 1)
    bulk_a, bulk_b, bulk_reports = _merge_both_ways(a, b, tmp_path / "bulk")
    monkeypatch.setattr(replay_module, "BULK_CARDS", 10**9)
    _use_the_plain_path(monkeypatch)
    plain_a, plain_b, plain_reports = _merge_both_ways(a, b, tmp_path / "plain")
    assert bulk_a == plain_a and bulk_b == plain_b
    assert bulk_reports == plain_reports
    assert bulk_reports["a"]["added"] > 0 and bulk_reports["a"]["cards_rebuilt"] > 0
    assert bulk_a["reviews"] == bulk_b["reviews"] and bulk_a["schedule"] == bulk_b["schedule"]


def test_a_merged_log_with_undone_and_out_of_order_reviews_is_replayed_in_time_order(tmp_path, deck_dir,
                                                                                   clock, monkeypatch):
    """The pass that keeps a merged history as logged (one read in the order it was written)
    skips undone reviews and trusts no card whose reviews were written out of time order:
    here the last review of one card is undone, and two reviews of another, both keeping
    the state as it was, were written in the wrong order (the later one first)."""
    from anastro_quiz.collection import Collection
    from anastro_quiz.scheduler import Rating

    source = tmp_path / "source.db"
    coll = Collection.open(source, [deck_dir], clock=clock)
    session = coll.start_session()
    for rating in (Rating.Good, Rating.Again, Rating.Good, Rating.Easy):
        session.grade(rating)
        clock.advance(minutes=3)
    session.undo()
    undone_card = rawdb.rows(source, "SELECT deck, card_id FROM reviews WHERE undone=1")[0]
    coll.close()
    state = '{"card_id":0,"state":2,"step":null,"stability":3.5,"difficulty":5.0,"due":"2026-03-05T09:00:00+00:00",' \
            '"last_review":"2026-03-01T09:00:00+00:00"}'
    rawdb.write(source, *[("INSERT INTO reviews (id, deck, card_id, rating, reviewed_at, day, mode, undone,"
                           " state_before, fsrs_state_before, state_after, fsrs_state_after, due_after)"
                           " VALUES (?, 'sample', 'written-late', 3, ?, ?, 'review', 0, ?, 2, ?, 2, ?)",
                           (rid, at, at[:10], state, state, due))
                          for rid, at, due in (("z-later", "2026-03-02T09:00:00.000000+00:00", "2026-03-09T09:00:00.000000+00:00"),
                                               ("z-earlier", "2026-03-01T09:00:00.000000+00:00", "2026-03-05T09:00:00.000000+00:00"))])
    monkeypatch.setattr(replay_module, "BULK_CARDS", 1)
    with Store.open(tmp_path / "bulk.db") as store:
        store.merge(source)
    _use_the_plain_path(monkeypatch)
    with Store.open(tmp_path / "plain.db") as store:
        store.merge(source)
    bulk, plain = _dump(tmp_path / "bulk.db"), _dump(tmp_path / "plain.db")
    assert bulk["schedule"] == plain["schedule"] and bulk["reviews"] == plain["reviews"]
    by_card = {(row[0], row[1]): row for row in bulk["schedule"]}
    assert by_card[("sample", "written-late")][4] == "2026-03-09T09:00:00.000000+00:00"  # due after the later one
    assert by_card[undone_card][5] == rawdb.rows(source, "SELECT reps FROM schedule WHERE deck=? AND card_id=?",
                                                 undone_card)[0][0]


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
@pytest.mark.parametrize("when", ["replaying", "inserting"])
def test_a_failure_halfway_leaves_the_database_as_it_was(tmp_path, deck_dir, monkeypatch, action, when):
    """Failing while cards are rebuilt, or while the reviews go in with the review log's
    indexes set aside (a large insert), writes nothing: the reviews, schedules, counts and
    indexes are as they were, and the database still works."""
    a, b = _make_pair(tmp_path, deck_dir)
    monkeypatch.setattr(merge_module, "BULK_ROWS", 1)  # the log's indexes are dropped and made again
    monkeypatch.setattr(replay_module, "BULK_CARDS", 1)  # and the schedule's triggers set aside
    before = _dump(a)
    calls = []

    def failing_replay(rows, scheduler):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the machine went down")
        return real_replay(rows, scheduler)

    @contextmanager
    def failing_insert(conn, table, when=True):
        with real_set_aside(conn, table, when):
            yield
            calls.append(1)
            raise RuntimeError("the machine went down")

    real_replay, real_set_aside = replay_module.replay_history, merge_module.indexes_set_aside
    if when == "replaying":
        monkeypatch.setattr(replay_module, "replay_history", failing_replay)
    else:
        monkeypatch.setattr(merge_module, "indexes_set_aside", failing_insert)
    with Store.open(a) as store:
        with pytest.raises(RuntimeError):
            if action == "merge":
                store.merge(b)
            else:
                with Store.open(b) as other:
                    reviews = list(other.review_log())
                store.import_history([r.__class__(r.card_id, r.rating, r.time, r.duration_ms, r.deck, "x" + r.review_id)
                                      for r in reviews])
    assert len(calls) == (3 if when == "replaying" else 1)
    assert _dump(a) == before
    monkeypatch.setattr(replay_module, "replay_history", real_replay)
    monkeypatch.setattr(merge_module, "indexes_set_aside", real_set_aside)
    with Store.open(a) as store:  # and it still works
        assert store.merge(b).added > 0

