"""The app refits the scheduler in the background once there is enough history, and Progress
says what came of it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from textual.widgets import Static

from anastro_quiz.autofit import last_fit
from anastro_quiz.collection import Collection
from anastro_quiz.interop.optimize import available
from anastro_quiz.tui.app import make_app
from anastro_quiz.tui.screens.progress import ProgressScreen
from conftest import FakeClock
from test_interop_optimize import _history_db, synthetic_log

from .conftest import press, settle


@pytest.mark.skipif(not available(), reason="the optimizer extra is not installed")
async def test_the_app_refits_in_the_background_and_progress_says_so(tmp_path, deck_dir):
    _history_db(tmp_path / "p.db", synthetic_log())
    collection = Collection.open(tmp_path / "p.db", [deck_dir],
                                 clock=FakeClock(datetime(2025, 6, 10, 12, tzinfo=timezone.utc)))
    app = make_app(collection)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        record = last_fit(collection)
        assert record is not None and record.adopted  # fitted on opening, nothing pressed
        assert collection.scheduler_settings().parameters is not None
        await press(pilot, "p")
        assert isinstance(app.screen, ProgressScreen)
        overview = str(app.screen.query_one("#overview-text", Static).render())
        assert "Scheduler refitted to your reviews on 2025-06-10" in overview and "adopted" in overview
    collection.close()


@pytest.mark.skipif(not available(), reason="the optimizer extra is not installed")
async def test_adopted_parameters_ask_to_reschedule_and_yes_moves_the_due_dates(tmp_path):
    from anastro_quiz.tui.dialogs.reschedule import RescheduleDialog

    reviews = synthetic_log()  # cards c0..c149 of deck "syn": a deck of those cards is in use
    decks = tmp_path / "decks"
    decks.mkdir()
    lines = ["id: syn", "title: Synthetic", "cards:"]
    for n in range(150):
        lines += [f"  - id: c{n}", "    type: basic", f"    prompt: q{n}", f"    answer: a{n}"]
    (decks / "syn.yaml").write_text("\n".join(lines) + "\n")
    _history_db(tmp_path / "p.db", reviews)
    collection = Collection.open(tmp_path / "p.db", [decks],
                                 clock=FakeClock(datetime(2025, 6, 10, 12, tzinfo=timezone.utc)))
    collection.store.check(repair=True)  # the schedules replayed from the log, as a merge leaves them
    before = {r.card_id: r.due for r in collection.store.schedule_rows()}
    app = make_app(collection)
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        for _ in range(50):  # the fit runs in the background
            if isinstance(app.screen, RescheduleDialog):
                break
            await pilot.pause(0.1)
        assert isinstance(app.screen, RescheduleDialog)
        assert last_fit(collection).adopted
        assert "refitted itself" in str(app.screen.query_one(".dialog-title", Static).render())
        await pilot.click("#reschedule-yes")
        await settle(pilot)
        for _ in range(50):
            after = {r.card_id: r.due for r in collection.store.schedule_rows()}
            if after != before:
                break
            await pilot.pause(0.1)
        assert sum(after[c] != before[c] for c in before) > 0  # due dates recomputed with the new parameters
    collection.close()


@pytest.mark.skipif(not available(), reason="the optimizer extra is not installed")
async def test_a_refit_that_ends_during_a_review_asks_after_the_session_not_over_a_card(tmp_path, monkeypatch):
    import threading

    from anastro_quiz import autofit
    from anastro_quiz.tui.dialogs.reschedule import RescheduleDialog
    from anastro_quiz.tui.screens.review import ReviewScreen

    reviews = synthetic_log()
    decks = tmp_path / "decks"
    decks.mkdir()
    lines = ["id: syn", "title: Synthetic", "cards:"]
    for n in range(155):  # c150..c154 never reviewed: new cards to study while the fit runs
        lines += [f"  - id: c{n}", "    type: basic", f"    prompt: q{n}", f"    answer: a{n}"]
    (decks / "syn.yaml").write_text("\n".join(lines) + "\n")
    _history_db(tmp_path / "p.db", reviews)
    collection = Collection.open(tmp_path / "p.db", [decks],
                                 clock=FakeClock(datetime(2025, 6, 10, 12, tzinfo=timezone.utc)))
    collection.store.check(repair=True)
    review_open, fitted = threading.Event(), threading.Event()
    real_fit = autofit.run_fit

    def slow_fit(pending):  # the fit finishes only once the learner is answering a card
        review_open.wait(timeout=30)
        try:
            return real_fit(pending)
        finally:
            fitted.set()

    monkeypatch.setattr(autofit, "run_fit", slow_fit)
    app = make_app(collection)
    async with app.run_test(size=(110, 40)) as pilot:
        for _ in range(100):  # Home drawn (settle would wait for the held fit too)
            if getattr(app.screen, "data", None) is not None:
                break
            await pilot.pause(0.05)
        await pilot.press("enter")  # study the deck
        for _ in range(100):
            if isinstance(app.screen, ReviewScreen) and app.screen.shown is not None:
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ReviewScreen), [n.message for n in app._notifications]
        review_open.set()
        for _ in range(100):
            if fitted.is_set():
                break
            await pilot.pause(0.1)
        for _ in range(10):  # the fit has ended and adopted: its question waits
            await pilot.pause(0.1)
        assert last_fit(collection).adopted
        assert isinstance(app.screen, ReviewScreen), app.screen
        await pilot.press("q")  # leave the session: now it asks
        for _ in range(50):
            if isinstance(app.screen, RescheduleDialog):
                break
            await pilot.pause(0.1)
        assert isinstance(app.screen, RescheduleDialog)
        assert "refitted itself" in str(app.screen.query_one(".dialog-title", Static).render())
    collection.close()
