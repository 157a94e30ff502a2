"""Review of a list card ("Name three ..."): partial credit shows as "2 of 3" and proposes Hard."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from anastro_quiz.tui.screens.review import ReviewScreen

from .conftest import press, settle

DECK = """id: side-effects
title: Side effects
cards:
  - id: tam-se
    type: typed
    prompt: Name three common side effects of tamoxifen.
    answer: irregular periods, weight loss, hot flashes
    items: [irregular periods, weight loss, hot flashes]
    need: 3
"""


@pytest.fixture
def list_app(tmp_path, clock):
    from anastro_quiz.collection import Collection
    from anastro_quiz.tui.app import make_app

    decks = tmp_path / "list-decks"
    decks.mkdir()
    (decks / "side-effects.yaml").write_text(DECK, encoding="utf-8")
    coll = Collection.open(tmp_path / "list.db", [decks], clock=clock)
    yield make_app(coll), coll
    coll.close()


async def test_two_of_three_items_shows_partial_credit_and_proposes_hard(list_app):
    app, coll = list_app
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert "separated by commas" in screen.query_one("#typed", Input).placeholder
        await pilot.press(*"hot flashes and weight loss")
        await press(pilot, "enter")
        verdict = str(screen.query_one("#verdict", Static).render())
        assert "2 of 3" in verdict and "missing: irregular periods" in verdict
        assert "Proposed grade: Hard" in verdict
        await press(pilot, "enter")  # accept the proposal
        assert [r["rating"] for r in coll.store.review_records()] == [2]
