"""One undo stack in Review (grade, bury, suspend), Anki's keys, and buried cards in Cards."""

from __future__ import annotations

from textual.widgets import DataTable

from anastro_quiz.tui.screens.browse import BrowseScreen
from anastro_quiz.tui.screens.home import HomeScreen

from .conftest import press, settle
from .test_tui_review import open_review, reviews


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_u_undoes_a_bury_and_a_suspend_with_a_toast_naming_it(app, collection):
    store = collection.store
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_review(pilot)
        first = screen.shown.item
        await press(pilot, "b")
        second = screen.shown.item
        await press(pilot, "s")
        assert store.schedule_row(second.deck_id, second.id).suspended
        await press(pilot, "u")
        assert screen.shown.item.id == second.id
        assert not store.schedule_row(second.deck_id, second.id).suspended  # committed at once
        assert any(t.startswith("Undone: suspend") for t in toasts(app))
        await press(pilot, "u")
        assert screen.shown.item.id == first.id
        assert store.schedule_row(first.deck_id, first.id).buried_until is None
        assert any(t.startswith("Undone: bury") for t in toasts(app))
        assert reviews(collection) == []


async def test_anki_keys_bury_and_suspend_and_undo_takes_back_a_grade_after_them(app, collection):
    store = collection.store
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_review(pilot)
        graded = screen.shown.item
        await press(pilot, "space", "3")
        buried = screen.shown.item
        await press(pilot, "minus")
        suspended = screen.shown.item
        await press(pilot, "at")
        assert store.schedule_row(buried.deck_id, buried.id).buried_until is not None
        assert store.schedule_row(suspended.deck_id, suspended.id).suspended
        await press(pilot, "u", "u", "u")
        assert screen.shown.item.id == graded.id and not screen.revealed
        assert any(t.startswith("Undone: grade Good") for t in toasts(app))
        assert [r[3] for r in reviews(collection)] == [1]  # the grade is marked undone
        assert store.schedule_row(buried.deck_id, buried.id).buried_until is None
        assert not store.schedule_row(suspended.deck_id, suspended.id).suspended


async def test_a_buried_card_shows_as_buried_in_cards_and_b_unburies_it(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        buried = screen.shown.item
        await press(pilot, "b", "escape", "c")
        assert isinstance(app.screen, BrowseScreen)
        table = app.screen.query_one("#cards", DataTable)
        row = table.get_row_at(0)
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == f"sample/{buried.id}"
        assert (row[2], row[5]) == ("new", "buried")
        await press(pilot, "b")
        assert table.get_row_at(0)[5] == ""
        assert collection.store.schedule_row(buried.deck_id, buried.id).buried_until is None
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert str(app.screen.query_one("#decks", DataTable).get_row_at(0)[1]) == "6"  # 8, less 2 siblings


async def test_burying_the_last_card_can_still_be_undone(app, collection):
    from anastro_quiz.tui.screens.review import ReviewScreen

    from textual.widgets import Input, Static

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        while screen.shown.item is not None:
            last = screen.shown.item
            if isinstance(app.focused, Input):
                app.screen.set_focus(None)  # the typed card's field has the keys: bury with -
                await press(pilot, "minus")
            else:
                await press(pilot, "b")
        assert isinstance(app.screen, ReviewScreen)  # not sent home: the bury can be undone
        assert "u takes back the last bury" in str(screen.query_one("#prompt", Static).render())
        await press(pilot, "u")
        assert screen.shown.item.key == last.key
        assert collection.store.schedule_row(last.deck_id, last.id).buried_until is None
        await press(pilot, "q")
        assert isinstance(app.screen, HomeScreen)


async def test_u_on_the_summary_undoes_the_last_grade_and_shows_the_card_again(app, collection):
    from textual.widgets import Static

    from anastro_quiz.tui.screens.review import ReviewScreen
    from anastro_quiz.tui.screens.summary import SummaryScreen

    from .test_tui_review import answer_and_grade

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_review(pilot)
        while isinstance(app.screen, ReviewScreen):
            last = screen.shown.item
            await answer_and_grade(pilot, "4")
        assert isinstance(app.screen, SummaryScreen)
        assert "Cards reviewed  6" in str(app.screen.query_one("#summary-body", Static).render())
        await press(pilot, "u")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.shown.item.key == last.key and not app.screen.revealed
        assert reviews(collection)[-1][3] == 1  # the last grade is marked undone, committed
        assert collection.store.schedule_row(last.deck_id, last.id).fsrs_state == 0  # new again
        assert any(t.startswith("Undone: grade Easy") for t in toasts(app))
        await answer_and_grade(pilot, "3")  # grade it again: the summary counts it once
        while isinstance(app.screen, ReviewScreen):
            await answer_and_grade(pilot, "4")
        assert isinstance(app.screen, SummaryScreen)
        assert "Cards reviewed  6" in str(app.screen.query_one("#summary-body", Static).render())
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)


async def test_a_session_ended_by_a_bury_says_u_takes_the_bury_back(app, collection):
    """The last card buried: Review says none is left (its counts at 0), and the summary
    after q says u takes back that bury, not a grade."""
    from textual.widgets import Static

    from anastro_quiz.tui.screens.review import ReviewScreen
    from anastro_quiz.tui.screens.summary import SummaryScreen

    from .test_tui_review import answer_and_grade

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_review(pilot)
        await answer_and_grade(pilot, "4")  # Easy: out of today's session
        for _ in range(10):  # bury the rest: the session ends on a bury
            await settle(pilot)
            if not isinstance(app.screen, ReviewScreen) or screen.shown.item is None:
                break
            buried = screen.shown.item
            if buried.type == "typed":
                await press(pilot, "enter")  # its field has the letters until it is checked
            await press(pilot, "b")
        assert isinstance(app.screen, ReviewScreen)  # staying, so u can still bring it back
        assert "No cards left" in str(screen.query_one("#prompt", Static).render())
        assert str(screen.query_one("#counts", Static).render()) == "new 0 · learn 0 · due 0"  # not 1
        await press(pilot, "q")
        assert isinstance(app.screen, SummaryScreen)
        assert "u takes back the last bury." in str(app.screen.query_one("#summary-hint", Static).render())
        assert app.screen.active_bindings["u"].binding.description == "Undo"
        await press(pilot, "u")
        assert isinstance(app.screen, ReviewScreen) and app.screen.shown.item.key == buried.key
        assert collection.store.schedule_row(buried.deck_id, buried.id).buried_until is None
        assert any(t.startswith("Undone: bury") for t in toasts(app))


async def test_the_bury_toast_names_the_undo_key_that_works_on_the_card_shown_next(app, collection):
    """On a typed card every letter goes into the answer field, u too: a toast shown over one
    says Ctrl+Z undoes, and Ctrl+Z does; over any other card it says u."""
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_review(pilot)
        for _ in range(len(collection.items)):
            buried = screen.shown.item
            await press(pilot, "b")
            said = toasts(app)[-1]
            if screen.shown.item.type == "typed":
                break
            assert said == "Buried until tomorrow (u undoes)."
        assert screen.shown.item.type == "typed", "the fixture deck has a typed card"
        assert said == "Buried until tomorrow (Ctrl+Z undoes)."
        await press(pilot, "ctrl+z")
        assert screen.shown.item.id == buried.id
        assert collection.store.schedule_row(buried.deck_id, buried.id).buried_until is None
