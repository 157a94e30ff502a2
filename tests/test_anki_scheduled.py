"""Cards Anki scheduled with no review log in the package keep Anki's schedule: their due
date, interval and FSRS memory state (``tests/fixtures/anki/make_scheduled.py`` made the
package with Anki, and ``scheduled.json`` records what Anki said of each card)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.decks import load_deck
from anastro_quiz.scheduler import load_state
from anastro_quiz.store import Store

ANKI = Path(__file__).parent / "fixtures" / "anki"
FACTS = json.loads((ANKI / "scheduled.json").read_text())


def _import(tmp_path: Path, *extra: str):
    out, db = tmp_path / "shared.yaml", tmp_path / "progress.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(ANKI / "scheduled.apkg"), "-o", str(out),
                                      *extra], catch_exceptions=False)
    return result, out, db


def _rows(out: Path, db: Path) -> dict[str, object]:
    ids = {c.data["prompt"]: c.id for c in load_deck(out).cards}
    with Store.open(db) as store:
        rows = {r.card_id: r for r in store.schedule_rows()}
    return {front: rows.get(card_id) for front, card_id in ids.items()}


def test_scheduled_cards_without_a_log_keep_anki_due_interval_and_memory_state(tmp_path):
    result, out, db = _import(tmp_path)
    assert result.exit_code == 0, result.output
    assert ("3 cards scheduled in Anki without a review history in the package: due date, interval and FSRS "
            "memory state kept as Anki has them (1 scheduled by SM-2") in result.output
    assert "3 cards scheduled as in Anki (no review log)" in result.output
    rows = _rows(out, db)
    exported = datetime.fromtimestamp(FACTS["exported_at_ms"] / 1000, timezone.utc)
    for front in ("Studied", "Relearning", "Set due"):
        anki, row = FACTS["cards"][front], rows[front]
        assert row.fsrs_state == anki["type"] and row.lapses == 0, front  # lapses count from here
        state = load_state(row.state)
        due = datetime.fromisoformat(row.due)
        if anki["due_in_days"] is not None:  # a day number: the same day (Anki's day starts at its rollover hour)
            assert abs((due - exported).total_seconds() / 86_400 - anki["due_in_days"]) <= 1, front
        else:
            assert due == datetime.fromtimestamp(anki["due_time"], timezone.utc), front
        if anki["stability"] is not None:
            assert round(state.stability, 4) == anki["stability"] and round(state.difficulty, 3) == round(
                anki["difficulty"], 3), front
    studied = load_state(rows["Studied"].state)
    # the last review is Anki's (cards.data "lrt": the last answer, ten days before the export)
    assert round((exported - studied.last_review) / timedelta(days=1)) == 10
    set_due = load_state(rows["Set due"].state)  # SM-2: no memory state; stability from the interval
    # (Anki gave it no interval: the days from the import to its due date stand for one)
    days_left = max(1, round((set_due.due - datetime.now(timezone.utc)) / timedelta(days=1)))
    assert set_due.difficulty == 5.0 and abs(set_due.stability - days_left) <= 1
    assert rows["New"] is None or rows["New"].state is None  # never studied: new
    assert all(r is None or r.reps == 0 for r in rows.values())  # no review here: `check` finds nothing to flag


def test_kept_schedules_are_studied_from_and_importing_again_changes_nothing(tmp_path):
    _, out, db = _import(tmp_path)
    with Store.open(db) as store:
        before = store.schedule_rows()
    again = CliRunner().invoke(cli, ["--db", str(db), "import", str(ANKI / "scheduled.apkg"), "-o", str(out),
                                     "--force"], catch_exceptions=False)
    assert again.exit_code == 0 and "nothing changed (already imported)" in again.output, again.output
    with Store.open(db) as store:
        assert store.schedule_rows() == before
    check = CliRunner().invoke(cli, ["--db", str(db), "--decks", str(out), "check", "--dry-run"])
    assert check.exit_code == 0, check.output
    stats = json.loads(CliRunner().invoke(cli, ["--db", str(db), "--decks", str(out), "stats", "--json"]).output)
    assert stats["cards"]["new"] == 1  # only the card Anki never studied


def test_no_history_keeps_no_schedule(tmp_path):
    result, out, db = _import(tmp_path, "--no-history")
    assert result.exit_code == 0, result.output
    assert not db.exists()


def test_a_kept_card_studied_here_goes_on_from_anki_state_and_check_keeps_it(tmp_path):
    """Graded here, the card goes on from Anki's memory state; `check` replays it from that state
    too (the state recorded before its first review here), so nothing is 'repaired' away."""
    from anastro_quiz.scheduler import Scheduler, dump_state

    _, out, db = _import(tmp_path)
    card_id = next(c.id for c in load_deck(out).cards if c.data["prompt"] == "Studied")
    now = datetime.now(timezone.utc)
    scheduler = Scheduler()

    def outcome(row):
        state, due = scheduler.review(load_state(row.state), 3, now, fuzz_seed="t")
        return dump_state(state), int(state.state), due

    from anastro_quiz.collection import Collection

    Collection.open(db, [out]).close()  # the deck file loaded: its cards are no longer orphaned
    with Store.open(db) as store:
        store.grade_card(deck="shared", card_id=card_id, rating=3, reviewed_at=now, duration_ms=1000, mode="review",
                         outcome=outcome)
        graded = store.schedule_row("shared", card_id)
    assert load_state(graded.state).stability > FACTS["cards"]["Studied"]["stability"]  # Good on Anki's memory
    check = CliRunner().invoke(cli, ["--db", str(db), "--decks", str(out), "check", "--json"])
    assert check.exit_code == 0, check.output
    assert json.loads(check.output)["rebuilt"] == []
    with Store.open(db) as store:
        assert store.schedule_row("shared", card_id) == graded
