"""Quiz setup reads right (issue 12): what is ticked is said in words, the cursor row is not
mistaken for a ticked one, and an unticked box is drawn empty."""

from __future__ import annotations

from textual.widgets import SelectionList, Static

from anastro_quiz.tui.dialogs.quiz_setup import QuizSetupDialog

from .conftest import home_loaded, press


async def test_ticked_decks_and_topics_are_said_in_words(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await press(pilot, "t")
        dialog = app.screen
        assert isinstance(dialog, QuizSetupDialog)
        ticked = dialog.query_one("#quiz-ticked", Static)
        assert str(ticked.render()) == "Ticked: 1 of 1 deck · every topic"
        await press(pilot, "space")  # untick the deck under the cursor
        assert str(ticked.render()).startswith("Ticked: 0 of 1 deck")
        tags = dialog.query_one("#quiz-tags", SelectionList)
        tags.focus()
        await press(pilot, "space")
        assert str(ticked.render()) == f"Ticked: 0 of 1 deck · topics: {tags.selected[0]}"


async def test_an_unticked_box_is_empty_even_on_the_cursor_row(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await press(pilot, "t")
        tags = app.screen.query_one("#quiz-tags", SelectionList)
        off = tags.get_component_rich_style("selection-list--button-highlighted")
        on = tags.get_component_rich_style("selection-list--button-selected")
        box = tags.get_component_rich_style("selection-list--button")
        assert off.color == off.bgcolor and box.color == box.bgcolor  # no X drawn
        assert on.color != on.bgcolor and on.bold


def _box_rows(selection_list) -> list[str]:
    """The boxes of a list as drawn, characters only (what a monochrome terminal shows)."""
    return [selection_list.render_line(y).text[:3] for y in range(selection_list.option_count)]


async def test_ticked_and_unticked_boxes_differ_without_colour(app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await press(pilot, "t")
        tags = app.screen.query_one("#quiz-tags", SelectionList)
        assert tags.option_count >= 2
        assert set(_box_rows(tags)) == {"▐ ▌"}  # nothing ticked: every box empty, the cursor row's too
        tags.focus()
        await press(pilot, "space")  # tick the first topic
        assert _box_rows(tags) == ["▐X▌"] + ["▐ ▌"] * (tags.option_count - 1)
        decks = app.screen.query_one("#quiz-decks", SelectionList)
        assert _box_rows(decks) == ["▐X▌"] * decks.option_count  # the one fixture deck, ticked
