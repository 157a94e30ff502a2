"""Chains of steps in a quiz: asked "in which order?", never typed; a chain with nothing to set
against it is left out (a flashcard only), and the quiz says so. Invented cards."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from anastro_quiz.decks import StudyItem
from anastro_quiz.grading import normalize
from anastro_quiz.quiz import KINDS, Quiz, build_questions, flashcard_only, make_question

KETTLE = "Kettle switched on → water warms → steam rises → whistle sounds"


def chain(card_id: str, answer: str, prompt: str | None = None) -> StudyItem:
    return StudyItem("d", card_id, card_id, "basic", prompt or f"The {card_id}: what follows, step by step?",
                     answer, tags=("chain",))


def steps(text: str) -> list[str]:
    return [normalize(s) for s in text.split("→")]


@pytest.mark.parametrize("prefer", KINDS)
def test_a_chain_of_three_or_more_steps_is_asked_in_which_order(prefer):
    item = chain("kettle", KETTLE)
    for seed in range(20):
        question = make_question(item, [item], random.Random(seed), prefer=prefer)
        assert question.kind == "choice" and question.orders
        head, asks, *listed = question.prompt.split("\n")
        assert (head, asks) == (item.prompt, "In which order?")
        assert [line[:3] for line in listed] == ["A. ", "B. ", "C. ", "D. "]
        assert sorted(normalize(line[3:]) for line in listed) == sorted(steps(KETTLE))
        assert all(line[3].isupper() for line in listed)  # a capital does not tell which step is first
        assert len(question.options) == 4 and len({normalize(o) for o in question.options}) == 4
        assert [question.check(o)[0] for o in question.options].count(True) == 1
        assert steps(question.answer) == steps(KETTLE)  # the right option keeps the card's order
        for option in question.options:
            assert sorted(steps(option)) == sorted(steps(KETTLE))  # the same steps, reordered
            shown = question.shown(option)  # offered in letters: "B → A → D → C"
            assert sorted(shown.split(" → ")) == ["A", "B", "C", "D"]
        # spelled out in the listed letters, the right option names the steps in the card's order
        named = {line[:1]: normalize(line[3:]) for line in listed}
        assert [named[x] for x in question.shown(question.answer).split(" → ")] == steps(KETTLE)


def test_neither_the_listing_nor_the_options_point_to_the_right_order():
    """Over many quizzes the right order is listed as often as any other order, and offered
    in each of the four places; a near-miss-only set would make it the one next to all."""
    item = chain("pump", "Pump starts → valve opens → tank fills")
    listed_right = 0
    places = [0, 0, 0, 0]
    for seed in range(600):
        question = make_question(item, [item], random.Random(seed))
        listed_right += question.shown(question.answer) == "A → B → C"
        places[question.options.index(question.answer)] += 1
    assert 50 <= listed_right <= 150  # 1 in 6 of 600 is 100
    assert all(100 <= p <= 200 for p in places)  # 1 in 4 of 600 is 150


def test_an_acronym_keeps_its_capitals_wherever_its_step_falls():
    item = chain("pump", "Pump starts → TSH rises → valve opens")
    question = make_question(item, [item], random.Random(3))
    assert all("TSH rises" in option for option in question.options)
    assert "TSH rises" in question.prompt


def test_steps_that_repeat_one_another_are_not_asked_by_order():
    item = chain("loop", "Pressure rises → valve opens → pressure rises")
    question = make_question(item, [item], random.Random(0))
    assert question is None or not question.orders


def test_a_two_step_chain_is_never_asked_typed():
    short = chain("bell", "Bell rings → dogs bark")
    others = [chain("lamp", "Lamp dims → moths leave", "When the lamp in the hall dims, what happens?"),
              chain("drum", "Drum beats → crowd dances", "What does a drum beat at a festival set off?"),
              chain("horn", "Horn blows → ships turn", "A harbour horn blows: what then?")]
    kinds = {make_question(short, [short, *others], random.Random(seed), prefer=prefer).kind
             for seed in range(10) for prefer in KINDS}
    assert kinds == {"choice", "true_false"}


def test_a_chain_with_nothing_to_set_against_it_is_a_flashcard_only():
    bell = chain("bell", "Bell rings → dogs bark")
    plain = StudyItem("d", "color", "color", "basic", "What colour is the sky on a clear day?", "Blue")
    assert make_question(bell, [bell, plain], random.Random(0)) is None
    assert flashcard_only([bell, plain], [bell, plain]) == [bell]
    questions = build_questions([bell, plain], 5, random.Random(0))
    assert [q.item.card_id for q in questions] == ["color"]


DECK = """\
id: chains
title: Invented chains
cards:
  - id: bell
    type: basic
    prompt: "The bell: what follows?"
    answer: Bell rings → dogs bark
    tags: [chain]
  - id: sky
    type: basic
    prompt: What colour is a clear sky?
    answer: Blue
"""
# In a deck of its own: a chain of another deck is no option for the bell's.
KETTLE_DECK = """\
id: kettle
title: Invented kettle
cards:
  - id: kettle
    type: basic
    prompt: "The kettle: what follows, step by step?"
    answer: Kettle switched on → water warms → steam rises → whistle sounds
    tags: [chain]
"""


def test_a_short_quiz_says_which_cards_are_flashcards_only(tmp_path: Path, clock):
    from anastro_quiz.collection import Collection

    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "chains.yaml").write_text(DECK, encoding="utf-8")
    (decks / "kettle.yaml").write_text(KETTLE_DECK, encoding="utf-8")
    collection = Collection.open(tmp_path / "progress.db", [decks], clock=clock)
    try:
        quiz = Quiz.create(collection, None, 10, rng=random.Random(1))
        assert sorted(q.item.card_id for q in quiz.questions) == ["kettle", "sky"]
        assert quiz.shortfall_note() == "2 questions (only 3 cards in these decks, 1 of them a flashcard only; " \
                                        "you asked for 10)"
        with pytest.raises(ValueError, match="flashcards only"):
            Quiz.create(collection, None, 3, keys=[("chains", "bell")])
    finally:
        collection.close()
