"""Rules from the sixteenth reading, each on invented text, both ways."""

from __future__ import annotations

from generated import generated_cards, questions_and_answers

ARTICLE = ("# Zorbicin\n\n## Main\n\nZorbicin is a PARP inhibitor used to treat ovarian cancer.\n\n## Trials\n\n"
           "TRIAL-A randomized 200 patients with recurrent ovarian cancer to receive zorbicin tablets 200 mg orally "
           "twice daily or placebo. TRIAL-A showed a longer progression-free survival with zorbicin. TRIAL-B "
           "randomized 180 patients to receive zorbicin capsules {dose} orally twice daily or placebo.\n\n"
           "## Formulations\n\nIn 2019 zorbicin tablets were approved in the United States. The formulation was "
           "changed from capsules to tablets. The capsules and tablets are not interchangeable.\n")
COMPARED = "Zorbicin: compare the dose of the tablets and of the capsules."
YES_NO = "Are zorbicin capsules and tablets interchangeable?"


def test_interchangeable_yes_no_goes_beside_the_comparison_of_the_forms_doses(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, ARTICLE.format(dose="350 mg")))
    assert COMPARED in asked, asked
    assert YES_NO not in asked, asked


def test_interchangeable_yes_no_stays_when_no_card_compares_the_forms(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, ARTICLE.format(dose="200 mg")))
    assert COMPARED not in asked, asked
    assert asked.get(YES_NO) == "No", asked


def test_a_two_word_form_is_the_same_form_in_both_cards(tmp_path):
    article = ARTICLE.format(dose="350 mg").replace("zorbicin capsules", "zorbicin oral solution").replace(
        "from capsules to tablets. The capsules and tablets", "from an oral solution to tablets. The oral solution and tablets")
    asked = questions_and_answers(generated_cards(tmp_path, article))
    assert [q for q in asked if "compare the dose of the" in q and "oral solution" in q], asked
    assert not [q for q in asked if "interchangeable" in q], asked
