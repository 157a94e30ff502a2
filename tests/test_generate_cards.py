"""Stages 4-5: card writing rules and topic sorting."""

from pathlib import Path

import pytest

from anastro_quiz.decks import parse_deck, dump_deck, Deck
from anastro_quiz.generate.cards import contains_answer, make_draft
from anastro_quiz.generate.facts import Fact
from anastro_quiz.generate.quality import card_kind
from anastro_quiz.generate.cloze import term_cards
from anastro_quiz.generate.extract import Sentence
from anastro_quiz.generate.topics import assign, load_rules


def test_contains_answer():
    assert contains_answer("The loss was 6.1% in the spine", "6.1%")
    assert contains_answer("Estradiol controls osteoclast formation", "osteoclasts")
    assert not contains_answer("The loss was _____ in the spine", "6.1%")


def test_term_card_is_cloze_or_choice_and_valid():
    s = Sentence("Estradiol suppresses the formation of new osteoclasts from their hematopoietic precursors.",
                 "doc.txt", "", "H")
    terms = {"osteoclasts": 6.0, "hematopoietic": 1.0}
    [cloze] = term_cards(s, terms, {})
    assert cloze.type == "cloze" and "{{c1::osteoclasts}}" in cloze.data["text"]
    [choice] = term_cards(s, terms, {"osteoclasts": ["osteoblasts", "osteocytes", "chondrocytes"]})
    assert choice.type == "choice" and len(set(choice.data["choices"])) == 4
    for draft in (cloze, choice):
        parsed, problems = parse_deck(dump_deck(Deck("t", "T", cards=[draft.card("t")])))
        assert problems == []
    assert cloze.card("t").id == choice.card("t").id  # the id follows the fact, not the card type


def test_a_kind_outside_the_shared_vocabulary_is_refused_where_it_is_made():
    s = Sentence("Estradiol suppresses osteoclasts.", "doc.txt", "", "H")
    draft = make_draft("why", "basic", {"prompt": "Why?", "answer": "Because"}, s, "Why?")
    # the quality checks read a generated card's kind back from its id
    assert card_kind(draft.card("t").id, [], "basic") == "why"
    with pytest.raises(ValueError, match="'whyy' is not a card kind"):
        make_draft("whyy", "basic", {"prompt": "Why?", "answer": "Because"}, s, "Why?")
    assert Fact("acronym", "doc.txt", "q", "H").kind == "acronym"
    with pytest.raises(ValueError, match="'acronyms' is not a fact kind"):
        Fact("acronyms", "doc.txt", "q", "H")


def test_dangling_sentences_make_no_term_card():
    s = Sentence("It interferes with osteoclasts and their hematopoietic precursors in bone.", "d", "", "H")
    assert term_cards(s, {"osteoclasts": 6.0}, {}) == []


TOPIC_FILE = Path(__file__).resolve().parents[1] / "decks" / "sources" / "topics.yaml"


def test_topics_from_rules():
    rules = load_rules(TOPIC_FILE)
    assert {t.id for t in rules.topics} >= {"mechanism", "osteoclast-regulation", "atac-bmd", "dosing",
                                           "monitoring-systemic"}
    assert assign("What does RANKL stand for? osteoclast", "", rules) == "osteoclast-regulation"
    assert assign("typically prescribed at a dose of 1 mg daily", "", rules) == "dosing"
    assert assign("The lumbar spine lost 6.1% in the ATAC substudy", "", rules) == "atac-bmd"
    assert assign("Nothing relevant here", "", rules) == rules.fallback


def _cloze_answers(sentence: str, terms: dict[str, float]) -> list[str]:
    s = Sentence(sentence, "doc.txt", "", "H")
    out = []
    for d in term_cards(s, terms, {}):
        out.append(d.data.get("answer") or d.data["text"].split("{{c1::")[1].split("}}")[0])
    return out


def test_cloze_blanks_are_domain_nouns_not_verbs_or_adjectives():
    # a verb before its object, and a predicate adjective, are never the blank
    assert _cloze_answers("The practical application of letrozole in clinical settings underscores its dual role.",
                          {"underscores": 3.0}) == []
    assert _cloze_answers("The approach is modulatory and supportive, reflecting a different relationship "
                          "with the hormone.", {"modulatory": 3.0}) == []
    # a verb recognised by its inflection ("resorbed" exists), even with no determiner after it
    assert _cloze_answers("In the absence of estradiol, osteoclasts resorb mineralized matrix faster than "
                          "osteoblasts rebuild it.", {"resorb": 4.0, "osteoblasts": 2.0}) == ["osteoblasts"]


def test_cloze_blank_needs_a_specific_sentence():
    # nothing in the rest of the sentence points at the answer
    assert _cloze_answers("The pharmacodynamics of the medication are consistent, yet the clinical strategies "
                          "are worlds apart.", {"pharmacodynamics": 3.0}) == []


def test_acronym_next_to_its_expansion_is_not_blanked():
    terms = {"atac": 4.0, "arimidex": 3.0, "tamoxifen": 2.0, "anastrozole": 1.0}
    answers = _cloze_answers("The ATAC (Arimidex, Tamoxifen, Alone or in Combination) trial provided "
                             "landmark data demonstrating the efficacy of anastrozole.", terms)
    assert answers == ["anastrozole"]


def test_calendar_years_and_durations_do_not_mix():
    from anastro_quiz.generate.extract import numeric_facts

    s = Sentence("A 2009 study followed older men for one year on 1 mg daily.", "d", "", "H")
    units = {f.answer: f.detail.unit for f in numeric_facts(s)}
    assert units["2009"] != units["one year"]


def test_table_cells_become_teacher_questions():
    from anastro_quiz.generate.table_cards import cell_question

    assert cell_question("Observed Effect on BMD", "Use in Men (TRT Management)") == \
        "In men on TRT, what is the observed effect on BMD?"
    assert cell_question("Standard Dosage", "Use in Women (Oncological)") == \
        "In women (oncological use), what is the standard dosage?"
    assert cell_question("Key Monitoring Parameters", "Use in Postmenopausal Women (Breast Cancer)") == \
        "In postmenopausal women with breast cancer, what are the key monitoring parameters?"
    assert cell_question("Osteoclast Lifespan", "Response in Women (High-Dose Anastrozole)") == \
        "In women on high-dose anastrozole, what happens to the osteoclast lifespan?"
    assert cell_question("Lipid Metabolism", "Considerations in Men (TRT Support)") == \
        "In men on TRT, what are the considerations for lipid metabolism?"
    assert cell_question("Typical Dosage", "Women") is None  # no population phrase: caller falls back


def test_long_table_cells_are_cut_to_a_recallable_answer():
    from anastro_quiz.generate.table_cards import short_answer

    assert short_answer("1 mg daily") == "1 mg daily"
    # a vague first clause is skipped for the one that says something
    assert short_answer("Highly variable; typically 0.25 mg to 0.5 mg two times per week, adjusted based on "
                        "labs, symptoms and estradiol.") == \
        "Typically 0.25 mg to 0.5 mg two times per week, adjusted based on labs, symptoms and estradiol"
    # bracketed examples go first
    assert short_answer("The goal is to resolve symptoms of high estradiol (e.g. water retention) without "
                        "inducing symptoms of low estradiol (e.g. low libido, poor mood).") == \
        "The goal is to resolve symptoms of high estradiol without inducing symptoms of low estradiol"


def test_numeric_card_context_crosses_paragraphs_and_repairs_a_lost_acronym(tmp_path):
    from anastro_quiz.generate import generate_decks

    doc = tmp_path / "face.txt"
    doc.write_text(
        "Intermediate\n\nBone Trials\n\n"
        "The FACE trial compared letrozole with anastrozole in postmenopausal women with early breast cancer. "
        "In a bone substudy of this trial, women taking 2.5 mg of letrozole daily for two years experienced "
        "notable decreases in (BMD).\n\n"
        "The loss was approximately 3.4% in the femoral neck and 2.1% in the lumbar spine.\n", encoding="utf-8")
    cards = [c for d in generate_decks([doc]) for c in d.cards]
    loss = [c for c in cards if c.source.quote.startswith("The loss was")]
    assert loss
    prompts = sorted(card.data["prompt"] for card in loss)
    # a compact question names the trial from the context, its duration, the measure (from the
    # repaired context sentence) and the site
    assert prompts == ["FACE trial, postmenopausal women, two years: loss in BMD in the femoral neck?",
                       "FACE trial, postmenopausal women, two years: loss in BMD in the lumbar spine?"], prompts
    # the repaired sentence is context only: no card tests it
    assert not any("notable decreases" in c.source.quote for c in cards)
