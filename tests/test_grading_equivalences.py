"""Typed grading knows equivalences (issue 12): units converted by pint, rates written any
way, sign words, singular/plural, and partial credit for a phrase's key words."""

from __future__ import annotations

import pytest

from anastro_quiz.grading import grade_typed
from anastro_quiz.study_grading import grade_answer
from anastro_quiz.scheduler import Rating


@pytest.mark.parametrize("given, answer", [
    ("12 months", "one year"), ("1 year", "12 months"), ("6 weeks", "42 days"), ("2.5 mg", "2500 mcg"),
    ("1 mg/day", "1 mg daily"), ("1 mg a day", "1 mg/day"), ("7 mg per week", "1 mg daily"),
    ("1 mg/day", "1 mg"), ("5 yrs", "five years"), ("6.1 pct", "6.1%"),
])
def test_units_are_converted(given, answer):
    grade = grade_typed(given, answer)
    assert grade.correct and grade.exact and grade.suggested_rating == Rating.Good


def test_a_rate_left_out_is_accepted_but_asked_for():
    grade = grade_typed("1 mg", "1 mg/day")
    assert grade.correct and grade.suggested_rating == Rating.Hard
    assert "how often" in grade.note


@pytest.mark.parametrize("given, answer, note", [
    ("13 months", "one year", "number differs: 13 months = 1.08333 year vs 1"),
    ("6.1 mg", "6.1%", "unit differs: milligram vs percent"),
    ("2 weeks", "2 mg", "unit differs: week vs milligram"),
])
def test_a_different_amount_or_kind_of_unit_is_wrong_and_says_why(given, answer, note):
    grade = grade_typed(given, answer)
    assert not grade.correct and grade.note == note


def test_sign_words_and_minus_agree():
    assert grade_typed("\u22127.2%", "loss of 7.2%").exact
    assert grade_typed("a decrease of 7.2%", "-7.2%").exact
    assert not grade_typed("7.2% increase", "-7.2%").correct


def test_a_minus_for_a_loss_the_question_names():
    class Item:
        prompt, answer, accept, tolerance, items, need = "Loss of BMD at two years?", "7.2%", (), None, (), 0

    assert grade_answer("\u22127.2%", Item()).exact
    assert not grade_answer("+7.2%", Item()).correct


@pytest.mark.parametrize("given, answer", [("osteoclast", "osteoclasts"), ("Osteoclasts", "osteoclast"),
                                           ("aromatase inhibitors", "an aromatase inhibitor")])
def test_singular_and_plural_are_correct(given, answer):
    grade = grade_typed(given, answer)
    assert grade.correct and grade.exact and grade.suggested_rating == Rating.Good


@pytest.mark.parametrize("given, answer", [("osteoblasts", "osteoclasts"), ("decreased bone loss", "increased bone loss"),
                                           ("hypocalcemia", "hypercalcemia")])
def test_another_real_word_is_not_a_typo(given, answer):
    assert not grade_typed(given, answer).correct


def test_typos_still_forgiven():
    assert grade_typed("joint pian", "joint pain").suggested_rating == Rating.Hard
    assert grade_typed("aromatse", "aromatase").suggested_rating == Rating.Hard


def test_most_key_words_of_a_phrase_propose_hard():
    grade = grade_typed("estrogen suppression", "profound estrogen suppression")
    assert not grade.correct and grade.partial and (grade.found, grade.needed) == (2, 3)
    assert grade.suggested_rating == Rating.Hard
    assert "missing: profound" in grade.note


def test_every_key_word_and_more_is_accepted_as_hard():
    grade = grade_typed("profound estrogen suppression", "estrogen suppression")
    assert grade.correct and not grade.exact and grade.suggested_rating == Rating.Hard


@pytest.mark.parametrize("given", ["no estrogen suppression", "estrogen elevation", "suppression"])
def test_a_negation_a_wrong_word_or_too_few_key_words_get_no_credit(given):
    assert grade_typed(given, "profound estrogen suppression").suggested_rating == Rating.Again


@pytest.mark.parametrize("given, answer", [
    ("diarrhoea", "diarrhea"), ("peripheral oedema", "peripheral edema"), ("anaemia", "anemia"),
    ("hot flashes", "hot flushes"), ("hot flushes", "hot flashes"),
])
def test_british_and_american_spellings_are_one_answer(given, answer):
    grade = grade_typed(given, answer)
    assert grade.correct and grade.suggested_rating == Rating.Good  # a right answer, not a typo to mark Hard


def test_a_spelling_rule_makes_no_new_word_right():
    assert not grade_typed("shoes", "shes").correct and not grade_typed("diarrhoea", "dyspnea").correct


@pytest.mark.parametrize("given, answer", [("flashing", "flushing"), ("canoes", "canes"), ("aerial", "erial")])
def test_a_british_spelling_is_a_medical_root_not_any_oe_or_ae(given, answer):
    assert not grade_typed(given, answer).correct


def test_a_plural_in_the_other_spelling_is_the_same_answer():
    assert grade_typed("oedemas", "edema").suggested_rating == Rating.Good
