"""Coverage from the fourteenth reading's gaps, each on invented text: the term a drug's action earns
("Because it ... but does not ..., X is A rather than B"), a figure with the next sentence's verdict on it,
two forms of the drug not interchangeable."""

from __future__ import annotations

from generated import generated_cards, questions_and_answers

ACTION = ("# Zorbicin\n\n## Main\n\nZorbicin is a selective kinase modulator used to treat bladder cancer in adults.\n\n"
          "## Mechanism\n\nZorbicin binds to the kinase competitively in tumor cells. Zorbicin causes cells to remain in "
          "the S phase of the cell cycle. {because}, zorbicin is cytostatic rather than cytocidal.\n")
TERM = "Zorbicin prevents malignant cells from dividing but does not cause cell death: which term describes zorbicin?"


def test_the_term_for_what_a_drug_does_is_asked_from_its_reason(tmp_path):
    cards = generated_cards(tmp_path, ACTION.format(
        because="Because it prevents malignant cells from dividing but does not cause cell death"))
    asked = questions_and_answers(cards)
    assert asked.get(TERM) == "Cytostatic (rather than cytocidal)", asked
    card = next(c for c in cards if c.data.get("prompt") == TERM)
    assert "S phase" in card.data.get("explanation", "")
    assert not [q for q in asked if q.startswith("Why is zorbicin cytostatic")], asked


def test_no_term_is_asked_when_the_reason_is_not_a_but_not(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, ACTION.format(
        because="Because it prevents malignant cells from dividing")))
    assert not [q for q in asked if "which term describes" in q], asked


LEVELS = ("# Zorbicin\n\n## Main\n\nZorbicin is an aromatase inhibitor used to treat breast cancer in women.\n\n"
          "## Interactions\n\nZorbicin does not affect circulating levels of ketoconazole or its major metabolite. "
          "However, ketoconazole has been found to decrease steady-state area-under-the-curve levels of zorbicin by 31%. "
          "{after}\n")
VERDICT = ("By how much did ketoconazole decrease steady-state area-under-the-curve levels of zorbicin, and does it "
           "matter clinically?")


def test_a_figure_the_next_sentence_calls_unimportant_is_asked_with_that_verdict(tmp_path):
    cards = generated_cards(tmp_path, LEVELS.format(
        after="But estradiol levels were not significantly different with both drugs, so the decrease in zorbicin "
              "levels is not thought to be clinically important."))
    asked = questions_and_answers(cards)
    assert asked.get(VERDICT) == "31%; not thought to be clinically important", asked
    card = next(c for c in cards if c.data.get("prompt") == VERDICT)
    assert "estradiol levels were not significantly different" in card.source.quote


def test_a_figure_without_a_verdict_is_asked_alone(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, LEVELS.format(
        after="Zorbicin is taken once daily by mouth.")))
    assert VERDICT not in asked, asked


FORMS = ("# Zorbicin\n\n## Main\n\nZorbicin is a kinase inhibitor used to treat kidney cancer in adults.\n\n## History\n\n"
         "In May 2019, {named} were approved in the United States for the treatment of adults with advanced kidney "
         "cancer. The formulation was changed from capsules to tablets and the capsules were phased out in the United "
         "States. The capsules and tablets are not interchangeable.\n")
SWAP = "Are zorbicin capsules and tablets interchangeable?"


def test_two_forms_of_the_drug_not_interchangeable_are_asked(tmp_path):
    cards = generated_cards(tmp_path, FORMS.format(named="zorbicin tablets"))
    assert questions_and_answers(cards).get(SWAP) == "No"
    card = next(c for c in cards if c.data.get("prompt") == SWAP)
    assert "phased out" in card.data.get("explanation", "")


def test_forms_of_another_drug_are_not_asked_as_the_articles(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, FORMS.format(named="vorbicin tablets")))
    assert not [q for q in asked if "interchangeable" in q], asked
