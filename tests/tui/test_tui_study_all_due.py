"""Home's "Study all due" (a) offers only cards already studied; new cards start per deck."""

from __future__ import annotations

from anastro_quiz.scheduler import Rating
from anastro_quiz.tui.screens.home import HomeScreen
from anastro_quiz.tui.screens.review import ReviewScreen
from anastro_quiz.session import Remaining

from .conftest import press, settle


async def test_study_all_due_with_nothing_due_starts_no_new_cards(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, HomeScreen)  # 8 new cards, none due: no session
        assert any("Nothing due right now" in n.message for n in app._notifications)
    assert collection.start_session().remaining.new > 0  # the new cards are still there


async def test_study_all_due_offers_the_due_cards_only(app, collection, clock):
    session = collection.start_session()
    studied = []
    for _ in range(2):
        studied.append(session.current.key)
        session.grade(Rating.Easy, 2000)
    session.finish()
    clock.advance(days=60)  # both reviews are due now
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.session.remaining == Remaining(new=0, learning=0, review=2)
        assert sorted(i.key for i in screen.session.queued_items()) == sorted(studied)
        await press(pilot, "q")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "enter")  # a deck's own session still starts its new cards
        assert isinstance(app.screen, ReviewScreen) and app.screen.session.remaining.new > 0


async def test_a_deck_with_every_card_buried_shows_none_new_and_leaves_no_session(app, collection):
    """Buried cards are not counted as new on Home, and Enter on such a deck says there is
    nothing to study without leaving an empty session row behind."""
    from textual.widgets import DataTable

    for item in collection.decks["sample"].items():
        collection.set_buried(item, True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert str(app.screen.query_one("#decks", DataTable).get_row_at(0)[1]) == "0"  # New
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        assert any("Nothing to study right now" in n.message for n in app._notifications)
    assert collection.store.sessions() == []
