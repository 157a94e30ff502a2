"""Card info (i) in Review and in Cards: the history and memory state as the database has them."""

from __future__ import annotations

from textual.widgets import Static

from anastro_quiz.card_info import card_info
from anastro_quiz.scheduler import Rating
from anastro_quiz.tui.dialogs.card_info import CardInfoDialog
from anastro_quiz.tui.screens.browse import BrowseScreen

from .conftest import press, settle
from .test_tui_review import open_review


def _body(app) -> str:
    assert isinstance(app.screen, CardInfoDialog)
    return str(app.screen.query_one("#card-info-body", Static).render())


async def test_i_in_review_shows_the_history_of_the_card_on_screen(app, collection, clock):
    session = collection.start_session()
    session.grade(Rating.Good, duration_ms=4200)  # ai-class: to its 10-minute step
    session.finish()
    clock.advance(minutes=11)
    async with app.run_test(size=(100, 36)) as pilot:
        screen = await open_review(pilot)
        item = screen.shown.item
        assert item.id == "ai-class"
        await press(pilot, "i")
        body = _body(app)
        assert "What class of drug is anastrozole?" in body and "An aromatase inhibitor" not in body
        assert "State learning" in body and "1 reviews, 0 lapses" in body
        assert "Good" in body and "10m" in body and "4.2s" in body
        assert "stability 2.3 days" in body and "recall now 100%" in body
        await press(pilot, "escape")
        assert app.screen is screen


async def test_i_in_cards_matches_the_database(app, collection, clock):
    session = collection.start_session()
    session.grade(Rating.Easy, duration_ms=2000)
    session.finish()
    clock.advance(days=3)
    info = card_info(collection, "sample", "ai-class")
    assert info.state == "review" and [p.grade for p in info.history] == ["Easy"]
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, BrowseScreen)
        await press(pilot, "i")
        body = _body(app)
        assert "State review" in body and f"stability {info.stability:.1f} days" in body
        assert f"difficulty {info.difficulty:.1f} of 10" in body and f"recall now {info.recall_now:.0%}" in body
        assert "Easy" in body and "2.0s" in body and "003_f596ba227722da9a.txt" in body
