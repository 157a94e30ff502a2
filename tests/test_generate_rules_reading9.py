"""Rules from the cards the eighth and ninth readings both read WEAK: a result question names what
the result is about, a course of treatment carries its setting, a use asked more narrowly elsewhere
is not asked bare, and no card asks a contrast's definition, a directionless "by regulating", more
of what active cells do, or a blank praised as "a fundamental mechanism". Invented text only."""

from __future__ import annotations

import pytest

from anastro_quiz.generate.reading_weights import (directionless_means, more_of_the_same, praised_blank,
                                                   restates_contrast)
from anastro_quiz.generate.teacher_clinical import result_question
from anastro_quiz.generate.teacher_profile import course_setting

from generated import generated_cards


def _prompts(cards) -> list[str]:
    return [str(c.data.get("prompt") or c.data.get("text") or c.data.get("statement")) for c in cards]


@pytest.mark.parametrize("effect, asked", [
    ("A net loss of bone mineral density", "what happens to bone mineral density?"),
    ("An increase in serum triglycerides", "what happens to serum triglycerides?"),
    ("Severe hot flashes", "what is the result?"),  # not a change of one measure: the question stays open
    (None, "what is the result?"),
])
def test_a_result_question_names_the_measure_that_changes(effect, asked):
    assert result_question(effect) == asked


def test_a_rule_of_practice_asks_what_happens_to_the_measure(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an aromatase inhibitor used to treat breast cancer.\n\n"
                   "## Bone\n\nIf zorbicin dosing is too aggressive and estradiol levels fall below a critical "
                   "threshold, the increased bone resorption is left unchecked, resulting in a net loss of bone mineral "
                   "density.\n")
    # (with "the increased bone resorption will overwhelm any anabolic effect" as the cause, the card asks
    # why instead: tests/test_generate_rules_bundled10.py)
    asked = [c for c in cards if "too aggressive" in str(c.data.get("prompt")) and c.id.startswith("action-")]
    assert asked and asked[0].data["prompt"].endswith("what happens to bone mineral density?")
    assert asked[0].data["answer"] == "A net loss of bone mineral density"


@pytest.mark.parametrize("before, setting", [
    ("The optimal duration of add-on zorbicin treatment after surgery for early breast cancer is unknown.",
     ("After surgery for early breast cancer", "add-on ")),
    ("The best length of adjuvant therapy with zorbicin is debated.", ("", "adjuvant ")),
    ("Zorbicin was first approved in 1998.", ("", "")),
])
def test_the_setting_of_a_course_comes_from_the_sentence_before(before, setting):
    assert course_setting(before) == setting


def test_a_course_of_treatment_is_asked_in_its_setting(tmp_path):
    lead = "# Zorbicin\n\nZorbicin is a monoclonal antibody used to treat breast cancer.\n\n## Duration\n\n"
    course = "One year of treatment is generally accepted based on trials that showed one-year treatment superior.\n"
    set_ = generated_cards(tmp_path, lead + "The optimal duration of add-on zorbicin treatment after surgery for early "
                  "breast cancer is unknown. " + course)
    bare = generated_cards(tmp_path, lead + "Zorbicin was studied in many trials over a decade. " + course, "other.md")
    assert "After surgery for early breast cancer, what length of add-on zorbicin treatment is generally " \
           "accepted?" in _prompts(set_)
    assert "What length of zorbicin treatment is generally accepted?" in _prompts(bare)


def test_a_use_too_long_to_key_puts_its_people_in_the_prompt_and_the_broad_use_goes(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is a selective estrogen receptor modulator used to prevent "
                   "breast cancer in women and men.\n\n## Medical uses\n\nZorbicin is used for the treatment of both "
                   "early and advanced estrogen receptor-positive (ER+) breast cancer in pre- and postmenopausal "
                   "women.\n")
    prompts = _prompts(cards)
    assert "In pre- and postmenopausal women, what is zorbicin used to treat?" in prompts
    assert "What is zorbicin used to prevent?" not in prompts
    alone = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is a selective estrogen receptor modulator used to prevent "
                   "breast cancer in women and men.\n\n## Medical uses\n\nZorbicin is used for the treatment of "
                   "gynecomastia in men.\n", "alone.md")
    assert "What is zorbicin used to prevent?" in _prompts(alone)  # no narrower card on that disease


@pytest.mark.parametrize("prompt, answer, circular", [
    ("Why is zorbicin cytostatic rather than cytocidal?", "It stops cells dividing but does not cause cell death",
     True),
    ("Why is zorbicin cytostatic rather than cytocidal?", "It arrests cells in the G0 and G1 phases", False),
    ("Why does zorbicin stop cell division?", "It blocks the receptor but does not kill the cell", False),
])
def test_a_why_answered_by_the_contrasts_definitions(prompt, answer, circular):
    assert restates_contrast(prompt, answer) is circular


@pytest.mark.parametrize("answer, vague", [
    ("By regulating mTORC1 activity", True),
    ("By modulating the pathway", True),
    ("By inhibiting mTORC1 activity", False),
    ("By regulating mTORC1 activity through the Rheb switch", False),
])
def test_a_means_that_says_no_direction(answer, vague):
    assert directionless_means(answer) is vague


def test_no_card_asks_a_means_without_its_direction(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an mTOR inhibitor used to treat kidney cancer.\n\n"
                   "## Mechanism\n\nThe genes ZX1 and ZX2, involved in a rare syndrome, act as tumor suppressor "
                   "genes by regulating mTORC1 activity.\n"
                   "The genes ZY1 and ZY2, involved in another syndrome, act as tumor suppressor genes by "
                   "inhibiting Rheb signalling.\n")
    prompts = " | ".join(_prompts(cards))
    assert "ZX1" not in prompts
    assert "ZY1" in prompts


@pytest.mark.parametrize("prompt, answer, same", [
    ("Osteoclasts live longer and become more active: with what result?", "An accelerated rate of bone breakdown",
     True),
    ("Osteoclasts live longer and become more active: with what result?", "Fractures of the hip", False),
    ("Osteoclasts live longer: with what result?", "An accelerated rate of bone breakdown", False),
])
def test_more_of_what_active_cells_do(prompt, answer, same):
    assert more_of_the_same(prompt, answer) is same


@pytest.mark.parametrize("prompt, praised", [
    ("Zorbicin disrupts the [...], a fundamental mechanism of bone preservation in both sexes.", True),
    ("Zorbicin disrupts the [...], a key step of bone preservation.", True),
    ("Zorbicin disrupts the [...], which stops osteoclasts from resorbing bone.", False),
    ("Aromatase, a key enzyme of estrogen synthesis, is blocked by [...].", False),
])
def test_a_blank_cued_only_by_praise(prompt, praised):
    assert praised_blank(prompt) is praised
