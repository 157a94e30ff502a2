"""Settings' Optimize: the FSRS parameters fitted to the learner's reviews in a worker, with a
progress bar; the scores shown, the fitted parameters put in the field for Ctrl+S to save."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest
from textual.widgets import Input, ProgressBar, Static

from anastro_quiz import autofit
from anastro_quiz.collection import Collection
from anastro_quiz.interop import optimize
from anastro_quiz.interop.optimize import available
from anastro_quiz.settings import parse_parameters
from anastro_quiz.tui.app import make_app
from anastro_quiz.tui.screens.settings import SettingsScreen
from conftest import FakeClock
from test_interop_optimize import _history_db, synthetic_log

from .conftest import long_work_shown, press, settle

needs_optimizer = pytest.mark.skipif(not available(), reason="the optimizer extra is not installed")


@pytest.fixture
def studied(tmp_path, deck_dir, monkeypatch):
    """A collection whose log holds a simulated learner's 150 days of reviews; the app's own
    background refit is kept out of the way (it would fit the same history unasked)."""
    monkeypatch.setattr(autofit, "pending_fit", lambda *args, **kwargs: None)
    _history_db(tmp_path / "p.db", synthetic_log())
    collection = Collection.open(tmp_path / "p.db", [deck_dir],
                                 clock=FakeClock(datetime(2025, 6, 10, 12, tzinfo=timezone.utc)))
    yield collection
    collection.close()


def held_build_items(monkeypatch) -> threading.Event:
    """Hold the fit in its first stage until the returned event is set."""
    release = threading.Event()
    real = optimize.build_items

    def held(reviews):
        release.wait(timeout=30)
        return real(reviews)

    monkeypatch.setattr(optimize, "build_items", held)
    return release


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def optimize_asked(pilot) -> SettingsScreen:
    """Settings opened and Ctrl+O pressed: the Settings screen, under the fit's dialog."""
    await settle(pilot)
    await press(pilot, "s")
    settings = pilot.app.screen
    assert isinstance(settings, SettingsScreen)
    await pilot.press("ctrl+o")
    return settings


@needs_optimizer
async def test_optimize_shows_a_bar_then_the_scores_and_puts_the_fitted_parameters_in_the_field(
        studied, monkeypatch):
    release = held_build_items(monkeypatch)
    app = make_app(studied)
    async with app.run_test(size=(80, 24)) as pilot:
        settings = await optimize_asked(pilot)
        assert "Building items from" in await long_work_shown(pilot, steps=3)
        assert app.screen.query_one("#long-work-bar", ProgressBar).progress == 0
        assert settings.query_one("#set-parameters", Input).value == ""  # FSRS's defaults, while the fit runs
        release.set()
        await settle(pilot)
        assert app.screen is settings
        shown = text(settings, "#settings-optimized")
        assert "log loss" in shown and "RMSE(bins)" in shown and "default" in shown and "fitted" in shown
        assert "Ctrl+S saves them" in shown
        result = settings.query_one("#settings-optimized", Static)
        form = settings.query_one("#settings")
        assert form.scroll_y > 0 and form.content_region.contains_region(result.region)  # in view at 80x24
        fitted = parse_parameters(settings.query_one("#set-parameters", Input).value)
        assert len(fitted) == 21 and fitted != list(optimize.default_parameters())
        await press(pilot, "ctrl+s")
    assert studied.scheduler_settings().parameters == fitted


@needs_optimizer
async def test_escape_cancels_the_fit_and_leaves_the_parameters_as_they_were(studied, monkeypatch):
    release = held_build_items(monkeypatch)
    app = make_app(studied)
    async with app.run_test(size=(100, 40)) as pilot:
        settings = await optimize_asked(pilot)
        await long_work_shown(pilot)
        await pilot.press("escape")
        assert "Stopping" in text(app.screen, "#long-work-stage")
        release.set()
        await settle(pilot)
        assert app.screen is settings
        assert settings.query_one("#set-parameters", Input).value == ""
        assert text(settings, "#settings-optimized") == ""
        assert any("Optimize cancelled" in str(n.message) for n in app._notifications)
    assert studied.scheduler_settings().parameters is None


@needs_optimizer
async def test_too_little_history_is_a_message_not_a_traceback(app, collection):
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        settings = app.screen
        await press(pilot, "ctrl+o")
        assert app.screen is settings
        said = [str(n.message) for n in app._notifications]
        assert any("too little review history to fit the scheduler" in m for m in said), said
        assert settings.query_one("#set-parameters", Input).value == ""


async def test_without_the_optimizer_it_says_how_to_install_it(app, collection, monkeypatch):
    def missing():
        raise optimize.OptimizerUnavailable(optimize.INSTALL_HINT)

    monkeypatch.setattr(optimize, "backend", missing)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, SettingsScreen)
        assert any('pip install "anastro-quiz[optimizer]"' in str(n.message) for n in app._notifications)
