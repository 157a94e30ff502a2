"""Facts a sentence tells behind a turn of phrase (teacher_turns), asked on invented text."""

from __future__ import annotations


from generated import generated_cards, questions_and_answers


_LEAD = "# Zorbicin\n\nZorbicin is a receptor modulator used to treat ovarian cancer.\n\n"


def test_what_turns_the_drug_into_its_opposite(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, _LEAD + "## Resistance\n\nUnder normal circumstances, zorbicin has no capacity "
                          "to activate the PR. However, in ovarian cancer, amplifications and splice variants of the "
                          "PR can arise in tumour cells which can convert zorbicin from an antagonist of the PR into "
                          "an agonist.\n"))
    assert asked.get("In ovarian cancer, what can convert zorbicin from an antagonist of the PR into an agonist?") \
        == "Amplifications and splice variants of the PR", asked


def test_a_share_behind_an_evaluative_opener_is_asked_without_it(tmp_path):
    asked = questions_and_answers(generated_cards(tmp_path, _LEAD + "## Efficacy\n\nIt is remarkable that although zorbicin binds its "
                          "target tightly and can be given at high doses, 45% of PR+ patients with metastatic disease "
                          "do not respond to therapy. Resistance develops within months.\n"))
    assert asked.get("What share of PR+ patients with metastatic disease do not respond to therapy with zorbicin?") \
        == "45%", asked


def test_a_side_benefit_is_asked_how_with_the_tissue_the_pointer_stands_for(tmp_path):
    text = ("## Pharmacodynamics\n\nIn ovarian tissue, zorbicin acts as a PR antagonist. A beneficial side effect "
            "of zorbicin is that it prevents muscle wasting by acting as a PR agonist (i.e., mimicking the effects "
            "of progesterone) in this cell type.\n")
    asked = questions_and_answers(generated_cards(tmp_path, _LEAD + text))
    assert asked.get("How does zorbicin prevent muscle wasting?") == "By acting as a PR agonist", asked
    # without a tissue in the question "in this cell type" points nowhere the card shows
    unnamed = questions_and_answers(generated_cards(tmp_path, _LEAD + text.replace("muscle wasting", "wasting")))
    assert not any(p.startswith("How does zorbicin prevent") for p in unnamed), unnamed


def test_which_organs_impairment_lengthens_the_half_life(tmp_path):
    text = ("## Pharmacokinetics\n\nZorbicin is poorly protein-bound and has an elimination half-life of three "
            "hours in patients with normal liver function. The half-life increases in patients with impaired "
            "hepatic function. There is no significant change in pharmacokinetics in patients with renal "
            "failure.\n")
    cards = generated_cards(tmp_path, _LEAD + text)
    card = next((c for c in cards if c.data.get("prompt") ==
                 "Zorbicin: impaired function of which organ lengthens its half-life?"), None)
    assert card is not None and card.data["answer"] == "The liver (hepatic function)", questions_and_answers(cards)
    assert "renal failure" in card.data.get("explanation", "")
    # both sentences on the same organ: nothing to tell apart
    same = questions_and_answers(generated_cards(tmp_path, _LEAD + text.replace("renal failure", "liver failure")))
    assert "Zorbicin: impaired function of which organ lengthens its half-life?" not in same, same


def test_a_ratio_up_to_n_times_more_is_asked_as_the_ratio_with_its_counts_explained(tmp_path):
    cards = generated_cards(tmp_path, _LEAD + "## Mechanism of action\n\nThe PR pathway promotes cell growth. In tumour "
                   "cells the PR protein can be expressed up to 40 times more than in healthy cells (800,000 versus "
                   "20,000 per cell).\n")
    card = next((c for c in cards if c.data.get("prompt") == "In tumour cells, up to how many times more can the "
                 "PR protein be expressed than in healthy cells?"), None)
    assert card is not None and card.data["answer"] == "40 times", questions_and_answers(cards)
    assert "800,000 versus 20,000" in card.data.get("explanation", "")


def test_the_major_active_form_is_asked_with_why_it_is_the_major_one(tmp_path):
    cards = generated_cards(tmp_path, _LEAD + "## Pharmacology\n\nZorbicin acts as a prodrug of the active metabolites "
                   "norzorbicin and hydroxyzorbicin. Their potencies are very similar. However, norzorbicin occurs "
                   "in much higher concentrations than hydroxyzorbicin and is now thought to be the major active "
                   "form of zorbicin in the body.\n")
    card = next((c for c in cards if c.data.get("prompt") == "Which metabolite is thought to be the major active "
                 "form of zorbicin in the body?"), None)
    assert card is not None and card.data["answer"] == "Norzorbicin", questions_and_answers(cards)
    assert "higher concentrations than hydroxyzorbicin" in card.data.get("explanation", "")
