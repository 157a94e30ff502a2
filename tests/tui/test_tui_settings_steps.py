"""Learning steps with units, as Anki writes them (issue 12: steps only in minutes)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from anastro_quiz.quantities import format_steps, parse_steps

from .conftest import press, settle


def test_steps_read_and_written_with_units():
    assert parse_steps("1m 10m 1h 1d") == [1.0, 10.0, 60.0, 1440.0]
    assert parse_steps("1, 10") == [1.0, 10.0]  # a bare number is minutes
    assert parse_steps("30s") == [0.5]
    assert format_steps([1.0, 10.0, 60.0, 1440.0, 90.0]) == "1m 10m 1h 1d 90m"
    with pytest.raises(ValueError, match="like '1m 10m 1h 1d'"):
        parse_steps("1w")


async def test_settings_take_steps_in_hours_and_days(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        assert screen.query_one("#set-learning", Input).value == "1m 10m"
        screen.query_one("#set-learning", Input).value = "10m 1h 1d"
        screen.query_one("#set-relearning", Input).value = "30m"
        await press(pilot, "ctrl+s")
    assert collection.scheduler_settings().learning_steps_minutes == [10.0, 60.0, 1440.0]
    assert collection.scheduler_settings().relearning_steps_minutes == [30.0]
