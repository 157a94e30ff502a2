"""Coverage the tenth reading asked for in the thinnest decks: a quoted trial report read sentence
by sentence (its list of common adverse reactions, its blood abnormalities), and the teacher
cards general sentence patterns support.

Invented text must give the card (prompt, answer or items, quote checked); near misses give none.
"""

from __future__ import annotations

from anastro_quiz.generate.extract import split_sentences
from anastro_quiz.grading_lists import grade_items

from generated import generated_cards


def _cards(tmp_path, body: str):
    return generated_cards(tmp_path, f"# Zorelin\n\n## Main\n\nZorelin, sold under the brand name Zora, is a kinase inhibitor used to "
                    f"treat kidney cancer.\n\n{body}", "zorelin.md")


def _prompted(cards, prompt: str):
    return [c for c in cards if str(c.data.get("prompt", "")).lower() == prompt.lower()]


REPORT = ('A trial using 5 mg/day in patients with bone tumours reported "Zorelin was stopped for adverse reactions in '
          '21% of patients and dose reduction or delay was needed in 60% of patients. Serious adverse reactions '
          'occurred in 35% of patients and included 2 fatal events (liver failure, sepsis, and stroke). The most '
          'common adverse reactions (incidence 25% or more) were mucositis, cough, nausea, headache, fatigue and '
          'acne. The most common blood abnormalities found (incidence 40% or more) were anemia, neutropenia, '
          'hypokalemia and hyperlipidemia.".')


def test_a_quotation_of_several_sentences_is_split_into_them():
    pieces = split_sentences(REPORT)
    assert len(pieces) == 4, pieces
    assert pieces[0].endswith("needed in 60% of patients.")  # not torn at "dose reduction" / "or delay"
    assert pieces[2].startswith("The most common adverse reactions")
    assert pieces[3].endswith("hyperlipidemia.")  # the closing mark and the stray stop are not the sentence's
    assert all(p in REPORT for p in pieces)  # each one a verbatim quote
    one = 'The panel wrote "the drug was well tolerated in most patients" in its report.'
    assert split_sentences(one) == [one]


def test_the_common_adverse_reactions_inside_a_quoted_report_are_asked(tmp_path):
    cards = _cards(tmp_path, f"## Adverse reactions\n\n{REPORT}\n")
    (card,) = _prompted(cards, "Name two of the most common adverse reactions of zorelin.")
    assert card.data["items"] == ["mucositis", "cough", "nausea", "headache", "fatigue", "acne"]
    assert card.source.quote.startswith("The most common adverse reactions") and card.source.quote in REPORT
    (blood,) = _prompted(cards, "Name three common blood abnormalities on zorelin.")
    assert blood.data["items"] == ["anemia", "neutropenia", "hypokalemia", "hyperlipidemia"]
    assert grade_items("anemia, neutropenia, hyperlipidemia", blood.data["items"], blood.data["need"]).correct


APPROVALS = ("## History\n\nIn March 2019, zorelin became the first JAK inhibitor to be approved by the FDA for "
             "KRAS-mutated metastatic lung cancer. Patients are selected for treatment with Zora based on an "
             "FDA-approved genetic test, called the LungSeq Dx.\n")


def test_the_name_of_the_test_selecting_patients_is_not_asked(tmp_path):
    # a product's name: trivia (read WEAK in the eleventh and twelfth readings)
    cards = _cards(tmp_path, APPROVALS)
    assert not [c for c in cards if "LungSeq" in str(c.data.get("answer", ""))]


def test_a_first_in_class_approval_asks_for_the_use(tmp_path):
    cards = _cards(tmp_path, APPROVALS)
    (card,) = _prompted(cards, "Zorelin became the first JAK inhibitor approved by the FDA for which cancer?")
    assert card.data["answer"] == "KRAS-mutated metastatic lung cancer"


def test_a_first_approval_for_the_use_the_lead_names_is_not_asked(tmp_path):
    cards = _cards(tmp_path, "## History\n\nIn May 2012, zorelin became the first kinase inhibitor to be approved "
                             "by the FDA for advanced kidney cancer.\n")
    assert not [c for c in cards if "the first" in str(c.data.get("prompt", ""))]


def test_it_opening_a_paragraph_after_this_compound_is_the_article_drug(tmp_path):
    cards = _cards(tmp_path, "This compound also has a use in coated stents to inhibit restenosis.\n\n"
                             "It is the 7-O-methyl derivative of tacrolimus and works similarly to tacrolimus.\n")
    (card,) = _prompted(cards, "Of which drug is zorelin a derivative?")
    assert card.data["answer"] == "Tacrolimus"
    assert card.source.quote.startswith("It is the 7-O-methyl derivative")


def test_which_form_predominates_in_two_stages_is_one_comparison(tmp_path):
    cards = _cards(tmp_path, "## Levels\n\nThus, zorelin may be considered the predominant androgen during "
                             "adolescence in terms of serum levels. During old age, corelin becomes the "
                             "predominant circulating androgen, and this is the only time at which morelin occurs, "
                             "while during illness, dorelin predominates (based on serum levels).\n")
    (card,) = [c for c in cards if "predominates during old age" in str(c.data.get("prompt", ""))]
    assert card.data["answer"] == "During old age: corelin; during illness: dorelin"
    assert card.data["explanation"].startswith("Zorelin is the predominant androgen during adolescence")


def test_what_a_feedback_loop_triggers_is_asked_with_its_result(tmp_path):
    cards = _cards(tmp_path, "## Physiology\n\nDuring the sleep cycle, zorelin released by the pineal gland "
                             "triggers, via a positive feedback system, the hypothalamic events that lead to the "
                             "growth hormone pulse, inducing tissue repair.\n")
    (card,) = _prompted(cards, "During the sleep cycle, what does zorelin released by the pineal gland trigger via "
                               "positive feedback?")
    assert card.data["answer"] == "The growth hormone pulse, inducing tissue repair"
