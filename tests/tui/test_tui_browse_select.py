"""Cards: a search (is:, prop:) picks cards and `a` acts on all of them; a search that cannot be
read says why on the status line."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input, Static

from anastro_quiz.tui.dialogs.selection import SelectionDialog
from anastro_quiz.tui.screens.browse import BrowseScreen
from anastro_quiz.tui.screens.quiz import QuizScreen

from .conftest import press, settle
from .test_tui_exam_plan import _study_everything


async def _search(pilot, text: str) -> BrowseScreen:
    await press(pilot, "c")
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen)
    await press(pilot, "slash")
    screen.query_one("#browse-search", Input).value = text
    await settle(pilot)
    await press(pilot, "enter")
    return screen


async def test_suspend_every_card_a_search_shows(app, collection, clock):
    _study_everything(collection, clock)  # every card Easy: in review
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _search(pilot, "is:review tag:atac")
        assert screen.query_one("#cards", DataTable).row_count == 2
        await press(pilot, "a")
        assert isinstance(app.screen, SelectionDialog)
        app.screen.query_one("#act-suspend", Button).press()
        await settle(pilot)
        assert app.screen is screen
        suspended = {r.card_id for r in collection.store.schedule_rows() if r.suspended}
        assert suspended == {"atac-hip", "atac-spine"}
        assert "susp" in str(screen.query_one("#cards", DataTable).get_row_at(0)[5])


async def test_quiz_the_cards_a_search_shows(app, collection):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _search(pilot, "tag:osteoclast")
        await press(pilot, "a")
        app.screen.query_one("#act-quiz", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        tags = {q.item.key: q.item.tags for q in app.screen.quiz.questions}
        assert tags and all("osteoclast" in t for t in tags.values())


async def test_an_unreadable_search_says_why(app, collection):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await _search(pilot, "prop:lapses")
        assert "prop:lapses is not a comparison" in str(screen.query_one("#browse-status", Static).render())


def _screen_line(app, widget) -> str:
    """What the terminal shows on the widget's first line."""
    region = widget.region
    return "".join(segment.text for segment in app.screen._compositor.render_strips()[region.y]).strip()


async def test_at_80_columns_the_status_line_shows_the_count_and_a_whole_search_problem(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _search(pilot, "is:new")
        status = screen.query_one("#browse-status", Static)
        shown = len(screen.query_one("#cards", DataTable).rows)
        assert _screen_line(app, status).startswith(f"{shown} cards matching “is:new” · ")
        screen.query_one("#browse-search", Input).value = "prop:foo>3"
        await settle(pilot)
        message = str(status.render())
        assert message.endswith("e.g. prop:lapses>3 or prop:due<=0") and len(message) > 80
        assert status.region.height >= 2  # wrapped, not cut at the edge


async def test_at_80_columns_every_action_on_the_cards_shown_is_whole_in_its_dialog(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, SelectionDialog)
        inside = dialog.query_one("#selection-box").content_region
        buttons = list(dialog.query(Button))
        assert len(buttons) == 5
        for button in buttons:  # "Quiz these" ran past the dialog's edge
            assert inside.contains_region(button.region), (str(button.label), button.region, inside)
