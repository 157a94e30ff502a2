"""Coverage of pharmacology facts a teacher asks (the eighth reading's list of what no card
asked): a drug's elimination half-life however the sentence frames it ("has a long elimination
half-life of typically 5 to 7 days, with a range of 4 to 11 days", "Its elimination half-life is
18.3 hours on average"); what it does to other drugs' levels, and what an enzyme's inhibitor and
inducer do to it; its main route of excretion; its rare adverse effects.

Each shape has invented text that must give the card (answer and quoted line checked) and near
misses that must give none.
"""

from __future__ import annotations

import pytest

from anastro_quiz.generate.figures import compact_question
from anastro_quiz.grading import grade_typed

from generated import generated_cards

LEAD = "Veltozole, sold under the brand name Veltix, is an aromatase inhibitor used to treat breast cancer.\n\n"


def _cards(tmp_path, body: str, name: str = "Veltozole"):
    return generated_cards(tmp_path, f"# {name}\n\n## Main\n\n{LEAD}{body}", f"{name}.md")


def _asked(cards, prompt: str):
    return [c for c in cards if c.data.get("prompt") == prompt]


# --- half-life -----------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, figure, question", [
    ("Veltozole has a long elimination half-life of typically 5 to 7 days, with a range of 4 to 11 days.",
     "5 to 7 days", "Veltozole: elimination half-life?"),
    ("Veltozole has a long elimination half-life of 5.8 days on average, with a range of 2.8 to 10.2 days.",
     "5.8 days", "Veltozole: elimination half-life?"),
    ("The elimination half-life of veltozole is 30 hours on average.", "30 hours", "Veltozole: elimination half-life?"),
    # the spread is not the figure to recall
    ("Veltozole has a long elimination half-life of 5.8 days on average, with a range of 2.8 to 10.2 days.",
     "2.8 to 10.2 days", None),
    # a figure in the middle of its sentence is not the sentence's point
    ("Veltozole has a long elimination half-life of 5.8 days and a large volume of distribution.", "5.8 days", None),
])
def test_a_half_life_with_its_spread_is_asked_as_the_typical_figure(sentence, figure, question):
    at = sentence.index(figure)
    assert compact_question(sentence, at, at + len(figure)) == question


def test_its_half_life_is_asked_with_the_name_the_sentence_before_gives():
    sentence = "Its elimination half-life is 18.3 hours on average."
    at = sentence.index("18.3 hours")
    assert compact_question(sentence, at, at + 10, owner="Veltozole") == "Veltozole: elimination half-life?"
    assert compact_question(sentence, at, at + 10) is None  # whose, unknown: no compact question


def test_a_half_life_after_a_named_sentence_becomes_a_card_that_accepts_a_dash(tmp_path):
    cards = _cards(tmp_path, "## Pharmacokinetics\n\nVeltozole is excreted mainly via the feces (81%) and to a small "
                             "extent via the urine (3%). Its elimination half-life is 18.3 hours on average.\n\n"
                             "Zorbicin has a long elimination half-life of typically 5 to 7 days, with a range of 4 "
                             "to 11 days.\n")
    (mine,) = _asked(cards, "Veltozole: elimination half-life?")
    assert mine.data["answer"] == "18.3 hours"
    assert mine.data["source"]["quote"] == "Its elimination half-life is 18.3 hours on average."
    (other,) = _asked(cards, "Zorbicin: elimination half-life?")
    assert other.data["answer"] == "5 to 7 days"
    assert grade_typed("5-7 days", other.data["answer"], other.data.get("accept", ())).correct
    assert not grade_typed("4 to 11 days", other.data["answer"], other.data.get("accept", ())).correct


def test_its_half_life_after_an_unnamed_sentence_is_not_asked_compactly(tmp_path):
    cards = _cards(tmp_path, "## Pharmacokinetics\n\nHowever, the medication is excreted mainly via the feces (81%). "
                             "Its elimination half-life is 18.3 hours on average.\n")
    assert not _asked(cards, "However: elimination half-life?")
    assert not any(str(c.data.get("prompt", "")).startswith("The:") for c in cards)


# --- one drug's effect on another's levels, with its figures ---------------------------------------


def test_a_drug_lowering_two_drugs_levels_by_two_figures_is_asked_with_both(tmp_path):
    cards = _cards(tmp_path, "## Interactions\n\nIn a clinical study of veltozole in women, veltozole was found to "
                             "decrease serum concentrations of the aromatase inhibitors zorbicin and pelmestane by 80% "
                             "and 40%, respectively, which could reduce their effectiveness.\n")
    (card,) = [c for c in cards if c.data.get("answer") == "80% and 40%"]
    assert card.data["prompt"] == ("By how much did veltozole decrease serum concentrations of zorbicin and "
                                   "pelmestane, respectively?")
    assert card.source.quote.startswith("In a clinical study of veltozole in women, veltozole was found")
    assert grade_typed("80 and 40%", card.data["answer"], card.data.get("accept", ())).correct
    assert not grade_typed("40% and 80%", card.data["answer"], card.data.get("accept", ())).correct


@pytest.mark.parametrize("sentence", [
    # two figures, no "respectively": which figure is whose, unsaid
    "Veltozole was found to decrease serum concentrations of zorbicin and pelmestane by 80% and 40%.",
    # whose effect?
    "It was found to decrease serum concentrations of zorbicin by 80%.",
])
def test_a_figure_of_an_interaction_that_is_not_plain_is_not_asked(tmp_path, sentence):
    cards = _cards(tmp_path, f"## Interactions\n\n{sentence}\n")
    assert not [c for c in cards if str(c.data.get("prompt", "")).startswith("By how much")]


def test_an_interaction_figure_the_article_calls_unimportant_is_not_asked(tmp_path):
    cards = _cards(tmp_path, "## Interactions\n\nHowever, zorbicin has been found to decrease steady-state levels of "
                             "veltozole by 27%. But estradiol levels did not differ, so the decrease in veltozole "
                             "levels is not thought to be clinically important.\n")
    assert not [c for c in cards if c.data.get("answer") == "27%"]


# --- what an enzyme's inhibitors and inducers do to the drug, by their examples -------------------


INHIBITORS = ("## Interactions\n\nAs veltozole is mainly metabolized by the liver enzyme CYP3A4, inhibitors of this "
              "enzyme (such as ketoconazole) are expected to increase its blood plasma concentrations.")
INDUCERS = ("Conversely, CYP3A4 inducers lower plasma concentrations of veltozole, as has been shown in a study "
            "with rifampicin.")


def test_inhibitors_then_conversely_inducers_are_one_card_on_both_sides_quoting_both(tmp_path):
    cards = _cards(tmp_path, f"{INHIBITORS} {INDUCERS}\n")
    (card,) = _asked(cards, "What do ketoconazole and rifampicin do to veltozole plasma concentrations?")
    assert card.data["answer"] == ("Ketoconazole (CYP3A4 inhibitor) increases them; rifampicin (CYP3A4 inducer) "
                                   "lowers them")
    assert card.source.quote == f"{INHIBITORS.split(chr(10))[-1]} {INDUCERS}"
    assert not [c for c in cards if c.source.quote == INDUCERS]  # its side is asked in the pair


@pytest.mark.parametrize("body", [
    INHIBITORS,  # one side alone: which way the class moves the levels is a guess
    # both sides, but the inducers' example is not named: the card would ask the class, a guess
    f"{INHIBITORS} Conversely, CYP3A4 inducers lower plasma concentrations of veltozole.",
])
def test_a_class_without_its_examples_on_both_sides_gives_no_card(tmp_path, body):
    cards = _cards(tmp_path, f"{body}\n")
    assert not [c for c in cards if str(c.data.get("prompt", "")).startswith("What do ")]


@pytest.mark.parametrize("sentence", [
    # another drug's levels: not the article's drug
    "CYP3A4 inducers lower plasma concentrations of zorbicin, as has been shown in a study with rifampicin.",
    # which enzyme?
    "Inhibitors of this enzyme (such as ketoconazole) are expected to increase its blood plasma concentrations.",
])
def test_modulators_of_an_unnamed_enzyme_or_of_another_drug_give_no_card(tmp_path, sentence):
    cards = _cards(tmp_path, f"## Interactions\n\n{sentence}\n")
    assert not [c for c in cards if str(c.data.get("prompt", "")).startswith("What do ")]


# --- the main route of excretion ----------------------------------------------------------------------


@pytest.mark.parametrize("sentence, answer", [
    ("Veltozole is excreted mainly via the feces (81%) and to a small extent via the urine (3%).", "Feces"),
    ("Veltozole is excreted primarily in urine but also to a lesser extent in feces.", "Urine"),
])
def test_the_main_route_of_excretion_is_asked_and_its_share_explained(tmp_path, sentence, answer):
    cards = _cards(tmp_path, f"## Pharmacokinetics\n\n{sentence}\n")
    (card,) = _asked(cards, "By which route is veltozole mainly excreted?")
    assert card.data["answer"] == answer
    assert card.source.quote == sentence
    assert ("81%" in card.data.get("explanation", "")) == ("81%" in sentence)  # the share, beside the answer


@pytest.mark.parametrize("sentence", [
    "Veltozole is excreted in bile and is eliminated in feces, while small amounts are eliminated in urine.",  # no main one
    "Zorbicin is excreted mainly via the feces (81%) and to a small extent via the urine (3%).",  # another drug
])
def test_no_main_route_or_another_drugs_route_gives_no_card(tmp_path, sentence):
    cards = _cards(tmp_path, f"## Pharmacokinetics\n\n{sentence}\n")
    assert not [c for c in cards if "excreted?" in str(c.data.get("prompt", ""))]


# --- rare adverse effects ---------------------------------------------------------------------------


def test_rare_effects_after_a_sentence_naming_the_drug_ask_two_of_them(tmp_path):
    cards = _cards(tmp_path, "## Side effects\n\nVeltozole produces abnormal liver changes in around 1% of people. "
                             "Rarely, it has been associated with cases of serious liver damage, serious lung "
                             "toxicity, and sensitivity to light.\n")
    (card,) = _asked(cards, "Name two rare adverse effects of veltozole.")
    assert card.data["items"] == ["liver damage", "lung toxicity", "sensitivity to light"]
    assert card.data["need"] == 2
    assert card.source.quote.startswith("Rarely, it has been associated")


def test_one_rare_effect_is_asked_alone(tmp_path):
    cards = _cards(tmp_path, "## Side effects\n\nVeltozole causes hot flashes in many women. Rarely, it can cause "
                             "seizures.\n")
    (card,) = _asked(cards, "Which rare adverse effect can veltozole cause?")
    assert card.data["answer"] == "Seizures"


def test_rare_effects_of_an_it_nothing_names_give_no_card(tmp_path):
    cards = _cards(tmp_path, "## Side effects\n\nSide effects of veltozole include hot flashes and nausea. Rarely, "
                             "it can cause seizures.\n")
    assert not [c for c in cards if "rare adverse" in str(c.data.get("prompt", ""))]


def test_a_drug_inducing_anothers_metabolism_is_asked_what_it_does_to_its_levels_and_how(tmp_path):
    cards = _cards(tmp_path, "## Interactions\n\nThe aromatase inhibitor zorbicin does not affect the metabolism of "
                             "veltozole. However, veltozole induces the metabolism of zorbicin and significantly "
                             "reduces its concentrations.\n")
    (card,) = _asked(cards, "What does veltozole do to zorbicin concentrations, and how?")
    assert card.data["answer"] == "Significantly reduces them, by inducing zorbicin's metabolism"
    assert card.source.quote.startswith("However, veltozole induces")


def test_two_other_drugs_metabolism_gives_no_card(tmp_path):
    cards = _cards(tmp_path, "## Interactions\n\nRifampicin induces the metabolism of zorbicin and significantly "
                             "reduces its concentrations.\n")
    assert not [c for c in cards if ", and how?" in str(c.data.get("prompt", ""))]


# --- the receptors a drug acts through ----------------------------------------------------------------


def test_the_two_receptors_a_drug_mainly_acts_through_are_asked(tmp_path):
    cards = _cards(tmp_path, "## Pharmacodynamics\n\nVeltozole affects target tissues mainly by interacting with two "
                             "nuclear receptors called veltor receptor α (VRα) and veltor receptor β (VRβ).\n")
    (card,) = _asked(cards, "Through which two nuclear receptors does veltozole mainly act?")
    assert card.data["answer"] == "Veltor receptor α (VRα) and veltor receptor β (VRβ)"


def test_receptors_of_another_substance_give_no_card(tmp_path):
    cards = _cards(tmp_path, "## Pharmacodynamics\n\nZorbicin affects target tissues mainly by interacting with two "
                             "nuclear receptors called veltor receptor α (VRα) and veltor receptor β (VRβ).\n")
    assert not [c for c in cards if str(c.data.get("prompt", "")).startswith("Through which")]


# --- how often an adverse effect occurs, beside another figure ------------------------------------------


def test_an_incidence_beside_another_figure_is_asked_without_it():
    sentence = ("Gynecomastia occurs in up to 80% of men treated with veltozole monotherapy, and is of "
                "mild-to-moderate severity in more than 90% of affected men.")
    at = sentence.index("80%")
    assert compact_question(sentence, at, at + 3) == \
        "Gynecomastia with veltozole monotherapy: in up to what share of men does it occur?"
    alone = "Seizures occur in approximately 1% of patients treated with veltozole, in clinical trials."
    at = alone.index("1%")
    assert compact_question(alone, at, at + 2) is None  # the sentence blanked shows no other figure: it stays


# --- the size of the drug's effect ----------------------------------------------------------------


SUPPRESSION = ("## Pharmacodynamics\n\nAs such, 1 mg/day is the minimal dosage required to achieve maximal "
               "suppression of aromatase with veltozole. This decrease in aromatase activity results in an at least "
               "85% decrease in estradiol levels in postmenopausal women.\n")


def test_the_size_of_the_drugs_effect_told_as_a_result_is_asked_for_its_people(tmp_path):
    cards = _cards(tmp_path, SUPPRESSION)
    (card,) = _asked(cards, "In postmenopausal women on veltozole, by at least how much do estradiol levels fall?")
    assert card.data["answer"] == "85%"
    assert grade_typed("at least 85%", card.data["answer"], card.data.get("accept", ())).correct
    assert card.source.quote.startswith("This decrease in aromatase activity")


def test_the_size_of_an_effect_after_a_sentence_on_another_drug_gives_no_card(tmp_path):
    cards = _cards(tmp_path, SUPPRESSION.replace("with veltozole", "with zorbicin"))
    assert not [c for c in cards if "how much do estradiol levels fall" in str(c.data.get("prompt", ""))]
