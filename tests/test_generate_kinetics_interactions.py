"""Coverage of pharmacokinetic facts a teacher asks (the eighth reading's list of what no card
asked): a drug's elimination half-life however the sentence frames it ("has a long elimination
half-life of typically 5 to 7 days, with a range of 4 to 11 days", "Its elimination half-life is
18.3 hours on average").

Each shape has invented text that must give the card (answer and quoted line checked) and near
misses that must give none.
"""

from __future__ import annotations

import pytest

from anastro_quiz.generate.figures import compact_question
from anastro_quiz.generate.pipeline import generate
from anastro_quiz.grading import grade_typed

LEAD = "Veltozole, sold under the brand name Veltix, is an aromatase inhibitor used to treat breast cancer.\n\n"


def _cards(tmp_path, body: str, name: str = "Veltozole"):
    path = tmp_path / f"{name}.md"
    path.write_text(f"# {name}\n\n## Main\n\n{LEAD}{body}", encoding="utf-8")
    return [c for deck in generate([path]).decks for c in deck.cards]


def _asked(cards, prompt: str):
    return [c for c in cards if c.data.get("prompt") == prompt]


# --- half-life -----------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, figure, question", [
    ("Veltozole has a long elimination half-life of typically 5 to 7 days, with a range of 4 to 11 days.",
     "5 to 7 days", "Veltozole: elimination half-life?"),
    ("Veltozole has a long elimination half-life of 5.8 days on average, with a range of 2.8 to 10.2 days.",
     "5.8 days", "Veltozole: elimination half-life?"),
    ("The elimination half-life of veltozole is 30 hours on average.", "30 hours", "Veltozole: elimination half-life?"),
    # the spread is not the figure to recall
    ("Veltozole has a long elimination half-life of 5.8 days on average, with a range of 2.8 to 10.2 days.",
     "2.8 to 10.2 days", None),
    # a figure in the middle of its sentence is not the sentence's point
    ("Veltozole has a long elimination half-life of 5.8 days and a large volume of distribution.", "5.8 days", None),
])
def test_a_half_life_with_its_spread_is_asked_as_the_typical_figure(sentence, figure, question):
    at = sentence.index(figure)
    assert compact_question(sentence, at, at + len(figure)) == question


def test_its_half_life_is_asked_with_the_name_the_sentence_before_gives():
    sentence = "Its elimination half-life is 18.3 hours on average."
    at = sentence.index("18.3 hours")
    assert compact_question(sentence, at, at + 10, owner="Veltozole") == "Veltozole: elimination half-life?"
    assert compact_question(sentence, at, at + 10) is None  # whose, unknown: no compact question


def test_a_half_life_after_a_named_sentence_becomes_a_card_that_accepts_a_dash(tmp_path):
    cards = _cards(tmp_path, "## Pharmacokinetics\n\nVeltozole is excreted mainly via the feces (81%) and to a small "
                             "extent via the urine (3%). Its elimination half-life is 18.3 hours on average.\n\n"
                             "Zorbicin has a long elimination half-life of typically 5 to 7 days, with a range of 4 "
                             "to 11 days.\n")
    (mine,) = _asked(cards, "Veltozole: elimination half-life?")
    assert mine.data["answer"] == "18.3 hours"
    assert mine.data["source"]["quote"] == "Its elimination half-life is 18.3 hours on average."
    (other,) = _asked(cards, "Zorbicin: elimination half-life?")
    assert other.data["answer"] == "5 to 7 days"
    assert grade_typed("5-7 days", other.data["answer"], other.data.get("accept", ())).correct
    assert not grade_typed("4 to 11 days", other.data["answer"], other.data.get("accept", ())).correct


def test_its_half_life_after_an_unnamed_sentence_is_not_asked_compactly(tmp_path):
    cards = _cards(tmp_path, "## Pharmacokinetics\n\nHowever, the medication is excreted mainly via the feces (81%). "
                             "Its elimination half-life is 18.3 hours on average.\n")
    assert not _asked(cards, "However: elimination half-life?")
    assert not any(str(c.data.get("prompt", "")).startswith("The:") for c in cards)
