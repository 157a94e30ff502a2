"""Schema 13: each review's two FSRS states stored as columns (store.states), not JSON text.

A database made at schema 12 is migrated without loss (every state gives back its text
character for character, odd and damaged ones included), and after the migration everything
a user sees is as before: the card states, undo, ``check``, the review-log export, merges
(from a copy at either schema). A migration cut off midway leaves the file at schema 12 with
every review; the next open migrates it."""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from anastro_quiz.collection import Collection
from anastro_quiz.interop.progress import export_review_log
from anastro_quiz.scheduler import Scheduler, dump_state
from anastro_quiz.store import SCHEMA_VERSION, Store
from anastro_quiz.store.states import NO_STATE, canonical, decode, encode, encode_card
from conftest import FakeClock

import rawdb
from test_interop_progress import _open

_UTC = timezone.utc


def _random_cards(rng: random.Random, count: int):
    """py-fsrs cards as a replay makes them: graded from new at random moments, some on whole seconds."""
    scheduler = Scheduler()
    for _ in range(count):
        now = datetime(2025, 1, 1, tzinfo=_UTC) + timedelta(seconds=rng.randint(0, 10 ** 8),
                                                              microseconds=rng.choice((0, rng.randint(0, 999_999))))
        card = scheduler.new_state(now)
        for _ in range(rng.randint(1, 6)):
            now += timedelta(hours=rng.randint(0, 900), microseconds=rng.randint(0, 999_999))
            card, _due = scheduler.review(card, rng.randint(1, 4), now, fuzz_seed=str(rng.random()))
            yield card


ODD_STATES = [
    '{"card_id":0,"state":2,"step":null,"stability":3,"difficulty":5.0,"due":"2026-01-02T03:04:05+00:00",'
    '"last_review":"2026-01-01T03:04:05+00:00"}',  # an integer stability: SQLite would make it 3.0
    '{"card_id":7,"state":2,"step":null,"stability":3.5,"difficulty":5.0,"due":"2026-01-02T03:04:05+00:00",'
    '"last_review":"2026-01-01T03:04:05+00:00"}',  # py-fsrs's own card id
    '{"card_id":0,"state":2,"step":null,"stability":3.5,"difficulty":5.0,"due":"2026-01-02T04:04:05+01:00",'
    '"last_review":"2026-01-01T03:04:05+00:00"}',  # a time not in UTC
    '{"card_id":0,"state":2,"step":null,"stability":-0.0,"difficulty":NaN,"due":"2026-01-02T03:04:05+00:00",'
    '"last_review":"2026-01-01T03:04:05+00:00"}',
    '{"card_id": 0, "state": 2, "step": null, "stability": 3.5, "difficulty": 5.0, "due": "2026-01-02T03:04:05+00:00",'
    ' "last_review": "2026-01-01T03:04:05+00:00"}',  # written with spaces
    '{"state":2,"card_id":0,"step":null,"stability":3.5,"difficulty":5.0,"due":"2026-01-02T03:04:05+00:00",'
    '"last_review":"2026-01-01T03:04:05+00:00","extra":1}',
    '{"card_id":0,"state":2,"step":null,"stability":3.5,"difficulty":5.0,"due":"soon","last_review":null}',
    "{oops", "", "[]", "null",
]


def test_every_state_gives_its_text_back_and_the_usual_ones_need_no_text():
    rng = random.Random(13)
    cards = list(_random_cards(rng, 300))
    for card in cards:
        text = dump_state(card)
        columns = encode(text)
        assert decode(columns) == text
        assert columns[6] is None and columns[2] == card.stability  # the columns alone, stability among them
        assert encode_card(card) == columns
    for text in ODD_STATES:
        columns = encode(text)
        assert decode(columns) == text and canonical(columns) == columns
        assert columns[6] == text  # kept as it was
    assert encode(None) == NO_STATE and decode(NO_STATE) is None
    never = ('{"card_id":0,"state":1,"step":0,"stability":null,"difficulty":null,'
             '"due":"2026-01-02T03:04:05.000001+00:00","last_review":null}')
    assert encode(never)[6] is None and decode(encode(never)) == never
    odd = cards[0]
    odd.due = odd.due.astimezone(timezone(timedelta(hours=2)))
    assert encode_card(odd) == encode(dump_state(odd)) and decode(encode_card(odd)) == dump_state(odd)
    odd.stability = math.nan
    assert encode_card(odd) == encode(dump_state(odd))


def test_the_same_text_is_the_same_state_however_it_was_written():
    text = dump_state(next(_random_cards(random.Random(1), 1)))
    written_by_hand = (None,) * 6 + (text,)  # an older copy's row, or a test's
    assert canonical(written_by_hand) == encode(text) and decode(written_by_hand) == text


def _random_history(path: Path, deck_dir: Path, seed: int) -> None:
    """A few weeks of study with Again to Easy at random, answers undone, and drills."""
    rng = random.Random(seed)
    clock = FakeClock(datetime(2026, 2, 1, 8, 0, rng.randint(0, 59), rng.randint(0, 999_999), tzinfo=_UTC))
    coll = _open(path, deck_dir, clock)
    try:
        for _day in range(rng.randint(12, 20)):
            session = coll.start_session()
            graded = 0
            while session.current is not None and graded < rng.randint(5, 30):
                session.grade(rng.choice((1, 2, 3, 3, 3, 4)), duration_ms=rng.randint(800, 9000))
                graded += 1
                if rng.random() < 0.12:
                    session.undo()
                clock.advance(seconds=rng.randint(20, 400), microseconds=rng.choice((0, rng.randint(0, 999_999))))
            session.finish()
            clock.advance(days=1, hours=rng.randint(-3, 3))
    finally:
        coll.close()


@pytest.fixture
def histories(tmp_path, deck_dir):
    """Two copies with random histories at schema 13, and each as schema 12 wrote it."""
    made = []
    for seed in (1, 2):
        path = tmp_path / f"copy{seed}.db"
        _random_history(path, deck_dir, seed)
        made.append((path, rawdb.as_schema_12(path, tmp_path / f"copy{seed}-v12.db")))
    return made


def _seen(path: Path, tmp_path: Path) -> dict:
    """Everything a user sees of a database: the log (states as text), schedules, check, export."""
    csv = tmp_path / f"{path.stem}.csv"
    with Store.open(path) as store:
        seen = {"log": store.review_records(), "schedules": store.schedule_rows(), "stats": store.review_count()}
        export_review_log(store, csv)
        seen["check"] = store.check(repair=False).to_dict()
    seen["export"] = csv.read_text()
    return seen


def test_a_schema_12_database_migrates_without_loss(histories, tmp_path):
    for current, old in histories:
        assert rawdb.rows(old, "PRAGMA user_version") == [(12,)]
        logged = rawdb.rows(old, "SELECT id, state_before, state_after FROM reviews ORDER BY rowid")
        assert sum(1 for row in logged if row[1] is not None) > 20
        others = rawdb.tables_but_reviews(old)
        seen_before = _seen(current, tmp_path)
        with Store.open(old) as store:
            assert store.schema_version == SCHEMA_VERSION == 13
            assert {r["id"]: (r["state_before"], r["state_after"]) for r in store.review_records()} == \
                {rid: (before, after) for rid, before, after in logged}
        # exactly the rows, indexes and triggers the code writes at schema 13, every other table untouched
        assert rawdb.reviews_table(old) == rawdb.reviews_table(current)
        assert rawdb.schema_of(old) == rawdb.schema_of(current)
        assert rawdb.tables_but_reviews(old) == others
        assert rawdb.rows(old, "SELECT COUNT(*) FROM reviews WHERE state_before IS NOT NULL"
                               " OR state_after IS NOT NULL") == [(0,)]  # no JSON left
        assert _seen(old, tmp_path) == seen_before
        assert seen_before["check"]["rebuilt"] == [] and seen_before["check"]["clean"]


def test_after_the_migration_undo_restores_the_exact_state_before(histories, tmp_path, deck_dir):
    current, old = histories[0]
    last = rawdb.rows(old, "SELECT id, deck, card_id, state_before FROM reviews WHERE undone=0 AND mode='review'"
                           " ORDER BY rowid DESC LIMIT 1")[0]
    with Store.open(old) as store:
        store.undo_review(last[0])
        assert store.schedule_row(last[1], last[2]).state == last[3]
    with Store.open(current) as store:
        store.undo_review(last[0])
    assert rawdb.reviews_table(old) == rawdb.reviews_table(current)
    assert rawdb.tables_but_reviews(old) == rawdb.tables_but_reviews(current)


def test_a_merge_from_a_schema_12_copy_is_the_merge_from_its_schema_13_self(histories, tmp_path, deck_dir):
    (first, first_old), (second, second_old) = histories
    for name, other in (("new", second), ("old", second_old)):
        into = tmp_path / f"into-{name}.db"
        into.write_bytes(first.read_bytes())
        with Store.open(into) as store:
            report = store.merge(other).to_dict()
        assert report["added"] > 0
    assert rawdb.reviews_table(tmp_path / "into-new.db") == rawdb.reviews_table(tmp_path / "into-old.db")
    assert rawdb.tables_but_reviews(tmp_path / "into-new.db") == rawdb.tables_but_reviews(tmp_path / "into-old.db")


def test_odd_and_damaged_states_survive_the_migration(tmp_path):
    old = rawdb.old_database(tmp_path / "odd.db", 12)
    at = "2026-01-0{}T10:00:00.000000+00:00"
    reviews = [(f"r{n}", "d", f"c{n}", 3, at.format(n % 9 + 1), "review", 0, 2, text, 2, ODD_STATES[-n - 1],
                at.format(n % 9 + 1)) for n, text in enumerate(ODD_STATES)]
    rawdb.insert_old_reviews(old, reviews)
    logged = rawdb.rows(old, "SELECT id, state_before, state_after FROM reviews ORDER BY id")
    with Store.open(old) as store:
        assert sorted((r["id"], r["state_before"], r["state_after"]) for r in store.review_records()) == logged
        report = store.check(repair=False)
    assert {line.split(":")[0] for line in report.damaged_reviews} >= {"review r8 of d/c8", "review r3 of d/c3"}


_CRASH = """
import os, sys
from anastro_quiz.store import Store, bulk, states
if sys.argv[2] == "journal":
    bulk.BULK_ROWS = 1  # as for a long log: the pages written once, in a rollback journal
real, calls = states.encode, [0]
def encode(text):
    calls[0] += 1
    if calls[0] == 40:
        os._exit(9)  # the power cut: no rollback, no close
    return real(text)
states.encode = encode
Store.open(sys.argv[1])
"""


@pytest.mark.parametrize("mode", ["wal", "journal"])
def test_a_migration_cut_off_midway_loses_nothing_and_runs_again(histories, tmp_path, mode):
    current, old = histories[0]
    before = (rawdb.reviews_table(old), rawdb.tables_but_reviews(old), rawdb.schema_of(old))
    ran = subprocess.run([sys.executable, "-c", _CRASH, str(old), mode], env=dict(os.environ), capture_output=True)
    assert ran.returncode == 9, ran.stderr
    assert Path(f"{old}-journal").exists() == (mode == "journal")
    assert rawdb.rows(old, "PRAGMA user_version") == [(12,)]
    assert (rawdb.reviews_table(old), rawdb.tables_but_reviews(old), rawdb.schema_of(old)) == before
    Store.open(old).close()
    assert rawdb.reviews_table(old) == rawdb.reviews_table(current)


def test_a_long_log_migrates_in_a_rollback_journal_and_the_file_gives_back_the_old_pages(histories, monkeypatch):
    """As for a log of at least bulk.BULK_ROWS reviews: written once, then the freed pages of the
    old log given back (VACUUM), the rows as a short log's migration leaves them."""
    from anastro_quiz.store import bulk

    current, old = histories[0]
    monkeypatch.setattr(bulk, "BULK_ROWS", 1)
    Store.open(old).close()
    assert rawdb.reviews_table(old) == rawdb.reviews_table(current)
    assert rawdb.rows(old, "PRAGMA freelist_count") == [(0,)] and rawdb.journal_mode(old) == "wal"
