"""The key bar at the bottom of every screen (``KeyBar``, in place of Textual's Footer): Home's
keys are in the same frame as its counts, a click on a key presses it, and hovering a key
shows its tooltip."""

from __future__ import annotations

from anastro_quiz.home_data import load_home
from anastro_quiz.tui.app import make_app
from anastro_quiz.tui.screens.home import HomeScreen
from anastro_quiz.tui.screens.progress import ProgressScreen
from anastro_quiz.tui.widgets.key_bar import KeyBar

from .conftest import home_loaded, settle


def _column_of(bar: KeyBar, description: str) -> int:
    return next(k.start for k in bar.shown() if k.description == description)


async def test_homes_first_frame_with_its_counts_shows_its_keys(collection, monkeypatch):
    """A launch that read Home's counts before the app started (as the CLI does) draws the
    keys in the frame that shows the counts, not a frame later."""
    seen: list[list[str]] = []
    show = HomeScreen.show

    def noted(screen: HomeScreen, data) -> None:
        show(screen, data)
        bar = screen.query_one(KeyBar)
        screen.call_after_refresh(lambda: seen.append(
            [k.description for k, region in bar.key_regions() if region.width]))

    monkeypatch.setattr(HomeScreen, "show", noted)
    app = make_app(collection, home=load_home(collection, forecast=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
    assert seen, "Home showed its counts"
    first = seen[0]
    for description in ("Study all due", "Quiz", "Cards", "Progress", "Settings", "Quit", "Help", "palette"):
        assert description in first, (description, first)


async def test_a_click_on_a_key_presses_it(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        bar = app.screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(_column_of(bar, "Progress"), 0))
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)


async def test_hovering_a_key_shows_its_tooltip(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        bar = app.screen.query_one(KeyBar)
        await pilot.hover(KeyBar, offset=(_column_of(bar, "Study all due") + 2, 0))
        assert bar.tooltip == "Every due card in every deck (no new cards)"
        await pilot.hover(KeyBar, offset=(_column_of(bar, "Quiz"), 0))
        assert bar.tooltip == "A scored test from chosen decks"
