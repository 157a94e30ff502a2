"""anastro-quiz simulate: FSRS's simulator over the decks in use, and the optimal retention."""

from __future__ import annotations

import json
import sys

from click.testing import CliRunner

from anastro_quiz.cli import cli


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_json_gives_workload_and_knowledge_per_day(tmp_path, deck_dir):
    base = ("--db", tmp_path / "p.db", "--decks", deck_dir, "simulate", "--days", 40, "--json")
    low, high = (json.loads(run(*base, "--retention", r).stdout) for r in (0.8, 0.97))
    assert (low["days"], low["cards"], low["retention"]) == (40, 8, 0.8)
    for key in ("reviews_per_day", "new_per_day", "minutes_per_day", "memorized_per_day"):
        assert len(low[key]) == 40
    assert sum(low["new_per_day"]) == 8 and low["total_reviews"] == sum(low["reviews_per_day"])
    # A higher desired retention costs more reviews and keeps more in memory.
    assert high["total_reviews"] > low["total_reviews"] and high["memorized_end"] > low["memorized_end"]
    assert 0.7 <= low["optimal_retention"] <= 0.99


def test_the_text_report(tmp_path, deck_dir):
    result = run("--db", tmp_path / "p.db", "--decks", deck_dir, "simulate", "--days", 20)
    assert result.exit_code == 0
    assert "8 cards, 20 days at desired retention 0.9" in result.output
    assert "least study time per memorised card" in result.output


def test_bad_retention_and_missing_optimizer_are_messages(tmp_path, deck_dir, monkeypatch):
    base = ("--db", tmp_path / "p.db", "--decks", deck_dir, "simulate")
    result = run(*base, "--retention", "1.5")
    assert result.exit_code == 2 and "between 0.70 and 0.99" in result.output
    monkeypatch.setitem(sys.modules, "fsrs_rs_python", None)  # as if the extra were not installed
    result = run(*base)
    assert result.exit_code == 2 and "anastro-quiz[optimizer]" in result.output and "Traceback" not in result.output
    assert 'from a clone of the repository: pip install ".[optimizer]"' in result.output  # the README's install



def test_the_simulation_starts_from_the_cards_as_they_are(tmp_path, deck_dir):
    from datetime import datetime

    from anastro_quiz.clock import study_day
    from anastro_quiz.collection import Collection, DailyLimits
    from anastro_quiz.interop.simulate import simulate_collection
    from anastro_quiz.scheduler import Rating
    from conftest import FakeClock

    clock = FakeClock()
    collection = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    fresh = simulate_collection(collection, 30)
    session = collection.start_session()
    while not session.finished:  # 6 cards known (Easy); the 2 siblings wait, never studied
        session.grade(Rating.Easy)
        clock.advance(minutes=2)
    session.finish()
    clock.advance(days=1)
    before = collection.store.schedule_rows()
    dues = sorted(study_day(datetime.fromisoformat(r.due)) for r in before if r.state)
    result = simulate_collection(collection, 30)
    assert collection.store.schedule_rows() == before  # a simulation changes nothing
    assert result.cards == 8 and sum(result.new_per_day) == 2 == result.new_per_day[0]  # only the unstudied
    collection.save_limits(DailyLimits(new_per_day=0))  # the known cards alone
    result = simulate_collection(collection, 30)
    # The known cards are remembered from the first day and come back when they are due, not before.
    first = (dues[0] - study_day(clock.now)).days
    assert first >= 3 and result.reviews_per_day[:first] == [0] * first and result.reviews_per_day[first] > 0
    assert result.memorized_per_day[0] > 5.5
    # from scratch: all new, the 2 siblings of the first 6 on a later day, as a session has it
    assert fresh.new_per_day[0] == 6 and fresh.reviews_per_day[:first] != [0] * first
    collection.close()


def test_siblings_are_kept_apart_in_the_simulation_as_in_a_session(tmp_path, deck_dir):
    from anastro_quiz.collection import Collection
    from anastro_quiz.interop.simulate import simulate_collection
    from anastro_quiz.siblings import SiblingRules
    from conftest import FakeClock

    collection = Collection.open(tmp_path / "p.db", [deck_dir], clock=FakeClock())
    together = simulate_collection(collection, 10)
    # the fixture deck's 8 new items are 6 cards: a session offers 6 on the first day (a reverse
    # card's two sides and a cloze's deletions are siblings); the others come on a later day
    # with no review of their sibling
    assert together.new_per_day[0] == 6 and sum(together.new_per_day) == 8
    collection.save_siblings(SiblingRules(bury_new=False, bury_reviews=False))
    apart_off = simulate_collection(collection, 10)
    assert apart_off.new_per_day[:2] == [8, 0]
    collection.close()
