"""Home and Review flows: study to the end, undo, bury, suspend, typed answers."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from anastro_quiz.tui.screens.home import HomeScreen
from anastro_quiz.tui.screens.review import ReviewScreen
from anastro_quiz.tui.screens.summary import SummaryScreen

from .conftest import press, settle

ITEMS_IN_FIXTURE = 8  # basic 1, reverse 2, cloze 2, choice 1, typed 1, true/false 1


def reviews(collection) -> list[tuple]:
    """``(card_id, rating, duration_ms, undone)`` of every review recorded, in order."""
    return [(r["card_id"], r["rating"], r["duration_ms"], r["undone"]) for r in collection.store.review_records()]


async def open_review(pilot):
    await settle(pilot)
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def answer_and_grade(pilot, key: str = "4") -> None:
    screen = pilot.app.screen
    if screen.shown.item.type == "typed":
        await pilot.press(*screen.shown.item.answer)
        await press(pilot, "enter")
    else:
        await press(pilot, "space")
    await press(pilot, key)


async def test_home_lists_decks_with_counts(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#decks", DataTable)
        assert table.row_count == 1
        title, new, learn, due, _mastery = table.get_row_at(0)
        # A session offers 6 of the 8 new items today: siblings (reverse side, second cloze) wait.
        assert (str(title), str(new), str(learn), str(due)) == ("Sample deck (every card type)", str(ITEMS_IN_FIXTURE - 2), "0", "0")
        assert "6 new" in str(app.screen.query_one("#today", Static).render())


async def test_study_a_deck_to_the_end(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        seen = []
        while isinstance(app.screen, ReviewScreen):
            seen.append(screen.shown.item.id)
            await answer_and_grade(pilot, "4")  # Easy graduates each new card at once
        # The reverse side and the second cloze wait for tomorrow: siblings are kept apart.
        assert len(seen) == ITEMS_IN_FIXTURE - 2
        assert "osteoclast-def.reverse" not in seen and "rankl-mcsf.c2" not in seen
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.data.summary.reviewed == ITEMS_IN_FIXTURE - 2
        body = str(app.screen.query_one("#summary-body", Static).render())
        assert "Cards reviewed  6" in body and "Recall rate     100%" in body
        rows = reviews(collection)
        assert [r[0] for r in rows] == seen and {r[1] for r in rows} == {4}
        assert all(r[2] is not None and r[2] >= 0 for r in rows)  # per-card time recorded
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        assert str(app.screen.query_one("#decks", DataTable).get_row_at(0)[1]) == "0"


async def test_grade_buttons_show_intervals(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "space")
        labels = [str(b.label) for b in screen.query("GradeBar Button")]
        assert labels[0] == "1 Again · 1m" and labels[2] == "3 Good · 10m"


async def test_undo_brings_the_card_back(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        first = screen.shown.item.id
        await answer_and_grade(pilot, "3")
        assert screen.shown.item.id != first
        await press(pilot, "u")
        assert screen.shown.item.id == first and not screen.revealed
        assert reviews(collection) == [(first, 3, reviews(collection)[0][2], 1)]
        await answer_and_grade(pilot, "1")
        assert [(r[0], r[1], r[3]) for r in reviews(collection)] == [(first, 3, 1), (first, 1, 0)]


async def test_bury_and_suspend_take_the_card_out(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        buried = screen.shown.item
        await press(pilot, "b")
        suspended = screen.shown.item
        assert suspended.id != buried.id
        await press(pilot, "s")
        assert screen.shown.item.id not in (buried.id, suspended.id)
        store = collection.store
        assert store.schedule_row(buried.deck_id, buried.id).buried_until is not None
        assert store.schedule_row(suspended.deck_id, suspended.id).suspended
        assert reviews(collection) == []  # neither counts as a review
        await press(pilot, "q")  # nothing graded: straight back home
        assert isinstance(app.screen, HomeScreen)
        # Home offers what a session would: not the suspended card, not the buried one, one side
        # of the reverse card and one cloze (siblings wait for another day).
        assert str(app.screen.query_one("#decks", DataTable).get_row_at(0)[1]) == "5"


async def _reach_typed_card(pilot) -> ReviewScreen:
    screen = await open_review(pilot)
    while screen.shown.item.type != "typed":
        await press(pilot, "b")
    assert pilot.app.focused is screen.query_one("#typed", Input)
    return screen


async def test_typed_answer_right_proposes_good(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _reach_typed_card(pilot)
        await pilot.press(*"6.1 percent")
        await press(pilot, "enter")
        verdict = str(screen.query_one("#verdict", Static).render())
        assert "✓ correct" in verdict and "Proposed grade: Good" in verdict
        await press(pilot, "enter")  # accept the proposal
        assert reviews(collection)[-1][:2] == ("atac-spine", 3)


async def test_typed_minus_for_a_fall_is_correct_and_said_once(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _reach_typed_card(pilot)
        screen.query_one("#typed", Input).value = "\u22126.1 per cent"  # the question asks how far it fell
        await press(pilot, "enter")
        verdict = str(screen.query_one("#verdict", Static).render())
        assert "✓ correct" in verdict and "Proposed grade: Good" in verdict
        assert verdict.count("correct") == 1  # not "✓ correct" and then "correct" again


async def test_typed_answer_wrong_shows_difference_and_can_be_overridden(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _reach_typed_card(pilot)
        await pilot.press(*"7.1%")
        await press(pilot, "enter")
        verdict = str(screen.query_one("#verdict", Static).render())
        assert "✗ not right" in verdict and "number differs: 7.1 vs 6.1" in verdict
        assert "Proposed grade: Again" in verdict
        assert "6.1%" in str(screen.query_one("#answer", Static).render())
        await press(pilot, "2")  # override the proposed Again
        assert reviews(collection)[-1][:2] == ("atac-spine", 2)


async def test_source_dialog_highlights_the_quote(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await press(pilot, "space", "o")
        paragraph = str(pilot.app.screen.query_one("#source-paragraph", Static).render())
        assert "It is an aromatase inhibitor." in paragraph
        await press(pilot, "escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_a_revealed_cloze_shows_the_completed_sentence(app, collection):
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_review(pilot)
        while screen.shown.item.type != "cloze":
            await press(pilot, "minus")  # bury until the cloze card
        item = screen.shown.item
        await press(pilot, "space")
        shown = str(screen.query_one("#answer", Static).render())
        assert "".join(item.completed) in " ".join(shown.split())  # the whole sentence, filled in
        assert "[...]" not in shown and item.answer in shown


async def test_the_first_typed_answer_never_waits_for_the_units_to_load(app, collection, monkeypatch):
    """pint's units (about half a second) load in a worker once a study session is on the
    screen (not behind Home, whose counts they would hold up), not at the first answer."""
    import pint

    from anastro_quiz import quantities

    monkeypatch.setattr(quantities, "_units", None)  # as in a fresh process
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert quantities._units is None  # not loaded behind Home
        screen = await _reach_typed_card(pilot)
        await settle(pilot)
        assert quantities._units is not None  # loaded before anything was typed

        def no_load_now(*args, **kwargs):
            raise AssertionError("pint loaded while grading an answer")

        monkeypatch.setattr(pint, "UnitRegistry", no_load_now)
        await pilot.press(*"6.1 percent")  # 'percent' for '%': a unit compared through pint
        await press(pilot, "enter")
        assert "✓ correct" in str(screen.query_one("#verdict", Static).render())
