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


async def test_help_says_what_a_screen_does_beside_its_keys(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await press(pilot, "s", "f1")
        notes = [str(s.render()) for s in app.screen.query(".help-note")]
        assert notes and notes[0].startswith("'Applies to' picks every deck")


def test_a_screens_note_names_none_of_its_keys():
    """Keys are described once, in the key table: a screen's note (its HELP) says the rest."""
    import re

    from anastro_quiz.tui.keys import binding_rows, screen_notes

    rows = dict(binding_rows())
    named = []
    for title, note in screen_notes().items():
        for keys, _description in rows[title]:
            for key in keys.split(" / "):
                if len(key) > 1 and re.search(rf"(?<![\w+]){re.escape(key)}(?![\w+])", note):
                    named.append(f"{title}: {key}")
    assert named == []
