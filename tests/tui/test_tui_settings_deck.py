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
        assert str(screen.query_one("#settings-status", Static).render()).startswith("Not saved")
    assert collection.limits() == DailyLimits(20, 200)
    assert collection.scheduler_settings().desired_retention == 0.9


async def test_the_study_day_start_hour_is_a_global_setting(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        field = screen.query_one("#set-day-start", Input)
        assert field.value == "4" and not field.disabled
        field.value = "25"
        await press(pilot, "ctrl+s")
        assert any("whole hour from 0 to 23" in str(n.message) for n in app._notifications)
        assert collection.day_start_hour() == 4
        field.value = "6"
        await press(pilot, "ctrl+s")
        assert collection.day_start_hour() == 6
        await pilot.click("#set-scope")
        await press(pilot, "down", "enter")  # one deck: the hour is the same for all, set under global
        assert screen.deck_id == "sample" and field.disabled and field.value == "6"


async def test_sibling_burying_switches_are_saved_per_deck(app, collection):
    from textual.widgets import Switch

    from anastro_quiz.siblings import SiblingRules

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        assert screen.query_one("#set-bury-new", Switch).value and screen.query_one("#set-bury-reviews", Switch).value
        screen.query_one("#set-bury-new", Switch).value = False
        await press(pilot, "ctrl+s")
    assert collection.siblings() == SiblingRules(bury_new=False, bury_reviews=True)
    assert [i.id for i in collection.start_session().queued_items()][:3] == [
        "ai-class", "osteoclast-def", "osteoclast-def.reverse"]
