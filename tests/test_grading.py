"""Typed-answer grading: forgiving about form, strict about facts."""

from __future__ import annotations

import pytest

from anastro_quiz.grading import check_choice, grade_typed
from anastro_quiz.scheduler import Rating


@pytest.mark.parametrize("given", ["6.1%", "6.1 %", "6.1 percent", " 6,1 % ", "approximately 6.1%", "6.10%"])
def test_percentages_compare_numerically(given):
    assert grade_typed(given, "6.1%").correct


@pytest.mark.parametrize("given", ["7.1%", "61%", "6.1 mg", "six"])
def test_wrong_numbers_and_units_are_wrong(given):
    grade = grade_typed(given, "6.1%")
    assert not grade.correct and grade.suggested_rating == Rating.Again


def test_units_with_or_without_space():
    assert grade_typed("1mg", "1 mg").correct
    assert grade_typed("1 milligram", "1 mg").correct
    assert grade_typed("0.5", "0.5 mg").correct  # unit omitted by the learner is fine


def test_numeric_tolerance():
    assert grade_typed("6", "6.1%", tolerance=0.1).correct
    assert not grade_typed("6", "6.1%", tolerance=0.05).correct


def test_case_accents_punctuation_and_spacing_ignored():
    grade = grade_typed("  estrogen-receptor ALPHA!", "Estrogen receptor alpha")
    assert grade.correct and grade.exact and grade.suggested_rating == Rating.Good
    assert grade_typed("Élévated", "elevated").exact


def test_small_typo_accepted_as_hard():
    grade = grade_typed("aromatse", "aromatase")
    assert grade.correct and not grade.exact and grade.suggested_rating == Rating.Hard
    assert "aromatase" in grade.note


def test_short_answers_get_no_typo_allowance():
    assert not grade_typed("RANK", "RANKL").correct
    assert not grade_typed("M-CSF", "G-CSF").correct
    assert not grade_typed("BMI", "BMD").correct


def test_different_word_is_wrong():
    assert not grade_typed("osteoblasts", "osteoclasts anyway").correct
    assert not grade_typed("tamoxifen", "anastrozole").correct
    assert not grade_typed("", "anastrozole").correct


def test_accept_alternatives():
    grade = grade_typed("Arimidex", "anastrozole", accept=["Arimidex"])
    assert grade.correct and grade.matched == "Arimidex"


@pytest.mark.parametrize("given,answer", [("6.1 percent", "6.1%"), ("1mg", "1 milligram"), ("five years", "5 yrs"),
                                          ("1 mg daily", "1 mg/day")])
def test_a_quantity_is_read_whatever_its_spelling(given, answer):
    assert grade_typed(given, answer).exact


def test_a_quantity_answer_wants_a_quantity_in_its_unit():
    assert grade_typed("aromatase", "6.1%").note == "expected a number: 6.1%"
    assert grade_typed("6.1 percent", "6.1 mg").note == "unit differs: percent vs milligram"


def test_choice_matching():
    assert check_choice("7.2%", "7.2%") and not check_choice("6.1%", "7.2%")
    assert check_choice("True", "true") and not check_choice("False", "True")


def test_sign_and_thousands_separators_are_facts():
    assert not grade_typed("-2.5", "2.5").correct
    assert grade_typed("−2.5", "-2.5").correct
    assert not grade_typed("1,000 mg", "1 mg").correct
    assert not grade_typed("1 mg", "1,000 mg").correct
    assert grade_typed("1,000", "1000").correct
    assert grade_typed("0,125 mg", "0.125 mg").correct  # a leading 0 makes it a decimal comma
    assert grade_typed("6-7%", "6-7%").exact and not grade_typed("6-7%", "7%").correct


def test_leading_article_is_not_a_typo():
    grade = grade_typed("aromatase inhibitor", "An aromatase inhibitor")
    assert grade.correct and grade.exact
    assert grade_typed("The ATAC trial", "ATAC trial").exact


# --- numbers: signs, directions, spacing, words -------------------------------------------


@pytest.mark.parametrize("given", ["-6.1%", "−6.1%", "-6.1 %", "6.1% decrease", "a 6.1% decrease",
                                   "decrease of 6.1%", "a reduction of 6.1 %", "loss of 6.1%", "fell by 6.1%",
                                   "6.1 percent lower", "down 6.1%"])
def test_a_negative_change_is_accepted_written_any_natural_way(given):
    grade = grade_typed(given, "−6.1%")
    assert grade.correct and grade.exact, grade.note


@pytest.mark.parametrize("given", ["+6.1%", "6.1% increase", "an increase of 6.1%", "rose by 6.1%"])
def test_the_opposite_direction_is_wrong(given):
    grade = grade_typed(given, "−6.1%")
    assert not grade.correct and "direction" in grade.note


def test_a_change_without_its_direction_passes_as_hard_and_says_so():
    grade = grade_typed("6.1%", "−6.1%")
    assert grade.correct and not grade.exact and grade.suggested_rating == Rating.Hard
    assert "decrease" in grade.note


def test_an_unsigned_answer_accepts_a_direction_word_but_not_a_minus_sign():
    # "By what percentage did BMD fall?" -> "6.1%": "a 6.1% decrease" says the same.
    assert grade_typed("6.1% decrease", "6.1%").exact
    assert not grade_typed("-6.1%", "6.1%").correct


@pytest.mark.parametrize("given,answer", [("five years", "5 years"), ("5 years", "five years"),
                                          ("twelve months", "12 months"), ("twenty mg", "20 mg"),
                                          ("2 to 3 years", "2–3 years"), ("2 - 3 years", "2-3 years")])
def test_word_numbers_and_ranges(given, answer):
    assert grade_typed(given, answer).correct


def test_a_wrong_magnitude_stays_wrong_whatever_the_direction():
    assert not grade_typed("7.2% decrease", "−6.1%").correct
    assert not grade_typed("2 to 4 years", "2–3 years").correct


def test_a_quantity_reads_direction_words():
    assert grade_typed("a 6.1% decrease", "-6.1%").exact
    assert grade_typed("an increase of 2 mg", "2 mg").exact
    assert grade_typed("+2.5", "2.5").exact
    assert not grade_typed("a 6.1% decrease", "6.1% increase").correct


@pytest.mark.parametrize("given", ["6.1%", "-6.1%", "−6.1 %", "6.1% decrease", "a loss of 6.1%"])
def test_a_question_that_asks_for_a_reduction_takes_the_figure_with_or_without_its_sign(given):
    from anastro_quiz.study_grading import grade_answer
    from anastro_quiz.decks import StudyItem

    item = StudyItem("d", "c", "c", "typed", "ATAC trial, five years: reduction in BMD in the lumbar spine?", "6.1%")
    grade = grade_answer(given, item)
    assert grade.correct and grade.exact, grade.note
    wrong = grade_answer("+6.1%", item)
    assert not wrong.correct and "asks for a decrease" in wrong.note


def test_prompt_direction():
    from anastro_quiz.study_grading import prompt_direction

    assert prompt_direction("Reduction in BMD in the total hip?") == -1
    assert prompt_direction("By how much did LH rise?") == 1
    assert prompt_direction("BMD change at the lumbar spine?") == 0
    assert prompt_direction("Increase or decrease?") == 0


@pytest.mark.parametrize("answer, given, right", [
    # another name in brackets: either name is the answer
    ("estrogen receptor alpha (ERα)", "ERα", True),
    ("estrogen receptor alpha (ERα)", "estrogen receptor alpha", True),
    ("estrogen receptor alpha (ERα)", "estrogen receptor beta", False),
    # examples in brackets: the thing, or one of its examples
    ("BMD assessments (e.g. DEXA scans)", "BMD assessments", True),
    ("BMD assessments (e.g. DEXA scans)", "DEXA scans", True),
    ("By co-prescribing an androgen receptor antagonist (such as bicalutamide)", "bicalutamide", True),
    ("By co-prescribing an androgen receptor antagonist (such as bicalutamide)", "tamoxifen", False),
    # a qualifier in brackets may be left out, but is not the answer on its own
    ("A statistically significant decrease (compared to the placebo group)", "a statistically significant decrease", True),
    ("A statistically significant decrease (compared to the placebo group)", "compared to the placebo group", False),
    ("6.1% (lumbar spine)", "6.1%", True),
    ("6.1% (lumbar spine)", "lumbar spine", False),
])
def test_a_bracketed_gloss_is_another_name_examples_or_a_qualifier(answer, given, right):
    assert grade_typed(given, answer).correct is right
