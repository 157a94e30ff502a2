"""Another copy's progress merged in the app (m on Progress): the merge in a worker with its
"rebuilding cards" progress bar, what it did said in a notification, Esc rolls it all back."""

from __future__ import annotations

import threading

from anastro_quiz.tui.screens.progress import ProgressScreen
from test_interop_optimize import _history_db, synthetic_log

from .conftest import choose_path, home_loaded, long_work_shown, press, settle


def held_replay(store, monkeypatch) -> threading.Event:
    """Hold the merge once it has said how many cards it rebuilds, until the event is set."""
    release, real = threading.Event(), store._replay_cards

    def held(keys, progress=None, **kwargs):
        def first_held(done, total, name):
            progress(done, total, name)
            if done == 0:
                release.wait(timeout=30)

        return real(keys, first_held, **kwargs)

    monkeypatch.setattr(store, "_replay_cards", held)
    return release


async def ask_to_merge(pilot, path) -> None:
    await home_loaded(pilot)
    await press(pilot, "p")
    assert isinstance(pilot.app.screen, ProgressScreen)
    await press(pilot, "m")
    await choose_path(pilot, path)


def reviews_in(collection) -> int:
    import rawdb

    return rawdb.rows(collection.store.path, "SELECT COUNT(*) FROM reviews")[0][0]


async def test_merging_a_copy_shows_the_rebuilding_bar_then_what_was_merged(app, collection, tmp_path, monkeypatch):
    other = _history_db(tmp_path / "other.db", synthetic_log(cards=20, days=30))
    expected = len(synthetic_log(cards=20, days=30))
    release = held_replay(collection.store, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask_to_merge(pilot, other)
        assert "Rebuilding cards (0 of 20)" in await long_work_shown(pilot, steps=20)
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        said = [str(n.message) for n in app._notifications if n.title == "Progress merged"]
        assert said and f"{expected} new reviews" in said[0] and "20 cards rebuilt" in said[0]
    assert reviews_in(collection) == expected


async def test_escape_during_a_merge_rolls_it_back(app, collection, tmp_path, monkeypatch):
    other = _history_db(tmp_path / "other.db", synthetic_log(cards=20, days=30))
    release = held_replay(collection.store, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask_to_merge(pilot, other)
        await long_work_shown(pilot, steps=20)
        await pilot.press("escape")
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert any("Merge cancelled: nothing was merged" in str(n.message) for n in app._notifications)
    assert reviews_in(collection) == 0


async def test_a_file_that_is_not_a_database_is_a_notification(app, collection, tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("not a database", encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await ask_to_merge(pilot, other)
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        said = [f"{n.title}: {n.message}" for n in app._notifications]
        assert any("not done" in m and "notes.db" in m for m in said), said
    assert reviews_in(collection) == 0


async def test_a_failed_merges_error_does_not_cover_the_dialog_asked_again(app, tmp_path):
    from textual.widgets._toast import Toast

    from anastro_quiz.tui.dialogs.path import PathDialog

    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await ask_to_merge(pilot, text)
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert [n.title for n in app._notifications] == ["Merging another copy's progress: not done"]
        await press(pilot, "m")  # to try another file, at once
        assert isinstance(app.screen, PathDialog)
        await settle(pilot)
        assert not app.screen.query(Toast), "the error toast is over the dialog"
        app.notify("later", title="said over the dialog")  # one said once the dialog is open shows
        await settle(pilot)
        assert [n.title for n in app._notifications] == ["said over the dialog"]
