"""Settings for one deck: its values override the global ones and leave other scopes alone."""

from __future__ import annotations

from textual.widgets import Input, Static

from anastro_quiz.collection import DailyLimits
from anastro_quiz.tui.screens.settings import SettingsScreen

from .conftest import press, settle


async def test_a_deck_override_is_saved_for_that_deck_only(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen) and screen.deck_id is None
        await pilot.click("#set-scope")
        await press(pilot, "down", "enter")  # the one deck, under "All decks (global)"
        assert screen.deck_id == "sample"
        screen.query_one("#set-retention", Input).value = "0.8"
        screen.query_one("#set-new", Input).value = "3"
        await press(pilot, "ctrl+s")
        assert "Saved for deck sample" in str(screen.query_one("#settings-status", Static).render())
    assert collection.scheduler_settings("sample").desired_retention == 0.8
    assert collection.limits("sample") == DailyLimits(3, 200)
    assert collection.scheduler_settings().desired_retention == 0.9  # global untouched
    assert collection.limits() == DailyLimits(20, 200)


async def test_a_negative_daily_limit_is_refused_and_nothing_saved(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        screen.query_one("#set-retention", Input).value = "0.8"
        screen.query_one("#set-reviews", Input).value = "-5"
        await press(pilot, "ctrl+s")
        assert any("daily limits cannot be negative" in str(n.message) for n in app._notifications)
        assert str(screen.query_one("#settings-status", Static).render()) == ""
    assert collection.limits() == DailyLimits(20, 200)
    assert collection.scheduler_settings().desired_retention == 0.9
