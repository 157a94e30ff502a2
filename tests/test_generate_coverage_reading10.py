"""Facts the tenth reading's readers found no card for, asked on invented text."""

from __future__ import annotations

from anastro_quiz.generate.clauses import clauses

from generated import generated_cards, questions_and_answers


_LONG_ASIDE = ("This is thought to be due to zorbicin crossing the blood–brain barrier and exerting off-target "
               "binding to and inhibition of the glycine receptor in the central nervous system (it has been found "
               "to inhibit the glycine receptor in vitro (IC50 = 3.6 μM) and induces tremors in animals at high "
               "doses, as several later reports also found).")


def test_a_closing_bracketed_remark_is_cut_off_whole_not_the_claim_at_an_and():
    pieces = clauses(_LONG_ASIDE)
    assert pieces[0].endswith("inhibition of the glycine receptor in the central nervous system"), pieces


def test_an_effect_explained_by_the_next_sentence_is_asked_why(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiandrogen used to treat prostate cancer.\n\n"
                          "## Side effects\n\nTremors have occurred in approximately 2% of patients treated with "
                          f"zorbicin in clinical trials. {_LONG_ASIDE}\n\n## Other uses\n\n"
                          "Zorbicin may be effective in the treatment of migraine in people with epilepsy. This is "
                          "thought to be due to blockade of protein kinase Q (PKQ), an enzyme that regulates neuron "
                          "activity in the brain.\n"))
    assert asked.get("Why have tremors occurred in patients treated with zorbicin in clinical trials?") == \
        "Crossing the blood–brain barrier and off-target inhibition of the glycine receptor", asked
    assert asked.get("Why may zorbicin be effective in the treatment of migraine in people with epilepsy?") == \
        "Blockade of protein kinase Q", asked


def test_the_least_dose_that_does_the_most_is_asked_with_its_figures_explained(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an aromatase inhibitor used to treat breast cancer.\n\n"
                   "## Pharmacodynamics\n\nZorbicin has been found to achieve 95% inhibition of aromatase at a "
                   "dosage of 2 mg/day and 97% inhibition of aromatase at a dosage of 20 mg/day in humans. As such, "
                   "2 mg/day is considered to be the minimal dosage required to achieve maximal suppression of "
                   "aromatase with zorbicin.\n")
    card = next((c for c in cards if c.data.get("prompt") == "What is the minimal dosage of zorbicin that achieves "
                 "maximal suppression of aromatase?"), None)
    assert card is not None and card.data["answer"] == "2 mg/day", questions_and_answers(cards)
    assert "20 mg/day" in card.data.get("explanation", "")


def test_the_drug_beside_its_relatives(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is a kinase inhibitor used to treat breast cancer.\n\n"
                   "## Mechanism of action\n\nLike the related drugs quarbicin and velbicin, zorbicin inhibits the "
                   "enzymes cyclin-dependent kinase 4 (CDK4) and cyclin-dependent kinase 6 (CDK6).\n\n"
                   "## Comparison\n\nAlso, unlike with the first-generation NSAAs, there has been no evidence of "
                   "pancreatitis or elevated amylase in association with zorbicin treatment in clinical trials.\n")
    related = next((c for c in cards if c.data.get("items") == ["quarbicin", "velbicin"]), None)
    assert related is not None and "CDK" not in related.data["prompt"], questions_and_answers(cards)
    assert questions_and_answers(cards).get("Unlike first-generation NSAAs, zorbicin has shown no evidence of what in clinical "
                             "trials?") == "Pancreatitis or elevated amylase", questions_and_answers(cards)


def test_the_drugs_of_a_class_safe_to_combine_are_named_by_their_generic_names(tmp_path):
    cards = generated_cards(tmp_path, "# Zorbicin\n\nZorbicin is an antiestrogen used to treat breast cancer.\n\n"
                   "## Interactions\n\nPatients taking the SSRIs Quelexa (quitalopram), Vexapro (vescitalopram), and "
                   "Zuvox (zuvoxamine) did not have an increased risk of recurrence, due to their lack of "
                   "competitive metabolism for the CYP2D6 enzyme.\n")
    safe = next((c for c in cards if c.data.get("items")), None)
    assert safe is not None and safe.data["items"] == ["quitalopram", "vescitalopram", "zuvoxamine"], questions_and_answers(cards)
    assert safe.data["prompt"] == ("Name three SSRIs that did not increase the risk of recurrence in patients "
                                   "taking zorbicin.")
