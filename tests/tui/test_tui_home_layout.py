"""Home's deck column: as wide as the longest title (never measured after the first frame,
which raced and drew it 4 characters wide), wrapping titles the terminal has no room for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from anastro_quiz.collection import Collection
from anastro_quiz.tui.app import make_app

from .conftest import home_loaded

BUNDLED = Path(__file__).resolve().parents[2] / "decks"


@pytest.fixture
def bundled(tmp_path, clock):
    shutil.copytree(BUNDLED, tmp_path / "decks")
    coll = Collection.open(tmp_path / "progress.db", [tmp_path / "decks"], clock=clock)
    yield coll
    coll.close()


def deck_column_text(app) -> str:
    """The words drawn in the Deck column, read off the screen, in order."""
    table = app.screen.query_one("#decks", DataTable)
    region = table.region
    end = region.x + table.columns["title"].get_render_width(table)
    lines = app.screen._compositor.render_strips()[region.y:region.bottom]
    return " ".join(" ".join(line.text[region.x:end].split()) for line in lines)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_every_deck_title_is_shown_whole(bundled, size):
    app = make_app(bundled)
    titles = [deck.title for deck in bundled.decks.values()]
    async with app.run_test(size=size) as pilot:
        await home_loaded(pilot)
        await pilot.pause()
        table = app.screen.query_one("#decks", DataTable)
        width = table.columns["title"].width
        assert not table.columns["title"].auto_width
        if size[0] >= 200:
            assert width == max(len(t) for t in titles)  # one line each
        text = deck_column_text(app)
        for title in titles:
            assert " ".join(title.split()) in text, (title, text)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_card_text_keeps_a_readable_measure_centred(bundled, size):
    from anastro_quiz.tui.screens.review import ReviewScreen

    from .conftest import press

    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        await home_loaded(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        # reveal whatever the first card is (the bundled decks are regenerated): a typed card
        # by answering it, any other with Space
        await press(pilot, *(["x", "enter"] if app.screen.session.current.type == "typed" else ["space"]))
        assert app.screen.query_one("#answer").display
        card = app.screen.query_one("#card").content_region
        for name in ("#prompt", "#answer", "#card-meta"):
            region = app.screen.query_one(name).region
            assert region.width <= 76
            left, right = region.x - card.x, card.right - region.right
            assert abs(left - right) <= 1, (name, left, right)  # centred


async def test_at_200x50_home_fills_the_room_below_the_decks(bundled, clock):
    """Issue 12: no longer most of the screen empty below the decks on a large terminal."""
    import re

    from textual.widgets import Static
    from textual_plotext import PlotextPlot

    from anastro_quiz.scheduler import Rating

    session = bundled.start_session()
    for _ in range(3):
        session.grade(Rating.Good)
    session.finish()
    app = make_app(bundled)
    async with app.run_test(size=(200, 50)) as pilot:
        await home_loaded(pilot)
        screen = app.screen
        panels = screen.query_one("#home-panels")
        assert panels.display
        table = screen.query_one("#decks", DataTable)
        assert panels.region.y <= table.region.bottom + 2  # right below the decks
        assert panels.region.bottom >= 45  # down to the footer
        deck = str(screen.query_one("#home-deck", Static).render())
        first = bundled.decks[str(table.coordinate_to_cell_key((0, 0)).row_key.value)]
        assert first.title in deck and "Cards" in deck and "Mastery" in deck
        assert "(3)" in str(screen.query_one("#home-recent", Static).render())  # the three reviews today
        chart = re.sub(r"\x1b\[[0-9;]*m", "", screen.query_one("#home-forecast", PlotextPlot).plt.build())
        assert "Cards due per day" in chart
        await pilot.press("down")
        await pilot.pause()
        second = bundled.decks[str(table.coordinate_to_cell_key((1, 0)).row_key.value)]
        assert second.title in str(screen.query_one("#home-deck", Static).render())  # follows the cursor


async def test_at_80x24_home_keeps_to_the_decks(bundled):
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        assert not app.screen.query_one("#home-panels").display


async def test_at_100x30_home_shows_the_deck_and_reviews_panels_without_the_chart(bundled):
    """18 rows are left under the five bundled decks: room for the panels, not for a chart."""
    from textual.widgets import Static
    from textual_plotext import PlotextPlot

    app = make_app(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        await home_loaded(pilot)
        screen = app.screen
        panels = screen.query_one("#home-panels")
        assert panels.display and not any(chart.display for chart in screen.query("#home-forecast"))
        assert "Mastery" in str(screen.query_one("#home-deck", Static).render())
        assert "Reviews, last 14 days" in str(screen.query_one("#home-recent", Static).render())
        footer = screen.query_one("KeyBar")
        assert panels.region.bottom <= footer.region.y  # nothing drawn under the footer


async def test_a_terminal_grown_tall_enough_gets_the_forecast_chart(bundled):
    """At 80x24 Home reads no forecast (no room for its chart); made tall, it reads and draws it."""
    import re

    from textual_plotext import PlotextPlot

    from anastro_quiz.scheduler import Rating

    from .conftest import settle

    session = bundled.start_session()
    session.grade(Rating.Good)
    session.finish()
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        assert app.screen.data.forecast is None and not app.screen.query("#home-forecast")
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        chart = app.screen.query_one("#home-forecast", PlotextPlot)
        assert chart.display and app.screen.data.forecast is not None
        assert "Cards due per day" in re.sub(r"\x1b\[[0-9;]*m", "", chart.plt.build())
