"""Settings never throws edits away without a word (issue 12): Esc with unsaved edits asks
to save, discard or keep editing; a failed save replaces the last "Saved" line."""

from __future__ import annotations

from textual.widgets import Input, Static

from anastro_quiz.tui.dialogs.unsaved import UnsavedDialog
from anastro_quiz.tui.screens.home import HomeScreen
from anastro_quiz.tui.screens.settings import SettingsScreen

from .conftest import press, settle


async def _settings(pilot):
    await settle(pilot)
    await press(pilot, "s")
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


async def test_esc_without_edits_goes_back_at_once(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await _settings(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_esc_with_edits_asks_and_each_answer_does_what_it_says(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _settings(pilot)
        screen.query_one("#set-new", Input).value = "7"
        await press(pilot, "escape")
        assert isinstance(app.screen, UnsavedDialog)
        await press(pilot, "escape")  # keep editing: the edit is still there
        assert app.screen is screen and screen.query_one("#set-new", Input).value == "7"
        await press(pilot, "escape", "d")  # discard
        assert isinstance(app.screen, HomeScreen)
        assert collection.limits().new_per_day == 20
        screen = await _settings(pilot)
        screen.query_one("#set-new", Input).value = "9"
        await press(pilot, "escape", "ctrl+s")  # save, then back
        assert isinstance(app.screen, HomeScreen)
    assert collection.limits().new_per_day == 9


async def test_a_failed_save_replaces_the_saved_line(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _settings(pilot)
        screen.query_one("#set-new", Input).value = "8"
        await press(pilot, "ctrl+s")
        status = screen.query_one("#settings-status", Static)
        assert str(status.render()).startswith("Saved")
        screen.query_one("#set-new", Input).value = "lots"
        await press(pilot, "ctrl+s")
        assert str(status.render()).startswith("Not saved")
