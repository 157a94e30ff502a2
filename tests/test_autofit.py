"""The scheduler fits itself: from 500 reviews on, refitted in the background and adopted only
when the fit predicts the held-out latest reviews better than the parameters in use."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from anastro_quiz.autofit import FIRST_AT, FitRecord, due, last_fit, progress_line, run_autofit
from anastro_quiz.collection import Collection
from anastro_quiz.interop.optimize import available, fit
from conftest import FakeClock
from test_interop_optimize import _history_db, synthetic_log

needs_optimizer = pytest.mark.skipif(not available(), reason="the optimizer extra is not installed")
NOW = datetime(2025, 6, 10, 12, tzinfo=timezone.utc)


def test_when_a_refit_is_due():
    assert not due(None, FIRST_AT - 1, NOW)
    assert due(None, FIRST_AT, NOW)
    last = FitRecord((NOW - timedelta(days=2)).isoformat(), 800, False)
    assert not due(last, 1299, NOW)  # neither 500 more reviews nor a week
    assert due(last, 1300, NOW)
    week = FitRecord((NOW - timedelta(days=8)).isoformat(), 800, True)
    assert due(week, 801, NOW) and not due(week, 800, NOW)  # a week, but only with new reviews


def _collection(tmp_path, deck_dir, reviews):
    _history_db(tmp_path / "p.db", reviews)
    return Collection.open(tmp_path / "p.db", [deck_dir], clock=FakeClock(NOW))


@needs_optimizer
def test_a_better_fit_is_adopted_and_recorded(tmp_path, deck_dir):
    reviews = synthetic_log()  # a learner who forgets much faster than FSRS's defaults assume
    collection = _collection(tmp_path, deck_dir, reviews)
    assert collection.scheduler_settings().parameters is None
    record = run_autofit(collection)
    assert record is not None and record.adopted and record.reviews == len(reviews)
    assert record.log_loss_after < record.log_loss_before and record.held_out >= 100
    assert collection.scheduler_settings().parameters == fit(reviews).parameters
    assert collection.scheduler().parameters == pytest.approx(fit(reviews).parameters)
    assert last_fit(collection) == record  # kept in the database
    assert "adopted" in progress_line(collection)
    assert run_autofit(collection) is None  # not due again without 500 more reviews or a week
    collection.close()


@needs_optimizer
def test_a_fit_no_better_than_the_parameters_in_use_is_not_adopted(tmp_path, deck_dir):
    reviews = synthetic_log()
    collection = _collection(tmp_path, deck_dir, reviews)
    settings = collection.scheduler_settings()
    settings.parameters = fit(reviews).parameters  # what the fit finds is already in use
    collection.save_scheduler_settings(settings)
    record = run_autofit(collection)
    assert record is not None and not record.adopted
    assert collection.scheduler_settings().parameters == settings.parameters
    assert "kept the parameters in use" in progress_line(collection)
    collection.close()


def test_below_500_reviews_nothing_is_fitted(tmp_path, deck_dir):
    reviews = synthetic_log()[:FIRST_AT - 1]
    collection = _collection(tmp_path, deck_dir, reviews)
    assert run_autofit(collection) is None and last_fit(collection) is None
    assert collection.scheduler_settings().parameters is None
    assert f"from {FIRST_AT} on" in progress_line(collection)
    collection.close()


@needs_optimizer
def test_the_cli_refits_after_a_merge_brings_500_reviews_and_stats_says_so(tmp_path, deck_dir):
    from click.testing import CliRunner

    from anastro_quiz.cli import cli
    from anastro_quiz.settings import StudySettings
    from anastro_quiz.store import Store

    reviews = synthetic_log()
    other = _history_db(tmp_path / "other.db", reviews)
    db = tmp_path / "mine.db"
    runner = CliRunner()
    merged = runner.invoke(cli, ["--db", str(db), "--decks", str(deck_dir), "progress", "merge", str(other)],
                           catch_exceptions=False)
    assert merged.exit_code == 0, merged.output
    assert "Scheduler refitted to your reviews" in merged.stderr and "adopted" in merged.stderr
    assert "anastro-quiz reschedule' recomputes them" in merged.stderr
    with Store.open(db) as store:
        assert StudySettings(store).scheduler().parameters == fit(reviews).parameters
        assert last_fit(store).adopted and last_fit(store).reviews == len(reviews)
    stats = runner.invoke(cli, ["--db", str(db), "--decks", str(deck_dir), "stats"], catch_exceptions=False)
    assert "Scheduler refitted to your reviews" in stats.output
    as_json = runner.invoke(cli, ["--db", str(db), "--decks", str(deck_dir), "stats", "--json"],
                            catch_exceptions=False)
    document = json.loads(as_json.output)
    assert document["autofit"]["adopted"] is True and document["autofit"]["reviews"] == len(reviews)
    # merged again: no new review, no refit
    again = runner.invoke(cli, ["--db", str(db), "--decks", str(deck_dir), "progress", "merge", str(other)],
                          catch_exceptions=False)
    assert "Scheduler" not in again.stderr


def test_stats_says_when_the_scheduler_will_fit_itself(tmp_path, deck_dir):
    from click.testing import CliRunner

    from anastro_quiz.cli import cli

    out = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "--decks", str(deck_dir), "stats"],
                             catch_exceptions=False)
    assert f"fits itself to your reviews from {FIRST_AT} on" in out.output
