"""A chain of steps in a quiz, as a person meets it: the setup says chains are asked "in which
order?" and how many of the ticked cards are left out as flashcards only; the quiz asks the chain
as a choice of orders, picked with a number. Invented decks."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, SelectionList, Static

from anastro_quiz.tui.dialogs.quiz_setup import QuizSetupDialog
from anastro_quiz.tui.screens.quiz import QuizScreen

from test_quiz_chains import DECK, KETTLE_DECK
from .conftest import home_loaded, press


@pytest.fixture
def chain_app(tmp_path, clock):
    from anastro_quiz.collection import Collection
    from anastro_quiz.tui.app import make_app

    decks = tmp_path / "chain-decks"
    decks.mkdir()
    (decks / "chains.yaml").write_text(DECK, encoding="utf-8")
    (decks / "kettle.yaml").write_text(KETTLE_DECK, encoding="utf-8")
    collection = Collection.open(tmp_path / "chains.db", [decks], clock=clock)
    yield make_app(collection)
    collection.close()


KETTLE_STEPS = ["kettle switched on", "water warms", "steam rises", "whistle sounds"]


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_setup_says_how_chains_are_asked_and_the_quiz_asks_their_order(chain_app):
    app = chain_app
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await press(pilot, "t")
        dialog = app.screen
        assert isinstance(dialog, QuizSetupDialog)
        assert text(dialog, "#quiz-asks") == 'Asks: choose one, true/false, typed; chains: "in which order?"'
        decks = dialog.query_one("#quiz-decks", SelectionList)
        assert decks.selected == ["chains"]  # the highlighted deck: its two-step chain has nothing to set against it
        assert text(dialog, "#quiz-ticked") == "Ticked: 1 of 2 decks · every topic · 1 card left out (flashcard only)"
        await press(pilot, "down", "space")  # tick the kettle deck too
        assert text(dialog, "#quiz-ticked").startswith("Ticked: 2 of 2 decks")
        assert dialog.query_one("#quiz-asks").region.area  # in sight at 80x24
        await press(pilot, "ctrl+s")
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert "1 of them a flashcard only" in text(screen, "#quiz-note")
        seen_order = False
        while isinstance(app.screen, QuizScreen):
            prompt = text(screen, "#quiz-prompt")
            question = screen.quiz.current
            if "kettle" in prompt:
                seen_order = True
                assert prompt.startswith("choose the right order")
                listed = prompt.split("In which order?\n")[1].split("\n")
                assert sorted(line[3:].lower() for line in listed) == sorted(KETTLE_STEPS)
                assert not screen.query_one("#quiz-typed").display
                options = screen.query_one("#quiz-options", OptionList)
                shown = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
                assert len(shown) == 4 and all(sorted(o[3:].split(" → ")) == ["A", "B", "C", "D"] for o in shown)
                letter = {line[3:].lower(): line[0] for line in listed}
                right = " → ".join(letter[step] for step in KETTLE_STEPS)
                wrong = next(o for o in shown if not o.endswith(right))
                await press(pilot, wrong[0])  # its number
                feedback = text(screen, "#quiz-feedback")
                assert feedback.startswith(f"✗ Not right · you answered: {wrong[3:]}\nAnswer: {right}: Kettle switched on")
            elif question.kind == "typed":
                await pilot.press(*"blue")
                await press(pilot, "enter")
            else:
                await press(pilot, "1")
            await press(pilot, "enter")
        assert seen_order
