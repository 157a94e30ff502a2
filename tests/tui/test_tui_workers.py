"""Background work: a failure is said, never hidden (to the user as a notification, to the
test as a failure), and quitting mid-session never waits on the database on the UI thread."""

from __future__ import annotations

import asyncio
import threading

import pytest

from anastro_quiz.tui.screens.browse import BrowseScreen
from anastro_quiz.tui.screens.home import HomeScreen

from . import conftest
from .conftest import press, settle
from .test_tui_review import answer_and_grade, open_review


def broken(*args, **kwargs):
    raise RuntimeError("disk on fire")


@pytest.mark.worker_errors
async def test_a_failed_list_is_a_notification_and_the_app_goes_on(app, collection, monkeypatch):
    monkeypatch.setattr(collection, "browse", broken)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        said = [n for n in app._notifications if "disk on fire" in n.message]
        assert said and said[0].title == "Could not finish: list cards"
        assert isinstance(app.screen, BrowseScreen)
        await press(pilot, "q")
        assert isinstance(app.screen, HomeScreen)


async def test_a_worker_that_failed_between_two_waits_fails_the_test_helper(app, collection, monkeypatch):
    monkeypatch.setattr(collection, "browse", broken)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        for _ in range(200):  # wait for the failure without the helper: the worker is gone by then
            await pilot.pause(0.01)
            if app._notifications:
                break
        assert not any(w.is_running for w in app.workers)
        with pytest.raises(AssertionError, match="disk on fire"):
            await settle(pilot)
    conftest.failures.clear()  # expected here: the helper has just shown that it fails the test


@pytest.mark.worker_errors
async def test_an_error_in_a_screen_failure_handler_is_not_swallowed(app, collection, monkeypatch):
    def unlock_broke(self, worker):
        raise ValueError("unlock broke")

    monkeypatch.setattr(collection, "browse", broken)
    monkeypatch.setattr(BrowseScreen, "work_failed", unlock_broke)
    with pytest.raises(ValueError, match="unlock broke"):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("c")
            for _ in range(200):
                await pilot.pause(0.01)


async def test_quitting_mid_session_waits_for_the_database_off_the_ui_thread(app, collection):
    """Ctrl+Q while another job holds the database: the screen stays responsive, and the
    session's end is recorded (then the app quits) once the database is free."""
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await answer_and_grade(pilot, "3")
        held, release = threading.Event(), threading.Event()

        def long_job() -> None:
            with app.db_lock:
                held.set()
                release.wait(10)

        holder = threading.Thread(target=long_job)
        holder.start()
        held.wait(5)
        await pilot.press("ctrl+q")
        await pilot.pause()  # the UI thread is not stuck on the lock
        assert app.return_code is None and collection.store.sessions()[0]["ended_at"] is None
        release.set()
        holder.join()
        for _ in range(500):
            await asyncio.sleep(0.01)
            if app.return_code is not None:
                break
        assert app.return_code == 0
    assert collection.store.sessions()[0]["ended_at"] is not None
    assert len(collection.store.review_records()) == 1


@pytest.mark.worker_errors  # the write lock makes the suspend fail on purpose
async def test_a_change_whose_screen_closed_still_says_it_failed(app, collection):
    """s in Cards, then q at once: the screen (and its worker) is gone when the write fails,
    and the app still says so."""
    import rawdb

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        collection.store.wait_at_most(0.1)
        with rawdb.write_locked(collection.store.path):
            await pilot.press("s", "q")
            for _ in range(200):
                await pilot.pause(0.01)
                if conftest.failures:
                    break
        assert isinstance(app.screen, HomeScreen)
        assert any("busy" in n.message and "suspend card" in (n.title or "") for n in app._notifications)
        assert conftest.failures and conftest.failures[0][0] == "suspend card"
    assert not any(row.suspended for _item, row in collection.browse("sample"))


async def test_a_change_whose_screen_closed_before_its_thread_started_is_still_made(app, collection):
    """s in Cards, then q at once, while every worker thread is busy (the database slow): the
    suspend waits for a thread after its screen has closed, and is still made."""
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        release = threading.Event()
        loop = asyncio.get_running_loop()
        busy = [loop.run_in_executor(None, release.wait) for _ in range(40)]  # more than the pool has
        await pilot.press("s", "q")
        await pilot.pause(0.1)
        assert isinstance(app.screen, HomeScreen)
        release.set()
        await asyncio.gather(*busy)
        await settle(pilot)
    assert any(row.suspended for _item, row in collection.browse("sample"))
