"""Facts the twelfth reading's readers listed among what no card asked, where the article states them
in one sentence, each asked by a general rule on invented text: the share of a substance that
circulates free, the two conditions that make a patient eligible for the drug, and what the drug
given alone is not associated with, unlike a class of others."""

from __future__ import annotations

from anastro_quiz.grading_lists import grade_items

from generated import generated_cards, questions_and_answers

LEAD = "# Zorbicin\n\n## Main\n\nZorbicin is a kinase inhibitor used to treat lung cancer.\n\n"


def test_the_share_that_circulates_free_is_asked(tmp_path):
    cards = generated_cards(tmp_path, LEAD + "## Distribution\n\nIn plasma, zorbicin is largely bound to SHBG and "
                                              "albumin. Only about 3.46% (± 0.05%) of zorbicin is free and "
                                              "biologically active. The percentage remains constant over the day.\n")
    (card,) = [c for c in cards if c.data.get("prompt") == "What share of zorbicin is free and biologically active?"]
    assert card.data["answer"] == "About 3%"  # the hundredths of an "about" figure are no point to recall
    assert "3.5%" in card.data["accept"] and "3.46%" in card.data["accept"]


def test_the_two_conditions_of_eligibility_are_asked_as_a_list(tmp_path):
    cards = generated_cards(tmp_path, LEAD + "## Predicting response\n\nIf it is determined that a tumor is "
                                              "overexpressing the KRAS gene and the patient has no significant "
                                              "pre-existing liver disease, then a patient is eligible for treatment "
                                              "with zorbicin.\n")
    (card,) = [c for c in cards if c.data.get("prompt") ==
               "Which two conditions make a patient eligible for treatment with zorbicin?"]
    assert card.data["items"] == ["tumor overexpressing the KRAS gene", "no significant pre-existing liver disease"]
    assert grade_items("tumor overexpressing the KRAS gene, no significant pre-existing liver disease",
                       card.data["items"], card.data["need"]).correct


def test_a_condition_in_another_form_gives_no_eligibility_card(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, LEAD + "## Predicting response\n\nIf a biopsy shows "
                                                  "markers in abundance and the patient agrees to regular scans, then "
                                                  "a patient is eligible for treatment with zorbicin.\n"))
    assert not [q for q in asked if "eligible" in q], asked


def test_what_the_drug_alone_is_not_associated_with_unlike_a_class_is_asked(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, LEAD + "## Side effects\n\nIn addition, unlike GnRH "
                                                  "agonists and CPA, zorbicin monotherapy is not associated with "
                                                  "decreased muscle mass or sarcopenia.\n"))
    assert asked.get("Unlike GnRH agonists and CPA, what is zorbicin monotherapy not associated with?") == \
        "Decreased muscle mass or sarcopenia", asked


def test_what_a_pivotal_trial_compared_the_drug_with_is_asked(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, LEAD + "## History\n\nIn lung cancer, zorbicin is "
                                                  "approved for KRAS-mutated metastatic disease. This approval was "
                                                  "based on the ZEPHYR randomised phase III trial, which showed a "
                                                  "progression-free survival benefit for patients treated with "
                                                  "zorbicin compared to standard chemotherapy.\n"))
    # (the setting the approval names is in the question since the thirteenth reading)
    assert asked.get("In the ZEPHYR trial in KRAS-mutated metastatic disease, compared with what did zorbicin show a "
                     "progression-free survival benefit?") == "Standard chemotherapy", asked


def test_why_interactions_are_unlikely_is_asked_from_the_sentence_before(tmp_path):
    cards = generated_cards(tmp_path, LEAD + "## Interactions\n\nZorbicin is thought to have clinically negligible "
                                              "inhibitory effects on the cytochrome P450 enzymes CYP1A2, CYP2D6, and "
                                              "CYP2C9. As a result, it is thought that drug interactions of zorbicin "
                                              "with cytochrome P450 substrates are unlikely.\n")
    (card,) = [c for c in cards if c.data.get("prompt") == "Why are drug interactions of zorbicin with cytochrome "
               "P450 substrates thought to be unlikely?"]
    assert card.data["answer"] == "It has clinically negligible inhibitory effects on the cytochrome P450 enzymes"
    assert card.source.quote.startswith("As a result") and "CYP2D6" in card.data["explanation"]
