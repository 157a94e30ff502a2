"""Settings: load balancing and easy days are switched and typed there, checked, saved and used."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static, Switch

from anastro_quiz.settings import parse_easy_days
from anastro_quiz.tui.screens.settings import SettingsScreen

from .conftest import press, settle


async def _settings(pilot) -> SettingsScreen:
    await settle(pilot)
    await press(pilot, "s")
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def test_balancing_and_easy_days_are_saved_shown_again_and_used(app, collection):
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _settings(pilot)
        assert screen.query_one("#set-balance", Switch).value is True  # on by default
        assert screen.query_one("#set-easy-days", Input).value == ""
        screen.query_one("#set-balance", Switch).value = False
        screen.query_one("#set-easy-days", Input).value = "sat, Sunday"
        await press(pilot, "ctrl+s")
        assert "Saved for all decks" in str(screen.query_one("#settings-status", Static).render())
        saved = collection.scheduler_settings()
        assert (saved.load_balance, saved.easy_days) == (False, [5, 6])
        scheduler = collection.scheduler()
        assert (scheduler.load_balance, scheduler.easy_days) == (False, {5, 6})
        await press(pilot, "escape", "s")
        again = app.screen
        assert again is not screen and isinstance(again, SettingsScreen)
        await settle(pilot)
        assert again.query_one("#set-easy-days", Input).value == "Sat Sun"
        assert again.query_one("#set-balance", Switch).value is False


@pytest.mark.parametrize("text, message", [
    ("Sat Funday", "days of the week"),
    ("7", "days of the week"),
    ("Mon Tue Wed Thu Fri Sat Sun", "at least one day"),
])
async def test_bad_easy_days_show_an_error_and_nothing_is_saved(app, collection, text, message):
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _settings(pilot)
        screen.query_one("#set-retention", Input).value = "0.8"
        screen.query_one("#set-easy-days", Input).value = text
        await press(pilot, "ctrl+s")
        assert any(message in str(n.message) for n in app._notifications), [n.message for n in app._notifications]
        assert str(screen.query_one("#settings-status", Static).render()).startswith("Not saved")
    saved = collection.scheduler_settings()
    assert (saved.easy_days, saved.desired_retention) == ([], 0.9)


def test_easy_days_read_names_and_numbers():
    assert parse_easy_days("") == []
    assert parse_easy_days("6 5 sat") == [5, 6]
    assert parse_easy_days("wed") == [2]
    with pytest.raises(ValueError, match="days of the week"):
        parse_easy_days("s")  # too short to name one day
