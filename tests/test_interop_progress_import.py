"""``progress import FILE.csv``: a review log (py-fsrs columns, or this tool's export) onto the decks in use."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.store import Store
from conftest import FakeClock


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _studied(db: Path, deck_dir: Path) -> None:
    clock = FakeClock()
    coll = Collection.open(db, [deck_dir], clock=clock)
    try:
        pattern, n = [3, 1, 3, 4, 2], 0
        for _ in range(12):
            session = coll.start_session()
            while session.current is not None:
                session.grade(pattern[n % len(pattern)], duration_ms=1000 + n)
                n += 1
                clock.advance(minutes=2)
            session.finish()
            clock.advance(days=1)
    finally:
        coll.close()


def _states(db: Path) -> dict:
    with Store.open(db) as store:
        return {(r.deck, r.card_id): (r.reps, r.lapses, r.fsrs_state,
                                      round(json.loads(r.state)["stability"], 6) if r.state else None)
                for r in store.schedule_rows()}


def test_exported_log_imported_into_a_fresh_database_rebuilds_the_same_cards(deck_dir, tmp_path):
    source, target, log = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "log.csv"
    _studied(source, deck_dir)
    assert run("--db", str(source), "progress", "export", "-o", str(log)).exit_code == 0
    result = run("--db", str(target), "--decks", str(deck_dir), "progress", "import", str(log))
    assert result.exit_code == 0, result.output
    rows = len(log.read_text().splitlines()) - 1
    assert f"{rows} reviews added, 0 already here" in result.output
    assert _states(target) == _states(source)
    again = run("--db", str(target), "--decks", str(deck_dir), "progress", "import", str(log))
    assert again.exit_code == 0 and "nothing changed (already imported)" in again.output
    assert _states(target) == _states(source)
    into_source = run("--db", str(source), "--decks", str(deck_dir), "progress", "import", str(log))
    assert f"0 reviews added, {rows} already here" in into_source.output


def test_py_fsrs_log_with_bare_ids_and_rows_that_map_to_nothing(deck_dir, tmp_path):
    log = tmp_path / "fsrs.csv"
    log.write_text("card_id,review_rating,review_time,review_duration\n"
                   "ai-class,3,2026-03-01T10:00:00+00:00,4000\n"
                   "42,3,2026-03-01T10:01:00+00:00,4000\n"
                   "ai-class,3,2026-03-04T10:00:00+00:00,3000\n"
                   "42,1,2026-03-05T10:01:00+00:00,\n", encoding="utf-8")
    db = tmp_path / "p.db"
    result = run("--db", str(db), "--decks", str(deck_dir), "progress", "import", str(log))
    assert result.exit_code == 0, result.output
    assert "2 reviews added" in result.output
    assert "not imported: 2 rows of cards not in the decks in use" in result.output
    assert "card_id '42' (2 rows): no card with this id in the decks in use" in result.output
    with Store.open(db) as store:
        assert [(r.card_id, r.rating) for r in store.review_log()] == [("ai-class", 3), ("ai-class", 3)]
        assert store.schedule_row("sample", "ai-class").reps == 2


def test_a_bare_id_two_decks_share_is_ambiguous(deck_dir, tmp_path):
    other = (deck_dir / "all_types.yaml").read_text().replace("id: sample", "id: sample2", 1)
    (deck_dir / "copy.yaml").write_text(other)
    log = tmp_path / "fsrs.csv"
    log.write_text("card_id,review_rating,review_time,review_duration\n"
                   "ai-class,3,2026-03-01T10:00:00+00:00,4000\n"
                   "sample2/ai-class,3,2026-03-02T10:00:00+00:00,4000\n", encoding="utf-8")
    result = run("--db", str(tmp_path / "p.db"), "--decks", str(deck_dir), "progress", "import", str(log))
    assert result.exit_code == 0, result.output
    assert "1 review added" in result.output
    assert "card id used by 2 decks (sample, sample2); write it deck/card" in result.output


def test_nothing_that_maps_or_a_bad_log_writes_nothing(deck_dir, tmp_path):
    db = tmp_path / "p.db"
    log = tmp_path / "fsrs.csv"
    log.write_text("card_id,review_rating,review_time,review_duration\n1,3,2026-03-01T10:00:00+00:00,1\n")
    result = run("--db", str(db), "--decks", str(deck_dir), "progress", "import", str(log))
    assert result.exit_code == 2 and "no row maps to a card of the decks in use (1 review read)" in result.output
    log.write_text("card_id,review_rating,review_time,review_duration\nai-class,7,2026-03-01T10:00:00+00:00,1\n")
    result = run("--db", str(db), "--decks", str(deck_dir), "progress", "import", str(log))
    assert result.exit_code == 2 and "unknown rating '7'" in result.output
    assert not db.exists()
