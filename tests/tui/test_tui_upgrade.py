"""An older database's one-time upgrade (schema 12 -> 13 rewrites the review log) shows on
Home as the app opens it: a progress bar, how many reviews are done, why it happens and that
quitting is safe; a quit meanwhile stops it, and the file stays at schema 12 with every review."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import DataTable, ProgressBar, Static

from anastro_quiz.collection import Collection
from anastro_quiz.store import SCHEMA_VERSION, compact_log
from anastro_quiz.tui import app as app_module
from anastro_quiz.tui.app import make_app

import rawdb
from test_compact_log import _random_history

from .conftest import settle


@pytest.fixture
def old_db(tmp_path, deck_dir, monkeypatch):
    current = tmp_path / "current.db"
    _random_history(current, deck_dir, 2)
    monkeypatch.setattr(app_module, "OPENING_BAR_DELAY", 0.0)  # every opening counts as slow
    monkeypatch.setattr(compact_log, "UPGRADE_REPORT_EVERY", 10)
    return rawdb.as_schema_12(current, tmp_path / "v12.db")


def _held_opener(db, deck_dir, clock):
    """An opener whose upgrade waits at its 10th review until ``release`` is set."""
    paused, release, ended = threading.Event(), threading.Event(), threading.Event()

    def opener(progress, upgrading) -> Collection:
        def held(done, total, stage):
            upgrading(done, total, stage)
            if done == 10:
                paused.set()
                release.wait(5)

        try:
            return Collection.open(db, [deck_dir], clock=clock, progress=progress, upgrading=held)
        finally:
            ended.set()

    opener.ended = ended  # the opening is over, opened or stopped
    return opener, paused, release


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _until(pilot, event: threading.Event) -> None:
    while not event.is_set():
        await pilot.pause(0.01)
    await pilot.pause(0.05)  # the opener waits: no settle (it waits for every worker)


async def test_home_shows_the_upgrade_as_it_goes_then_the_decks(old_db, deck_dir, clock):
    reviews = rawdb.rows(old_db, "SELECT COUNT(*) FROM reviews")[0][0]
    opener, paused, release = _held_opener(old_db, deck_dir, clock)
    app = make_app(opener=opener)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, paused)
        bar = app.screen.query_one("#home-opening", ProgressBar)
        assert bar.display and bar.total == reviews and bar.progress == 10
        assert f"Upgrading your review history (schema 12 -> 13): 10 of {reviews} reviews" in _text(app, "#today")
        why = _text(app, "#home-upgrade-why")
        assert "one-time upgrade" in why and "Safe to interrupt" in why and "Ctrl+Q" in why
        release.set()
        await settle(pilot)
        assert app.collection is not None and app.screen.query_one("#decks", DataTable).row_count == 1
        assert not bar.display and not app.screen.query("#home-upgrade-why")
        assert app.collection.store.schema_version == SCHEMA_VERSION
    app.collection.close()


async def test_quitting_during_the_upgrade_leaves_the_database_as_it_was(old_db, deck_dir, clock):
    before = rawdb.reviews_table(old_db)
    opener, paused, release = _held_opener(old_db, deck_dir, clock)
    app = make_app(opener=opener)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, paused)
        await pilot.press("ctrl+q")
        release.set()
    assert opener.ended.wait(5)
    assert app.collection is None and app.open_error is None  # stopped, not failed
    assert rawdb.rows(old_db, "PRAGMA user_version") == [(12,)] and rawdb.reviews_table(old_db) == before
