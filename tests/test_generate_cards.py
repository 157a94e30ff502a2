"""Stages 4-5: card writing rules and topic sorting."""

from anastro_quiz.decks import parse_deck, dump_deck, Deck
from anastro_quiz.generate.cards import contains_answer, number_distractors, term_cards
from anastro_quiz.generate.extract import Sentence
from anastro_quiz.generate.topics import assign, load_rules


def test_contains_answer():
    assert contains_answer("The loss was 6.1% in the spine", "6.1%")
    assert contains_answer("Estradiol controls osteoclast formation", "osteoclasts")
    assert not contains_answer("The loss was _____ in the spine", "6.1%")


def test_number_distractors_keep_the_unit():
    ds = number_distractors("two years", 2.0, "year", {"five years", "2 years"})
    assert "five years" in ds and all("year" in d for d in ds) and len(ds) == 3
    assert "2 years" not in ds  # a synonym of the answer is never a distractor
    assert number_distractors("2009", 2009.0, "year", set())[0] == "2005"


def test_term_card_is_cloze_or_choice_and_valid():
    s = Sentence("Estradiol suppresses the formation of new osteoclasts from their hematopoietic precursors.",
                 "doc.txt", "", "H")
    terms = {"osteoclasts": 6.0, "hematopoietic": 1.0}
    [cloze] = term_cards(s, terms, {})
    assert cloze.type == "cloze" and "{{c1::osteoclasts}}" in cloze.data["text"]
    [choice] = term_cards(s, terms, {"osteoclasts": ["osteoblasts", "osteocytes"]})
    assert choice.type == "choice" and len(set(choice.data["choices"])) == 3
    for draft in (cloze, choice):
        parsed, problems = parse_deck(dump_deck(Deck("t", "T", cards=[draft.card("t")])))
        assert problems == []
    assert cloze.card("t").id == choice.card("t").id  # the id follows the fact, not the card type


def test_dangling_sentences_make_no_term_card():
    s = Sentence("It interferes with osteoclasts and their hematopoietic precursors in bone.", "d", "", "H")
    assert term_cards(s, {"osteoclasts": 6.0}, {}) == []


def test_topics_from_rules():
    rules = load_rules()
    assert {t.id for t in rules.topics} >= {"mechanism", "osteoclast-regulation", "atac-bmd", "dosing",
                                           "monitoring-systemic"}
    assert assign("What does RANKL stand for? osteoclast", "") == "osteoclast-regulation"
    assert assign("typically prescribed at a dose of 1 mg daily", "") == "dosing"
    assert assign("The lumbar spine lost 6.1% in the ATAC substudy", "") == "atac-bmd"
    assert assign("Nothing relevant here", "") == rules.fallback
