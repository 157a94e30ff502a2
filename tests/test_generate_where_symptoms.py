"""Coverage of enumerations a teacher asks and the eighth reading missed: where an enzyme is found
("found in various tissues ..., including A, B, and C"), a table cell's symptoms of a state, for
its column's people, and the bracketed examples of a drug's use ("some benign gynaecological
disorders (endometriosis, uterine fibroids and endometrial thinning)"). Each list is examples
("including", "e.g.", a bracket): two of the listed items are asked, graded item by item.

Invented text must give the card (prompt, items and quote checked); near misses give none.
"""

from __future__ import annotations

import pytest

from anastro_quiz.grading_lists import grade_items

from generated import generated_cards


LEAD = "Zorbicin, sold under the brand name Zorba, is an aromatase inhibitor used to treat breast cancer.\n\n"


def _cards(tmp_path, body: str, name: str = "zorbicin"):
    return generated_cards(tmp_path, f"# Zorbicin\n\n## Main\n\n{LEAD}{body}", f"{name}.md")


def _prompted(cards, prompt: str):
    return [c for c in cards if c.data.get("prompt") == prompt]


# --- where an enzyme is found --------------------------------------------------------------------


TARGET = ("## The target\n\nZorbicin is a nonsteroidal inhibitor used in breast cancer. To understand zorbicin, one "
          "must first appreciate the enzyme it targets: sulfatase. ")


def test_this_enzyme_named_after_a_colon_before_is_asked_where_it_is_found(tmp_path):
    cards = _cards(tmp_path, TARGET + "This enzyme is found in various tissues throughout the body, including fat "
                                      "cells, the adrenal glands, and the liver.\n")
    (card,) = _prompted(cards, "Name two tissues in which sulfatase is found.")
    assert card.data["items"] == ["fat cells", "adrenal glands", "liver"]
    assert card.data["need"] == 2
    assert card.source.quote.startswith("This enzyme is found in various tissues")
    assert grade_items("the liver and the adrenal glands", card.data["items"], card.data["need"]).correct
    assert not grade_items("liver", card.data["items"], card.data["need"]).correct


def test_a_named_enzyme_found_in_organs_is_asked_too(tmp_path):
    cards = _cards(tmp_path, "## Biology\n\nSulfatase is expressed in many organs, including the placenta, the "
                             "breast and the endometrium.\n")
    assert _prompted(cards, "Name two organs in which sulfatase is expressed.")


@pytest.mark.parametrize("body", [
    # "this enzyme" with no enzyme named before it
    "## Biology\n\nZorbicin is used in breast cancer every day by many patients. This enzyme is found in various "
    "tissues throughout the body, including fat cells, the adrenal glands, and the liver.\n",
    # two places are the whole of a short list: "including" says it is not
    "## Biology\n\nSulfatase is found in various tissues, including the placenta and the breast.\n",
])
def test_where_an_unnamed_thing_or_a_two_item_list_is_found_gives_no_card(tmp_path, body):
    cards = _cards(tmp_path, body)
    assert not [c for c in cards if " in which " in str(c.data.get("prompt", ""))]


# --- a table cell's symptoms ---------------------------------------------------------------------


TABLE = ("## Effects\n\nZorbicin acts differently in women and in men.\n\n"
         "| Domain | Considerations in Women (Oncological Use) | Considerations in Men (TRT Support) |\n|---|---|---|\n"
         "| Symptoms | Symptoms are related to estrogen deficiency: hot flashes, joint pain (arthralgia), vaginal "
         "dryness. | The goal is to avoid symptoms of low estradiol (e.g. low libido, poor mood, joint pain). |\n"
         "| Bone | Bone loss is accelerated. | Bone loss is rare when estradiol is kept. |\n")


def test_a_cell_listing_symptoms_of_a_state_asks_two_for_its_people(tmp_path):
    cards = _cards(tmp_path, TABLE)
    (women,) = _prompted(cards, "In women (oncological use), name two symptoms of estrogen deficiency.")
    assert women.data["items"] == ["hot flashes", "joint pain (arthralgia)", "vaginal dryness"]
    assert women.data["need"] == 2
    assert grade_items("arthralgia, hot flashes", women.data["items"], women.data["need"]).correct
    (men,) = _prompted(cards, "In men on TRT, name two symptoms of low estradiol.")
    assert men.data["items"] == ["low libido", "poor mood", "joint pain"]


def test_a_single_example_of_a_symptom_is_no_list(tmp_path):
    cards = _cards(tmp_path, TABLE.replace("(e.g. low libido, poor mood, joint pain)", "(e.g. low libido)"))
    assert not _prompted(cards, "In men on TRT, name two symptoms of low estradiol.")
    assert _prompted(cards, "In women (oncological use), name two symptoms of estrogen deficiency.")


# --- the bracketed examples of a use ------------------------------------------------------------


def test_the_bracketed_disorders_of_a_use_ask_two_of_them(tmp_path):
    cards = _cards(tmp_path, "## Medical uses\n\nZorbicin is used to treat hormone-sensitive cancers of the breast "
                             "and prostate, and some benign gynaecological disorders (endometriosis, uterine fibroids "
                             "and endometrial thinning).\n")
    (card,) = _prompted(cards, "Name two benign gynaecological disorders zorbicin is used to treat.")
    assert card.data["items"] == ["endometriosis", "uterine fibroids", "endometrial thinning"]
    assert card.data["need"] == 2
    assert grade_items("uterine fibroids and endometriosis", card.data["items"], card.data["need"]).correct


@pytest.mark.parametrize("sentence", [
    # another drug's uses
    "Veltozole is used to treat some benign gynaecological disorders (endometriosis, uterine fibroids and "
    "endometrial thinning).",
    # two items are no list to choose two of
    "Zorbicin is used to treat some benign gynaecological disorders (endometriosis and uterine fibroids).",
])
def test_bracketed_uses_of_another_drug_or_of_two_items_give_no_card(tmp_path, sentence):
    cards = _cards(tmp_path, f"## Medical uses\n\n{sentence}\n")
    assert not [c for c in cards if str(c.data.get("prompt", "")).startswith("Name two benign")]
