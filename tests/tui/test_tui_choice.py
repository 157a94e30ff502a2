"""Choice and true/false cards in Review: pick with 1-9 or a click, see right/wrong, grade."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from anastro_quiz.tui.screens.review import ReviewScreen

from .conftest import press
from .test_tui_review import open_review, reviews


async def _reach(pilot, card_type: str) -> ReviewScreen:
    screen = await open_review(pilot)
    while screen.shown.item.type != card_type:
        if screen.shown.item.type == "typed":  # the input has the keys: answer it instead of burying
            await pilot.press(*screen.shown.item.answer)
            await press(pilot, "enter", "enter")
        else:
            await press(pilot, "b")
    return screen


def verdict(screen: ReviewScreen) -> str:
    return str(screen.query_one("#verdict", Static).render())


async def test_picking_the_right_option_proposes_good(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _reach(pilot, "choice")
        assert not screen.revealed
        await press(pilot, "2")  # 7.2%, the answer: a pick, not a grade
        assert screen.revealed and reviews(collection) == []
        assert "✓ right" in verdict(screen) and "Proposed grade: Good" in verdict(screen)
        options = screen.query_one("#choices", OptionList)
        assert "✓" in str(options.get_option_at_index(1).prompt)
        await press(pilot, "enter")  # accept the proposal
        assert reviews(collection)[-1][:2] == ("atac-hip", 3)


async def test_a_wrong_pick_proposes_again_and_can_be_overridden(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _reach(pilot, "choice")
        await press(pilot, "1")  # 6.1%: wrong
        assert "✗ not right" in verdict(screen) and "you picked 1) 6.1%" in verdict(screen)
        assert "Proposed grade: Again" in verdict(screen)
        options = screen.query_one("#choices", OptionList)
        assert "✗" in str(options.get_option_at_index(0).prompt)
        assert "✓" in str(options.get_option_at_index(1).prompt)
        await press(pilot, "4")  # now a grade: override with Easy
        assert reviews(collection)[-1][:2] == ("atac-hip", 4)


async def test_an_option_number_out_of_range_does_nothing(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _reach(pilot, "true_false")
        before = len(reviews(collection))
        await press(pilot, "3")  # only two options
        assert not screen.revealed and len(reviews(collection)) == before


async def test_true_false_picked_with_the_mouse(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _reach(pilot, "true_false")
        await pilot.click("#choices", offset=(4, 1))  # the second option: False (wrong)
        await press(pilot)
        assert screen.revealed and "you picked 2) False" in verdict(screen)
        await pilot.click("#grade-3")  # a grade button, clicked
        await press(pilot)
        assert reviews(collection)[-1][1] == 3
