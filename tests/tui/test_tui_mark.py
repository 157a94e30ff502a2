"""Anki's * mark: toggled in Review and Cards, undoable, a flag in Cards, found by search."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from anastro_quiz.card_search import matches
from anastro_quiz.tui.screens.browse import BrowseScreen

from .conftest import press
from .test_tui_review import open_review
from .test_tui_undo import toasts


def marked(collection, item) -> bool:
    return collection.store.schedule_row(item.deck_id, item.id).marked


async def test_star_marks_the_card_on_screen_and_u_takes_it_back(app, collection):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_review(pilot)
        card = screen.shown.item
        await press(pilot, "space")  # revealed: marking leaves it revealed
        await press(pilot, "asterisk")
        assert marked(collection, card)  # committed at once
        assert "★ marked" in str(screen.query_one("#card-meta", Static).render())
        assert screen.shown.item.key == card.key and screen.revealed
        assert any(t.startswith("Marked") for t in toasts(app))
        await press(pilot, "u")
        assert not marked(collection, card)
        assert "★" not in str(screen.query_one("#card-meta", Static).render())
        assert screen.revealed  # the card stays as it was
        assert any(t.startswith("Undone: mark") for t in toasts(app))
        await press(pilot, "asterisk", "asterisk")  # * twice: marked, then unmarked
        assert not marked(collection, card)
        await press(pilot, "u")  # takes back the unmark
        assert marked(collection, card)


async def test_a_marked_card_shows_as_a_flag_in_cards_and_is_marked_finds_it(app, collection):
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_review(pilot)
        card = screen.shown.item
        await press(pilot, "asterisk", "escape", "c")
        assert isinstance(app.screen, BrowseScreen)
        table = app.screen.query_one("#cards", DataTable)
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == f"sample/{card.id}"
        assert "★" in str(table.get_row_at(0)[5])
        await press(pilot, "slash", *"is:marked", "enter")
        assert table.row_count == 1
        await press(pilot, "asterisk")  # unmark it in Cards
        assert not marked(collection, card)
        assert table.row_count == 0


def test_search_reads_the_flags(collection):
    item = next(iter(collection.items.values()))
    assert matches(item, "is:marked", frozenset({"marked"}))
    assert matches(item, "tag:marked", frozenset({"marked"}))  # Anki's way of writing it
    assert not matches(item, "is:marked", frozenset({"suspended"}))
    assert matches(item, "is:suspended", frozenset({"suspended"}))
