"""Help per screen (issue 12): the keys of the screen it was opened from and those that work
everywhere, every screen's with a; wrapped descriptions keep their indent; the palette has
one way to the keys."""

from __future__ import annotations

from textual.widgets import Static

from anastro_quiz.tui.screens.help import HelpScreen

from .conftest import home_loaded, press
from .test_tui_review import open_review


def titles(screen) -> list[str]:
    return [str(s.render()) for s in screen.query(".help-title")]


async def test_help_shows_the_current_screens_keys_then_every_screens(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await press(pilot, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert titles(help_screen)[:2] == ["Review", "Everywhere"]
        assert "Quiz results" not in titles(help_screen)
        assert help_screen.sub_title == "Keys · Review"
        await press(pilot, "a")
        assert {"Home", "Review", "Cards (browse)", "Settings"} <= set(titles(help_screen))
        await press(pilot, "a")
        assert titles(help_screen)[:2] == ["Review", "Everywhere"]
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "ReviewScreen"


async def test_a_wrapped_description_keeps_its_indent(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await press(pilot, "question_mark")
        rows = list(app.screen.query(".help-row"))
        longest = max(rows, key=lambda r: len(str(r.query_one(".help-description", Static).render())))
        description = longest.query_one(".help-description", Static)
        assert description.region.height > 1  # it wraps at 80 columns
        assert description.region.x > longest.query_one(".help-key", Static).region.x + 4  # under itself


async def test_the_palette_has_one_entry_for_the_keys(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        system = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys" not in system and "Theme" in system
