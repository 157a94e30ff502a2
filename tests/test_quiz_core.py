"""Quiz logic: question mix, distractors, scoring, persistence, schedules untouched."""

from __future__ import annotations

import random

import pytest

from anastro_quiz.quiz import Quiz, build_questions, distractors, make_question


def _item(collection, card_id):
    return next(i for (_, iid), i in collection.items.items() if iid == card_id)


def test_distractors_come_from_the_deck_and_exclude_the_answer(collection):
    item = _item(collection, "rankl-mcsf.c1")  # answer: RANKL
    pool = list(collection.items.values())
    # the fixture deck has no other acronym: a definition, a number or "True" is no option for RANKL
    assert distractors(item, pool, random.Random(1)) == []
    more = pool + [_study("opg", "OPG", ("term",)), _study("tnf", "TNF-α", ("term",)), _study("il6", "IL-6", ("term",))]
    wrong = distractors(item, more, random.Random(1))
    assert sorted(wrong) == ["IL-6", "OPG", "TNF-α"]
    assert "M-CSF" not in wrong  # the other deletion of the same card would give it away


def test_numbers_are_offered_against_numbers(collection):
    spine = _item(collection, "atac-spine")
    basic = _item(collection, "ai-class")
    wrong = distractors(spine, list(collection.items.values()), random.Random(0), count=1)
    assert wrong == ["7.2%"]
    assert distractors(basic, list(collection.items.values()), random.Random(0), count=1) != ["7.2%"]


def test_native_kinds_are_kept(collection):
    rng = random.Random(3)
    pool = list(collection.items.values())
    assert make_question(_item(collection, "atac-hip"), pool, rng).kind == "choice"
    assert make_question(_item(collection, "atac-spine"), pool, rng).kind == "typed"
    tf = make_question(_item(collection, "apoptosis"), pool, rng)
    assert (tf.kind, tf.options, tf.answer) == ("true_false", ("True", "False"), "True")


def test_converted_questions_follow_the_preference(collection):
    rng = random.Random(5)
    item = _item(collection, "ai-class")  # "An aromatase inhibitor"
    pool = list(collection.items.values()) + [_study(f"drug-{n}", answer, ("define",)) for n, answer in
                                              enumerate(["A GnRH agonist", "A beta blocker", "A statin drug"])]
    choice = make_question(item, pool, rng, prefer="choice")
    assert choice.kind == "choice" and item.answer in choice.options and len(set(choice.options)) == len(choice.options)
    tf = make_question(item, pool, rng, prefer="true_false")
    assert tf.kind == "true_false" and "Proposed answer:" in tf.prompt
    assert tf.check(tf.answer)[0] and not tf.check("False" if tf.answer == "True" else "True")[0]


def test_build_questions_mixes_kinds_and_prefers_one_item_per_card(collection):
    questions = build_questions(list(collection.items.values()), 6, random.Random(7))
    assert len(questions) == 6
    assert len({(q.item.deck_id, q.item.card_id) for q in questions}) == 6  # six cards, six questions
    assert {q.kind for q in questions} == {"choice", "typed", "true_false"}


def test_quiz_scores_saves_and_leaves_schedules_alone(collection):
    before = collection.store.schedule_rows()
    quiz = Quiz.create(collection, None, 4, rng=random.Random(2), time_limit_s=300)
    first = quiz.current
    assert quiz.answer(first.answer, duration_ms=1000).correct
    quiz.answer("definitely wrong")
    result = quiz.finish()
    assert (result.score, result.total, len(result.mistakes), len(result.unanswered)) == (1, 4, 1, 2)
    assert result.percent == 0.25 and len(result.missed_questions) == 3
    run = collection.store.quiz_runs()[0]
    assert (run["questions"], run["score"], run["time_limit_s"]) == (4, 1, 300)
    saved = [(a["card_id"], a["correct"]) for a in collection.store.quiz_answers()]
    assert sorted(saved) == sorted([(first.item.id, 1), (quiz.questions[1].item.id, 0)])
    assert collection.store.schedule_rows() == before
    assert collection.store.review_records() == []
    retry = quiz.retry_mistakes(result)
    assert [q.item.id for q in retry.questions] == [q.item.id for q in result.missed_questions]
    assert len(collection.store.quiz_runs()) == 2


def test_topics_filter_and_time_limit(collection, clock):
    quiz = Quiz.create(collection, ["sample"], 10, tags=["atac"], time_limit_s=60)
    assert {q.item.card_id for q in quiz.questions} == {"atac-hip", "atac-spine"}
    clock.advance(seconds=45)
    assert quiz.seconds_left() == 15
    clock.advance(seconds=60)
    assert quiz.seconds_left() == 0


def test_empty_selection_is_a_readable_error(collection):
    with pytest.raises(ValueError, match="no cards"):
        Quiz.create(collection, ["sample"], 5, tags=["no-such-topic"])


def test_distractors_prefer_answers_of_the_same_kind():
    from anastro_quiz.decks import StudyItem
    from anastro_quiz.quiz import distractors

    def item(card_id, answer, tags):
        return StudyItem("d", card_id, card_id, "basic", f"Q {card_id}?", answer, tags=tuple(tags))

    question = item("estradiol", "The primary form of estrogen", ["mechanism", "define"])
    pool = [question,
            item("cell-1", "Moderate reduction to an optimal range", ["dosing", "table"]),
            item("cell-2", "Drastic reduction to near-zero levels", ["dosing", "table"]),
            item("androgens", "A class of hormones that includes testosterone", ["mechanism", "define"]),
            item("osteoclasts", "Cells that resorb bone tissue", ["osteoclast", "define"]),
            item("aromatase", "The enzyme converting androgens to estrogens", ["mechanism", "define"])]
    picked = distractors(question, pool, random.Random(1), count=3)
    assert set(picked) == {"A class of hormones that includes testosterone", "Cells that resorb bone tissue",
                           "The enzyme converting androgens to estrogens"}


def _study(card_id, answer, tags=("dosing", "table"), type_="basic", prompt=None):
    from anastro_quiz.decks import StudyItem

    return StudyItem("d", card_id, card_id, type_, prompt or f"Question about {card_id}?", answer, tags=tuple(tags))


def test_quiz_options_follow_the_shared_rules():
    """No "True", no plural of the answer, no duplicate, no equivalent dose, no answer of a card
    that asks the same question (the same table row in another article)."""
    question = _study("men-dose", "0.25 mg to 0.5 mg twice weekly", prompt="In men on TRT, what is the dosage?")
    pool = [question,
            _study("tf", "True", type_="true_false"),
            _study("other-article", "0.5 mg to 1 mg per week", prompt="In men on TRT, what is the typical dosage?"),
            _study("weekly", "0.5-1 mg weekly"),
            _study("women", "1 mg daily"),
            _study("women-2", "1 mg daily."),
            _study("high", "10 mg daily"),
            _study("trial", "25 mg daily"),
            _study("low", "2.5 mg daily")]
    picked = distractors(question, pool, random.Random(4), count=3)
    assert "True" not in picked and "0.5 mg to 1 mg per week" not in picked and "0.5-1 mg weekly" not in picked
    assert sorted(picked) == ["1 mg daily", "2.5 mg daily"]  # 10 and 25 mg: another magnitude
    cells = _study("cells", "osteoclasts", tags=("term",))
    plural = distractors(cells, [cells, _study("one", "osteoclast", tags=("term",)),
                                 _study("b", "osteoblasts", tags=("term",))], random.Random(0))
    assert plural == ["osteoblasts"]


def test_too_few_good_distractors_make_no_choice_question():
    question = _study("cells", "osteoclasts", tags=("term",))
    pool = [question, _study("one", "osteoclast", tags=("term",)), _study("b", "osteoblasts", tags=("term",)),
            _study("t", "True", type_="true_false"), _study("c", "Osteoblasts.", tags=("term",))]
    asked = make_question(question, pool, random.Random(1), prefer="choice")
    assert asked.kind == "typed"


def test_an_authored_choice_card_loses_options_that_repeat_the_answer():
    from anastro_quiz.decks import StudyItem

    def card(choices):
        return StudyItem("d", "c", "c", "choice", "Which cells resorb bone?", "osteoclasts", choices=tuple(choices))

    asked = make_question(card(["osteoclasts", "osteoclast", "True", "osteoblasts", "Osteoblasts.", "osteocytes"]),
                          [], random.Random(0))
    assert asked.kind == "choice" and sorted(asked.options) == ["osteoblasts", "osteoclasts", "osteocytes"]
    few = make_question(card(["osteoclasts", "Osteoclasts", "osteoblasts"]), [], random.Random(0))
    assert few.kind == "typed"


def test_a_quiz_knows_how_many_were_asked_and_how_many_cards_there_are(collection):
    available = len(collection.items)
    short = Quiz.create(collection, None, available + 7, rng=random.Random(1))
    assert (len(short.questions), short.asked, short.available, short.short) == (available, available + 7, available, True)
    assert short.shortfall_note() == (f"{available} questions (only {available} cards in this deck; "
                                      f"you asked for {available + 7})")
    full = Quiz.create(collection, None, 3, rng=random.Random(1))
    assert (len(full.questions), full.asked, full.short, full.shortfall_note()) == (3, 3, False, None)
    assert not full.retry_mistakes(full.finish()).short  # a retry asks exactly its missed questions
    topical = Quiz.create(collection, ["sample"], 10, tags=["atac"])
    assert topical.shortfall_note() == "2 questions (only 2 cards in this deck and topics; you asked for 10)"
