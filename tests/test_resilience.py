"""Crashes, concurrency and hostile input: nothing graded is lost, nothing else escapes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anastro_quiz.decks import DeckError, load_deck, parse_deck, validate_paths

import rawdb

GRADER = textwrap.dedent("""
    import sys
    from anastro_quiz.collection import Collection
    from anastro_quiz.scheduler import Rating
    from anastro_quiz.store import StoreBusy
    db, decks, count, wait = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "wait"
    coll = Collection.open(db, [decks])
    session = coll.start_session()
    graded = 0
    while graded < count and not session.finished:
        try:
            session.grade(Rating.Again if graded % 3 == 0 else Rating.Good, duration_ms=1000)
        except StoreBusy as exc:
            print("busy:", exc, flush=True)
            break
        graded += 1
        print("graded", graded, flush=True)
        if wait:
            sys.stdin.readline()
    print("done", graded, flush=True)
""")


def _grader(tmp_path: Path, deck_dir: Path, db: Path, count: int, wait: bool) -> subprocess.Popen:
    script = tmp_path / "grader.py"
    script.write_text(GRADER)
    return subprocess.Popen([sys.executable, str(script), str(db), str(deck_dir), str(count),
                             "wait" if wait else "run"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=os.environ.copy())


def _stored_reviews(db: Path) -> int:
    assert rawdb.rows(db, "PRAGMA integrity_check") == [("ok",)]
    return rawdb.rows(db, "SELECT COUNT(*) FROM reviews")[0][0]


def test_sigkill_between_grades_loses_nothing(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    proc = _grader(tmp_path, deck_dir, db, count=6, wait=True)
    for expected in range(1, 4):
        assert proc.stdout.readline().split() == ["graded", str(expected)]
        if expected < 3:
            proc.stdin.write("\n")
            proc.stdin.flush()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert _stored_reviews(db) == 3


def test_sigkill_mid_stream_keeps_every_reported_grade(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    proc = _grader(tmp_path, deck_dir, db, count=10_000, wait=False)
    reported = 0
    for line in proc.stdout:
        if line.startswith("graded"):
            reported = int(line.split()[1])
        if reported >= 20:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert _stored_reviews(db) >= reported


def test_two_processes_grading_one_database(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    setup = _grader(tmp_path, deck_dir, db, count=0, wait=False)
    setup.communicate(timeout=60)  # create the schema once, up front
    procs = [_grader(tmp_path, deck_dir, db, count=12, wait=False) for _ in range(2)]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    graded = 0
    for proc, out in zip(procs, outputs):
        assert proc.returncode == 0, out
        assert "Traceback" not in out
        last = out.strip().splitlines()[-1].split()
        assert last[0] == "done"
        graded += int(last[1])
        assert "busy:" not in out or "is busy" in out
    assert graded > 0
    assert _stored_reviews(db) == graded


_deck_text = Path(__file__).parent.joinpath("fixtures", "decks", "all_types.yaml").read_text()


@st.composite
def mutated_deck(draw):
    text = _deck_text
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "swap"]))
        if action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 40)):]
        elif action == "insert":
            text = text[:position] + draw(st.sampled_from([":", "- ", "{", "[", "\n  ", "&a", "*a", "!!python/object:os.system", "\t", "'", "0x1", "~", "{{c1::}}", "type: cloze", "answer: true"])) + text[position:]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_deck())
def test_mutated_decks_only_raise_deck_errors(text):
    deck, problems = parse_deck(text, "m.yaml")
    if deck is not None and not problems:
        for item in deck.items():  # a clean deck must also expand without error
            assert item.prompt and item.answer


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                              lambda children: st.lists(children, max_size=4)
                              | st.dictionaries(st.sampled_from(["id", "title", "cards", "type", "prompt", "answer",
                                                                 "choices", "text", "tags", "source", "accept",
                                                                 "tolerance", "statement", "sources"]),
                                                children, max_size=6), max_leaves=30)
                 .map(lambda v: yaml.safe_dump(v, allow_unicode=True))))
def test_random_yaml_only_raises_deck_errors(text):
    parse_deck(text, "r.yaml")


def test_validate_and_load_on_random_bytes(tmp_path):
    path = tmp_path / "noise.yaml"
    for seed in range(20):
        path.write_bytes(os.urandom(64 + seed * 7))
        problems = validate_paths([path])
        assert problems and all(p.path == str(path) for p in problems)
        try:
            load_deck(path)
        except DeckError:
            pass
        else:  # pragma: no cover - random bytes are never a valid deck
            raise AssertionError("random bytes loaded as a deck")
