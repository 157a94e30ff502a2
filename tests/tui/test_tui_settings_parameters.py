"""Settings: FSRS parameters pasted in (e.g. fitted elsewhere) are checked, saved and used."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from anastro_quiz.scheduler import Scheduler
from anastro_quiz.settings import parse_parameters
from anastro_quiz.tui.screens.settings import SettingsScreen

from .conftest import press, settle

FITTED = list(Scheduler().parameters)
FITTED[0:4] = [0.1, 0.3, 0.8, 2.0]


async def test_valid_parameters_are_saved_and_used_by_the_scheduler(app, collection):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        field = screen.query_one("#set-parameters", Input)
        assert field.value == ""  # FSRS defaults
        # commas and spaces both separate
        field.value = ", ".join(f"{p:g}" for p in FITTED[:10]) + " " + " ".join(f"{p:g}" for p in FITTED[10:])
        await press(pilot, "ctrl+s")
        assert "Saved for all decks" in str(screen.query_one("#settings-status", Static).render())
        assert collection.scheduler_settings().parameters == pytest.approx(FITTED, rel=1e-5)
        assert collection.scheduler().parameters == pytest.approx(FITTED, rel=1e-5)
        await press(pilot, "escape", "s")  # shown again when the screen reopens
        assert app.screen is not screen and isinstance(app.screen, SettingsScreen)
        shown = app.screen.query_one("#set-parameters", Input).value
        assert parse_parameters(shown) == pytest.approx(FITTED, rel=1e-5)
        app.screen.query_one("#set-parameters", Input).value = ""  # empty: back to defaults
        await press(pilot, "ctrl+s")
    assert collection.scheduler_settings().parameters is None


@pytest.mark.parametrize("text, message", [
    ("1 2 3", "exactly 21 numbers (got 3)"),
    (" ".join(["0.5"] * 20) + " x", "parameter 21 ('x') is not a number"),
    (" ".join(["0.5"] * 20) + " nan", "FSRS parameter 21 is not a finite number"),
    (" ".join(["100"] * 21), "the fsrs package rejects these parameters"),
])
async def test_bad_parameters_show_an_error_and_nothing_is_saved(app, collection, text, message):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        screen.query_one("#set-retention", Input).value = "0.8"
        screen.query_one("#set-parameters", Input).value = text
        await press(pilot, "ctrl+s")
        assert any(message in str(n.message) for n in app._notifications), [n.message for n in app._notifications]
        assert str(screen.query_one("#settings-status", Static).render()).startswith("Not saved")
    assert collection.scheduler_settings().parameters is None
    assert collection.scheduler_settings().desired_retention == 0.9
