"""``anastro-quiz check``: integrity, then every schedule against a replay of its review log."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.instance import InstanceLock
from anastro_quiz.scheduler import Rating

from anastro_quiz.store.states import AFTER, BEFORE, decode, encode

import rawdb
from test_concurrent_grades import _chain_problems


def _run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _graded_twice(tmp_path: Path, deck_dir: Path, clock) -> tuple[Path, tuple[str, str]]:
    """A card graded Good from two windows, and two more cards graded once."""
    db = tmp_path / "p.db"
    first, second = Collection.open(db, [deck_dir], clock=clock), Collection.open(db, [deck_dir], clock=clock)
    a, b = first.start_session(), second.start_session()
    key = a.current.key
    a.grade(Rating.Good)
    clock.advance(seconds=5)
    b.grade(Rating.Good)
    for _ in range(2):
        clock.advance(seconds=5)
        a.grade(Rating.Again)
    a.finish()
    b.finish()
    first.close()
    second.close()
    return db, key


def _schedules(db: Path) -> list[tuple]:
    return rawdb.rows(db, "SELECT deck, card_id, state, fsrs_state, due, reps, lapses FROM schedule ORDER BY 1, 2")


def test_a_sound_database_checks_ok_and_keeps_every_schedule(tmp_path, deck_dir, clock):
    db, _ = _graded_twice(tmp_path, deck_dir, clock)
    before = _schedules(db)
    result = _run("--db", db, "check")
    assert result.exit_code == 0, result.output
    assert "integrity: ok; 4 reviews read" in result.output and result.output.strip().endswith("ok")
    assert _schedules(db) == before


def test_a_lost_grade_is_rebuilt_from_the_log(tmp_path, deck_dir, clock):
    db, (deck, card) = _graded_twice(tmp_path, deck_dir, clock)
    # What the race did before grades read inside their transaction: the second review
    # started from the old state, and the schedule holds one Good with reps=2.
    (first_id, first_fsrs, first_due, *first_after), = rawdb.rows(
        db, f"SELECT id, fsrs_state_after, due_after, {', '.join(AFTER)} FROM reviews WHERE deck=? AND card_id=?"
            " ORDER BY rowid LIMIT 1", (deck, card))
    first_after = decode(first_after)
    states = ", ".join(f"{column}=?" for column in BEFORE + AFTER)
    rawdb.write(db, (f"UPDATE reviews SET {states}, fsrs_state_before=0, due_after=?"
                     " WHERE deck=? AND card_id=? AND id<>?",
                     (*encode(None), *encode(first_after), first_due, deck, card, first_id)),
                ("UPDATE schedule SET state=?, fsrs_state=?, due=? WHERE deck=? AND card_id=?",
                 (first_after, first_fsrs, first_due, deck, card)))
    assert _chain_problems(db) != []
    dry = _run("--db", db, "check", "--dry-run")
    assert dry.exit_code == 2 and f"to rebuild from the log: {deck}/{card}" in dry.output
    assert "nothing was changed" in dry.output and _chain_problems(db) != []

    result = _run("--db", db, "check")
    assert result.exit_code == 0, result.output
    assert f"1 card whose schedule disagreed with its review log, rebuilt from the log: {deck}/{card}" in result.output
    assert _chain_problems(db) == []
    (state, reps), = rawdb.rows(db, "SELECT state, reps FROM schedule WHERE deck=? AND card_id=?", (deck, card))
    assert reps == 2 and state != first_after  # the state of two Goods again
    assert _run("--db", db, "check").output.strip().endswith("ok")  # and checking again finds nothing


def test_a_damaged_review_is_reported_and_left_alone(tmp_path, deck_dir, clock):
    db, (deck, card) = _graded_twice(tmp_path, deck_dir, clock)
    rawdb.write(db, ("UPDATE reviews SET rating=7 WHERE deck=? AND card_id=?", (deck, card)))
    result = _run("--db", db, "check", "--json")
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert len(report["damaged_reviews"]) == 2 and "rating 7 (1 to 4 expected)" in report["damaged_reviews"][0]
    assert report["rebuilt"] == [] and report["sound"] and not report["clean"]


def test_sessions_left_open_by_a_killed_app_are_closed_at_their_last_review(tmp_path, deck_dir, clock):
    db = tmp_path / "p.db"
    coll = Collection.open(db, [deck_dir], clock=clock)
    session = coll.start_session()
    clock.advance(minutes=3)
    session.grade(Rating.Good)  # then the app is killed: no finish()
    coll.close()
    assert rawdb.rows(db, "SELECT ended_at FROM sessions") == [(None,)]
    holder = InstanceLock(db)
    assert holder.acquire()  # an app still has it open: report, repair nothing
    busy = _run("--db", db, "check")
    assert "1 session left open by an app that stopped, to close" in busy.output
    assert "nothing was repaired" in busy.output and rawdb.rows(db, "SELECT ended_at FROM sessions") == [(None,)]
    holder.release()
    result = _run("--db", db, "check")
    assert result.exit_code == 0 and "closed at the last review" in result.output
    assert rawdb.rows(db, "SELECT ended_at FROM sessions") == rawdb.rows(db, "SELECT MAX(reviewed_at) FROM reviews")


def test_a_damaged_file_is_reported_and_not_written(tmp_path, deck_dir, clock):
    db, _ = _graded_twice(tmp_path, deck_dir, clock)
    Collection.open(db, [deck_dir], clock=clock).close()
    rawdb.damage_table(db, "schedule")
    before = db.read_bytes()
    result = _run("--db", db, "check")
    assert result.exit_code == 2, result.output
    assert "damaged" in result.output and "anastro-quiz backup" in result.output and "Traceback" not in result.output
    assert db.read_bytes() == before


def test_no_database_yet(tmp_path):
    result = _run("--db", tmp_path / "none.db", "check")
    assert result.exit_code == 2 and "nothing to check" in result.output
