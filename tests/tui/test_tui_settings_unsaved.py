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


async def test_another_scope_with_edits_asks_and_each_answer_does_what_it_says(app, collection):
    """'Applies to' picks a deck while the global form has edits: ask, as Esc does."""
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _settings(pilot)
        scope = screen.query_one("#set-scope")
        screen.query_one("#set-new", Input).value = "7"
        await pilot.click("#set-scope")
        await press(pilot, "down", "enter")  # the deck, under "All decks (global)"
        assert isinstance(app.screen, UnsavedDialog)
        assert "all decks" in str(app.screen.query_one("#unsaved-text", Static).render())
        await press(pilot, "escape")  # keep editing: still the global form, the edit still there
        assert app.screen is screen and screen.deck_id is None and scope.value == "__global__"
        assert screen.query_one("#set-new", Input).value == "7"
        await pilot.click("#set-scope")
        await press(pilot, "down", "enter", "d")  # discard: the deck's settings, nothing saved
        assert screen.deck_id == "sample" and screen.query_one("#set-new", Input).value == "20"
        assert collection.limits().new_per_day == 20
        screen.query_one("#set-new", Input).value = "4"
        await pilot.click("#set-scope")
        await press(pilot, "up", "enter", "ctrl+s")  # save for the deck, then show the global ones
        assert screen.deck_id is None and screen.query_one("#set-new", Input).value == "20"
        assert str(screen.query_one("#settings-status", Static).render()) == "Saved for deck sample."
        assert collection.limits("sample").new_per_day == 4 and collection.limits().new_per_day == 20


async def test_a_refused_save_before_another_scope_keeps_the_edits_in_view(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _settings(pilot)
        screen.query_one("#set-new", Input).value = "lots"
        await pilot.click("#set-scope")
        await press(pilot, "down", "enter", "ctrl+s")
        assert screen.deck_id is None and screen.query_one("#set-scope").value == "__global__"
        assert screen.query_one("#set-new", Input).value == "lots"
        assert str(screen.query_one("#settings-status", Static).render()).startswith("Not saved")
