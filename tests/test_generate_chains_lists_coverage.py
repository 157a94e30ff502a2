"""Coverage the ninth reading asked for: a mechanism told as "binds to ... thus leading to A and
thus leading to B" (with the "Eventually, ..." sentence after it) as one chain card, and the most
common side effects of a long list asked as "Name two" (any two of the listed items, and of the
article's second list of the same side effects).

Invented text must give the card (prompt, answer or items, quote checked); near misses give none.
"""

from __future__ import annotations

import pytest

from anastro_quiz.generate.pipeline import generate
from anastro_quiz.grading import grade_items


def _cards(tmp_path, body: str):
    path = tmp_path / "zorelin.md"
    path.write_text(f"# Zorelin\n\n## Main\n\nZorelin, sold under the brand name Zora, is a GnRH agonist used to "
                    f"treat prostate cancer.\n\n{body}", encoding="utf-8")
    return [c for deck in generate([path]).decks for c in deck.cards]


def _prompted(cards, prompt: str):
    return [c for c in cards if c.data.get("prompt") == prompt]


BINDS = ("It rapidly binds to the GnRH receptor cells in the pituitary gland thus leading to an initial increase "
         "in production of luteinizing hormone and thus leading to an initial increase in the production of "
         "testosterone.")


def test_binding_thus_leading_to_two_effects_and_eventually_a_third_is_one_chain(tmp_path):
    cards = _cards(tmp_path, "## Pharmacology\n\nZorelin is a synthetic peptide given by injection. Peak serum "
                             f"concentrations are reached in about two hours. {BINDS} This initial flare may be "
                             "treated with an antiandrogen. Eventually, after about 14–21 days, production of LH is "
                             "greatly reduced due to receptor downregulation, and testosterone is reduced to castrate "
                             "levels.\n")
    (card,) = _prompted(cards, "Zorelin binds to the GnRH receptor cells in the pituitary gland: what follows, "
                               "step by step?")
    assert card.data["answer"].split(" → ") == [
        "An initial increase in production of luteinizing hormone", "an initial increase in the production of "
        "testosterone", "after about 14–21 days: receptor downregulation", "production of LH is greatly reduced",
        "testosterone is reduced to castrate levels"]
    assert card.source.quote == BINDS
    assert card.data["explanation"].startswith("Eventually, after about 14–21 days")


def test_the_chain_stops_where_the_paragraph_tells_no_later_course(tmp_path):
    cards = _cards(tmp_path, f"## Pharmacology\n\nZorelin is a synthetic peptide given by injection. {BINDS}\n")
    (card,) = [c for c in cards if c.data.get("prompt", "").endswith("what follows, step by step?")]
    assert card.data["answer"].count(" → ") == 1


@pytest.mark.parametrize("body", [
    # "It" in a paragraph that opens with another drug: whose binding?
    f"## Pharmacology\n\nLeuprorelin is a related peptide given by injection. Peak serum concentrations are "
    f"reached in about two hours. {BINDS}\n",
    # one effect only: a link, not a chain
    "## Pharmacology\n\nZorelin rapidly binds to the GnRH receptor cells in the pituitary gland thus leading to an "
    "initial increase in production of luteinizing hormone.\n",
])
def test_no_chain_without_the_drug_or_without_two_effects(tmp_path, body):
    cards = _cards(tmp_path, body)
    assert not [c for c in cards if c.data.get("prompt", "").endswith("what follows, step by step?")]


def test_six_most_common_adverse_reactions_ask_any_two(tmp_path):
    cards = _cards(tmp_path, "## Adverse effects\n\nThe most common adverse reactions (incidence 30% or more) were "
                             "stomatitis, infections, diarrhea, peripheral edema, fatigue and rash.\n")
    (card,) = _prompted(cards, "Name two of the most common adverse reactions of zorelin.")
    assert card.data["items"] == ["stomatitis", "infections", "diarrhea", "peripheral edema", "fatigue", "rash"]
    assert card.data["need"] == 2
    assert grade_items("rash and stomatitis", card.data["items"], card.data["need"]).correct
    assert not grade_items("rash", card.data["items"], card.data["need"]).correct


def test_an_example_inside_a_listed_effect_is_accepted_for_it(tmp_path):
    cards = _cards(tmp_path, "## Adverse effects\n\nThe most common side effects seen in trials were "
                             "diarrhea, nausea, leukopenia including neutropenia, anemia, stomach pain, fatigue and "
                             "headache.\n")
    (card,) = _prompted(cards, "Name two of the most common side effects of zorelin.")
    assert "leukopenia (neutropenia)" in card.data["items"]
    assert grade_items("neutropenia, diarrhea", card.data["items"], card.data["need"]).correct


def test_the_lead_list_and_a_later_list_of_common_side_effects_make_one_key(tmp_path):
    cards = _cards(tmp_path, "Common side effects include fever, infection, cough, headache, trouble sleeping, and "
                             "rash.\n\n## Adverse effects\n\nSome of the common side effects of zorelin are flu-like "
                             "symptoms (such as chills and mild pain), nausea and diarrhea.\n")
    (card,) = [c for c in cards if c.data.get("prompt", "").startswith("Name ") and "side effects" in c.data["prompt"]]
    assert card.data["prompt"] == "Name two common side effects of zorelin."
    assert card.data["items"][:6] == ["fever", "infection", "cough", "headache", "trouble sleeping", "rash"]
    assert {"nausea", "diarrhea"} <= set(card.data["items"])
    assert card.data["explanation"].startswith("Some of the common side effects of zorelin are")
    assert grade_items("nausea and cough", card.data["items"], card.data["need"]).correct


def test_six_side_effects_not_called_common_ask_no_two(tmp_path):
    cards = _cards(tmp_path, "## Adverse effects\n\nSide effects include fever, infection, cough, headache, "
                             "insomnia, and rash.\n")
    assert not [c for c in cards if c.data.get("prompt", "").startswith("Name two")]
