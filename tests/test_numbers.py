"""One table of number words serves the grader, the dose reader, choice options and the generator."""

from __future__ import annotations

import pytest

from anastro_quiz import doses
from anastro_quiz.grading import grade_typed
from anastro_quiz.numbers import NUMBER_WORDS, spelled


def test_spelled_picks_words_in_order_and_refuses_unknown_values():
    assert spelled(12, 3, 1) == {"one": 1, "three": 3, "twelve": 12}
    assert list(spelled(*range(1, 11), 12)) == ["one", "two", "three", "four", "five", "six", "seven",
                                                "eight", "nine", "ten", "twelve"]
    with pytest.raises(ValueError, match="13000"):
        spelled(13000)


def test_every_reader_agrees_on_a_word_value():
    assert doses.number_value("Twelve") == NUMBER_WORDS["twelve"] == 12
    assert grade_typed("twenty years", "20 years").exact
    assert doses.per_week("thrice a week") == 3 and doses.per_week("two times per week") == 2
