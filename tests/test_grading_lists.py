"""List answers ("Name three side effects of X"): items in any order, partial credit."""

from __future__ import annotations

import pytest

from anastro_quiz.decks import parse_deck
from anastro_quiz.answer_parts import split_items
from anastro_quiz.grading_lists import grade_items
from anastro_quiz.study_grading import grade_answer
from anastro_quiz.scheduler import Rating

ITEMS = ["hot flashes", "joint pain (arthralgia)", "nausea and vomiting"]


@pytest.mark.parametrize("given", [
    "hot flashes, joint pain, nausea and vomiting",
    "nausea and vomiting; hot flashes; arthralgia",
    "Joint pain\nHot flashes\nNausea, vomiting",
    "- nausea and vomiting\n- joint pain\n- hot flashes",
    "arthralgia and hot flashes and nausea and vomiting",
])
def test_all_items_in_any_order_and_any_separator_is_good(given):
    grade = grade_items(given, ITEMS)
    assert grade.correct and grade.exact, grade.note
    assert grade.suggested_rating == Rating.Good and grade.note == "3 of 3"


def test_two_of_three_is_hard_and_names_what_was_missing():
    grade = grade_items("hot flashes, joint pain", ITEMS)
    assert not grade.correct and grade.partial
    assert (grade.found, grade.needed) == (2, 3)
    assert grade.suggested_rating == Rating.Hard
    assert grade.note == "2 of 3; missing: nausea and vomiting"


def test_one_of_three_or_none_is_again():
    assert grade_items("hot flashes", ITEMS).suggested_rating == Rating.Again
    none = grade_items("headache, rash", ITEMS)
    assert none.found == 0 and not none.partial and none.suggested_rating == Rating.Again
    assert "not in the list: headache, rash" in none.note


def test_typos_are_forgiven_per_item_as_in_typed_grading():
    grade = grade_items("hot flashs, joint pian, nausea and vomiting", ITEMS)
    assert grade.correct and not grade.exact and grade.suggested_rating == Rating.Hard


def test_need_fewer_than_listed_any_of_them_count():
    items = ["stroke", "pulmonary embolism", "uterine cancer", "cataracts"]
    grade = grade_items("cataracts, stroke", items, need=2)
    assert grade.correct and grade.exact and grade.note == "2 of 2"
    short = grade_items("cataracts", items, need=2)
    assert short.partial and "also right: stroke, pulmonary embolism, uterine cancer" in short.note


def test_a_wrong_extra_item_makes_a_right_list_hard():
    grade = grade_items("hot flashes, joint pain, nausea and vomiting, headache", ITEMS)
    assert grade.correct and grade.suggested_rating == Rating.Hard and "headache" in grade.note


def test_the_same_item_twice_counts_once():
    grade = grade_items("hot flashes, hot flashes, hot flashes", ITEMS)
    assert grade.found == 1 and not grade.correct


def test_split_items():
    assert split_items("1. a\n2) b, c and d; e or f") == ["a", "b", "c", "d", "e", "f"]
    assert split_items("  ") == []


DECK = """
id: d
title: D
cards:
  - id: se
    type: typed
    prompt: Name three common side effects of tamoxifen.
    answer: irregular periods, weight loss, hot flashes
    items: [irregular periods, weight loss, hot flashes]
    need: 3
"""


def test_a_list_card_loads_and_grades_through_its_study_item():
    deck, problems = parse_deck(DECK)
    assert problems == []
    item = deck.items()[0]
    assert item.items == ("irregular periods", "weight loss", "hot flashes") and item.need == 3
    assert grade_answer("hot flashes, weight loss, irregular periods", item).exact
    assert grade_answer("hot flashes", item).note.startswith("1 of 3")
    assert item.to_dict()["items"] == list(item.items)


@pytest.mark.parametrize("extra,message", [
    ("    items: [a]\n", "at least two distinct items"),
    ("    items: [a, A]\n", "at least two distinct items"),
    ("    items: [a, b, a]\n", "duplicates"),
    ("    items: a, b\n", "'items' must be a list of text"),
    ("    items: [a, b]\n    need: 3\n", "'need' must be a whole number from 1 to 2"),
    ("    items: [a, b]\n    need: 0\n", "'need' must be a whole number from 1 to 2"),
    ("    need: 2\n", "'need' is only meaningful with 'items'"),
])
def test_bad_list_fields_are_reported_with_file_and_line(extra, message):
    text = "id: d\ntitle: D\ncards:\n  - id: x\n    type: typed\n    prompt: P?\n    answer: a, b\n" + extra
    _deck, problems = parse_deck(text, "deck.yaml")
    assert len(problems) == 1
    assert str(problems[0]).startswith("deck.yaml:4: x: ") and message in problems[0].message


def test_quiz_scores_a_list_answer_only_when_complete_and_says_how_far_it_got():
    import random

    from anastro_quiz.quiz import make_question

    deck, _ = parse_deck(DECK)
    item = deck.items()[0]
    question = make_question(item, [item], random.Random(0))
    assert question.kind == "typed"
    assert question.check("weight loss, hot flashes, irregular periods") == (True, "3 of 3")
    correct, note = question.check("weight loss, hot flashes")
    assert not correct and note == "2 of 3; missing: irregular periods"


SIDE_EFFECTS = ["gastrointestinal effects (nausea, vomiting, and loss of appetite)", "fatigue",
                "muscle and joint pain", "low blood counts (anemia)"]


def test_an_example_from_an_items_gloss_names_that_item():
    grade = grade_items("nausea, fatigue, anemia", SIDE_EFFECTS, need=3)
    assert grade.correct and grade.found == 3 and "not in the list" not in grade.note


def test_several_examples_of_one_item_count_once_and_are_not_extra():
    grade = grade_items("nausea, vomiting, loss of appetite", SIDE_EFFECTS, need=3)
    assert not grade.correct and grade.found == 1 and "not in the list" not in grade.note
    assert "gastrointestinal" not in grade.note  # found, so not among the other right items


def test_a_gloss_in_other_words_is_one_alternative_not_examples():
    items = ["hot flashes (sudden warmth and sweating)", "joint pain"]
    assert grade_items("sudden warmth and sweating, joint pain", items).correct
    assert not grade_items("sweating, joint pain", items).correct


GYNAECOLOGICAL = ["endometriosis", "uterine fibroids", "endometrial thinning"]


def test_an_item_named_by_its_telling_head_alone_counts_but_is_hard():
    grade = grade_items("fibroids, endometriosis", GYNAECOLOGICAL, 2)
    assert grade.correct and not grade.exact and grade.suggested_rating == Rating.Hard
    assert "taken as: fibroids = uterine fibroids" in grade.note
    # a head that names a kind, not one thing, is not enough ("thinning", "pain", "damage")
    assert not grade_items("thinning, fibroids", GYNAECOLOGICAL, 2).correct
    assert not grade_items("pain, hot flashes", ["joint pain (arthralgia)", "hot flashes"], 2).correct


def test_a_head_two_items_share_names_neither():
    grade = grade_items("cancer", ["breast cancer", "prostate cancer"], 1)
    assert not grade.correct and grade.found == 0


def test_an_item_with_a_qualifier_more_counts_but_a_negated_one_does_not():
    items = ["liver damage", "lung toxicity", "sensitivity to light"]
    grade = grade_items("serious liver damage, lung toxicity", items, 2)
    assert grade.correct and grade.suggested_rating == Rating.Hard
    assert "taken as: serious liver damage = liver damage" in grade.note
    assert not grade_items("no liver damage, lung toxicity", items, 2).correct
    assert not grade_items("liver damage from very long use at high doses, lung toxicity", items, 2).correct
