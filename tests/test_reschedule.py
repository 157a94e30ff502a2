"""Reschedule on change: a new desired retention recomputes due dates from the review history."""

from __future__ import annotations

import json
from datetime import timedelta

from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.reschedule import apply_reschedule, preview_reschedule
from anastro_quiz.clock import study_day
from anastro_quiz.scheduler import Rating, load_state
from conftest import FakeClock


def _study(collection, clock, days: int = 6) -> None:
    for _ in range(days):
        session = collection.start_session()
        while not session.finished:
            session.grade(Rating.Good)
            clock.advance(minutes=11)
        clock.advance(days=1)


def test_nothing_changes_until_a_setting_does(collection, clock):
    _study(collection, clock)
    preview = preview_reschedule(collection)
    assert preview.cards == 8 and preview.changed == 0 and preview.before == preview.after


def test_a_higher_retention_brings_reviews_forward_and_the_database_follows(tmp_path, deck_dir):
    clock = FakeClock()
    collection = Collection.open(tmp_path / "p.db", [deck_dir], clock=clock)
    _study(collection, clock)
    before = {r.card_id: r.due for r in collection.store.schedule_rows() if r.state}
    settings = collection.scheduler_settings()
    settings.desired_retention = 0.97
    collection.save_scheduler_settings(settings)
    dry = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "--decks", str(deck_dir), "reschedule",
                                   "--dry-run", "--json"])
    out = json.loads(dry.output)
    assert out["changed"] > 0 and out["applied"] is False
    assert {r.card_id: r.due for r in collection.store.schedule_rows() if r.state} == before  # dry run
    preview = preview_reschedule(collection)
    assert (out["cards"], out["changed"]) == (preview.cards, preview.changed)
    assert apply_reschedule(collection, preview) == preview.changed
    after = {r.card_id: r.due for r in collection.store.schedule_rows() if r.state}
    assert all(after[c] <= before[c] for c in before) and any(after[c] < before[c] for c in before)
    assert preview_reschedule(collection).changed == 0  # done: replaying again changes nothing
    collection.close()


def test_unknown_deck_is_a_message(tmp_path, deck_dir):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "--decks", str(deck_dir), "reschedule",
                                      "--deck", "nope"])
    assert result.exit_code == 2 and "no deck 'nope'" in result.output


def test_with_load_balancing_rescheduled_cards_go_to_the_least_loaded_days(collection, clock, monkeypatch):
    """The load a replay cannot see is the store's as the reschedule leaves it: cards that move
    land on the quiet days of their new fuzz range (here every third day is quiet)."""
    _study(collection, clock)
    settings = collection.scheduler_settings()
    assert settings.load_balance  # on by default
    settings.desired_retention = 0.8  # weeks longer: every new interval is fuzzed
    collection.save_scheduler_settings(settings)
    quiet = lambda day: day.toordinal() % 3 == 0  # noqa: E731
    monkeypatch.setattr(collection.store, "due_counts", lambda first, last: {
        first + timedelta(days=i): 0 if quiet(first + timedelta(days=i)) else 50 for i in range((last - first).days + 1)})

    def landing(balanced: bool) -> list[bool]:
        settings.load_balance = balanced
        collection.save_scheduler_settings(settings)
        preview = preview_reschedule(collection)
        fuzzed = [(due, load_state(state)) for _d, _c, state, _s, due in preview.rows
                  if due - load_state(state).last_review >= timedelta(days=3)]
        assert fuzzed
        return [quiet(study_day(due)) for due, _state in fuzzed]

    assert not all(landing(False))  # the plain fuzz draw lands on busy days too
    assert all(landing(True))
    apply_reschedule(collection, preview_reschedule(collection))
    assert preview_reschedule(collection).changed == 0  # and those dates stay
