"""Changing desired retention in Settings asks whether to reschedule, with the load change."""

from __future__ import annotations

from textual.widgets import Input, Static

from anastro_quiz.scheduler import Rating
from anastro_quiz.tui.dialogs.reschedule import RescheduleDialog

from .conftest import press, settle


def _study(collection, clock) -> None:
    for _ in range(4):
        session = collection.start_session()
        while not session.finished:
            session.grade(Rating.Good)
            clock.advance(minutes=11)
        clock.advance(days=1)


def _dues(collection) -> dict[str, str]:
    return {r.card_id: r.due for r in collection.store.schedule_rows() if r.state}


async def test_reschedule_when_asked_moves_due_dates(app, collection, clock):
    _study(collection, clock)
    before = _dues(collection)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        pilot.app.screen.query_one("#set-retention", Input).value = "0.97"
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, RescheduleDialog)
        text = str(pilot.app.screen.query_one("#reschedule-text", Static).render())
        assert "get a new due date" in text and "Reviews due in the next 30 days" in text
        await pilot.click("#reschedule-yes")
        await settle(pilot)
    after = _dues(collection)
    assert any(after[c] < before[c] for c in before) and all(after[c] <= before[c] for c in before)


async def test_keeping_the_due_dates_changes_none(app, collection, clock):
    _study(collection, clock)
    before = _dues(collection)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        pilot.app.screen.query_one("#set-retention", Input).value = "0.8"
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, RescheduleDialog)
        await press(pilot, "escape")
        assert not isinstance(pilot.app.screen, RescheduleDialog)
    assert _dues(collection) == before
    assert collection.scheduler_settings().desired_retention == 0.8
