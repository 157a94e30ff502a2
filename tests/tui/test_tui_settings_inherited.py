"""Per-deck settings say whether a deck's values are its own or the global ones, and Ctrl+R
resets a deck to the global settings (issue 12)."""

from __future__ import annotations

from textual.widgets import Input, Static

from anastro_quiz.collection import DailyLimits

from .conftest import press, settle


async def test_a_deck_shows_what_it_inherits_and_resets_to_global(app, collection):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        note = screen.query_one("#settings-scope-note", Static)
        await pilot.click("#set-scope")
        await press(pilot, "down", "enter")
        assert screen.deck_id == "sample"
        assert "no values of its own" in str(note.render())
        assert screen.check_action("reset_deck", ()) is False
        screen.query_one("#set-new", Input).value = "4"
        await press(pilot, "ctrl+s")
        assert collection.limits("sample") == DailyLimits(4, 200)
        assert "own values (curation, limits, scheduler, siblings)" in str(note.render())
        await press(pilot, "ctrl+r")
        assert collection.limits("sample") == DailyLimits(20, 200)  # the global value again
        assert collection.deck_overrides("sample") == []
        assert "no values of its own" in str(note.render())
        assert screen.query_one("#set-new", Input).value == "20"
