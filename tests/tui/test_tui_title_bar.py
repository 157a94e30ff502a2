"""The title bar at the top of every screen (``TitleBar``, in place of Textual's Header): the
title and the screen's sub-title, kept up to date; a click on the icon opens the command
palette, a click elsewhere makes the bar tall and back; hovering the icon shows its tooltip."""

from __future__ import annotations

from textual.command import CommandPalette

from anastro_quiz.tui.screens.progress import ProgressScreen
from anastro_quiz.tui.widgets.title_bar import TitleBar

from .conftest import home_loaded, settle


def drawn(bar: TitleBar) -> str:
    return "\n".join(bar.render_line(y).text for y in range(bar.size.height))


async def test_the_bar_shows_the_title_and_the_screens_sub_title(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        bar = app.screen.query_one(TitleBar)
        assert f"anastro-quiz — {app.screen.sub_title}" in drawn(bar)
        assert app.screen.sub_title.endswith("deck") or app.screen.sub_title.endswith("decks")
        app.screen.sub_title = "a new sub-title"
        await pilot.pause()
        assert "anastro-quiz — a new sub-title" in drawn(bar)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert "anastro-quiz — Progress" in drawn(app.screen.query_one(TitleBar))


async def test_a_click_on_the_icon_opens_the_command_palette(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await pilot.hover(TitleBar, offset=(1, 0))
        assert app.screen.query_one(TitleBar).tooltip == "Open the command palette"
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_a_click_on_the_title_makes_the_bar_tall_and_back(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        bar = app.screen.query_one(TitleBar)
        await pilot.click(TitleBar, offset=(40, 0))
        await pilot.pause()
        assert bar.size.height == 3
        assert "anastro-quiz" in bar.render_line(1).text  # the title on the middle line
        await pilot.click(TitleBar, offset=(40, 1))
        await pilot.pause()
        assert bar.size.height == 1
