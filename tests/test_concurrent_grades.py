"""Two windows grading the same cards: every grade takes effect, none overwrites another.

A grade reads the card's schedule inside its own write transaction, so the second of two
grades given at once starts from the state the first one left (the schedule is the
replay of the log, in the order the reviews were written).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from anastro_quiz.collection import Collection
from anastro_quiz.scheduler import Rating, dump_state

from anastro_quiz.store.states import AFTER, BEFORE, decode

import rawdb


def _chain_problems(db: Path) -> list[str]:
    """Where the schedule is not the replay of the log (reviews in the order written)."""
    problems = []
    reviews = rawdb.rows(db, f"SELECT deck, card_id, {', '.join(BEFORE + AFTER)} FROM reviews"
                             " WHERE undone=0 AND mode='review' ORDER BY rowid")
    last: dict[tuple[str, str], str | None] = {}
    count: dict[tuple[str, str], int] = {}
    for deck, card, *states in reviews:
        before, after = decode(states[:7]), decode(states[7:])
        key = (deck, card)
        if last.get(key) != before:
            problems.append(f"{deck}/{card}: a review started from a stale state (a grade was overwritten)")
        last[key] = after
        count[key] = count.get(key, 0) + 1
    for deck, card, state, reps in rawdb.rows(db, "SELECT deck, card_id, state, reps FROM schedule WHERE reps>0"):
        if state != last.get((deck, card)) or reps != count.get((deck, card)):
            problems.append(f"{deck}/{card}: schedule (reps {reps}) is not the last review's state")
    return problems


def test_two_connections_grading_the_same_card_both_take_effect(tmp_path, deck_dir, clock):
    db = tmp_path / "p.db"
    first = Collection.open(db, [deck_dir], clock=clock)
    second = Collection.open(db, [deck_dir], clock=clock)
    a, b = first.start_session(), second.start_session()
    assert a.current.key == b.current.key  # both windows show the same new card
    card = a.current
    a.grade(Rating.Good)
    clock.advance(seconds=5)
    b.grade(Rating.Good)  # this window still holds the card as it was before the first Good

    row = first.store.schedule_row(card.deck_id, card.id)
    scheduler = first.scheduler(card.deck_id)
    start = clock.now.replace(second=clock.now.second - 5)
    once, _ = scheduler.review(scheduler.new_state(start), Rating.Good, start, fuzz_seed=f"{card.deck_id}/{card.id}/0")
    twice, due = scheduler.review(once, Rating.Good, clock.now, fuzz_seed=f"{card.deck_id}/{card.id}/1")
    assert row.reps == 2
    assert row.state == dump_state(twice)
    assert _chain_problems(db) == []
    first.close()
    second.close()


def test_undo_in_one_window_keeps_the_grade_the_other_window_gave_since(tmp_path, deck_dir, clock):
    db = tmp_path / "p.db"
    first = Collection.open(db, [deck_dir], clock=clock)
    second = Collection.open(db, [deck_dir], clock=clock)
    a, b = first.start_session(), second.start_session()
    card = a.current
    a.grade(Rating.Again)
    clock.advance(seconds=5)
    b.grade(Rating.Good)  # builds on the Again
    a.undo()  # the Again goes; the Good stays, replayed from a new card
    row = first.store.schedule_row(card.deck_id, card.id)
    assert row.reps == 1 and row.state is not None
    assert _chain_problems(db) == []
    scheduler = first.scheduler(card.deck_id)
    (good_id,), = rawdb.rows(db, "SELECT id FROM reviews WHERE undone=0")
    alone, _ = scheduler.review(scheduler.new_state(clock.now), Rating.Good, clock.now, fuzz_seed=good_id)
    assert row.state == dump_state(alone)
    first.close()
    second.close()


RACER = textwrap.dedent("""
    import sys
    from anastro_quiz.collection import Collection
    from anastro_quiz.scheduler import Rating
    db, decks, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    coll = Collection.open(db, [decks])
    coll.store.wait_at_most(30)
    session = coll.start_session()
    print("ready", flush=True)
    sys.stdin.readline()
    graded = 0
    while graded < count and not session.finished:
        session.grade(Rating.Again if graded % 4 == 0 else Rating.Good, duration_ms=500)
        graded += 1
    print("done", graded, flush=True)
""")


def test_two_processes_racing_on_the_same_cards_lose_no_grade(tmp_path, deck_dir):
    script = tmp_path / "racer.py"
    script.write_text(RACER)
    for round_ in range(6):
        db = tmp_path / f"p{round_}.db"
        Collection.open(db, [deck_dir]).close()  # the schema, once, up front
        procs = [subprocess.Popen([sys.executable, str(script), str(db), str(deck_dir), "10"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=os.environ.copy())
                 for _ in range(2)]
        for proc in procs:
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:  # release both at once: they grade the same cards in the same order
            proc.stdin.write("\n")
            proc.stdin.flush()
        outputs = [proc.communicate(timeout=120)[0] for proc in procs]
        assert [p.returncode for p in procs] == [0, 0], outputs
        graded = sum(int(out.split()[-1]) for out in outputs)
        assert rawdb.rows(db, "SELECT COUNT(*) FROM reviews")[0][0] == graded
        assert _chain_problems(db) == []


HOLDER = textwrap.dedent("""
    import sys
    from anastro_quiz.instance import InstanceLock
    lock = InstanceLock(sys.argv[1])
    print("held" if lock.acquire() else "refused", flush=True)
    sys.stdin.readline()
""")


def test_a_second_app_on_the_same_database_is_told_so(tmp_path):
    from anastro_quiz.instance import SECOND_INSTANCE, InstanceLock, launch_notice

    db = tmp_path / "p.db"
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    holder = subprocess.Popen([sys.executable, str(script), str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert holder.stdout.readline().strip() == "held"
    second = InstanceLock(db)
    assert launch_notice(second) == SECOND_INSTANCE
    holder.communicate("\n", timeout=30)  # the first app quits: its lock goes with it
    assert launch_notice(second) is None  # alone now
    second.release()
    killed = subprocess.Popen([sys.executable, str(script), str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert killed.stdout.readline().strip() == "held"
    killed.kill()
    killed.wait(timeout=30)
    assert launch_notice(InstanceLock(db)) is None  # a killed app never leaves the lock held
