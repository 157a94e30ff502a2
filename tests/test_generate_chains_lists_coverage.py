"""Coverage the ninth reading asked for: a mechanism told as "binds to ... thus leading to A and
thus leading to B" (with the "Eventually, ..." sentence after it) as one chain card, and the most
common side effects of a long list asked as "Name two" (any two of the listed items, and of the
article's second list of the same side effects).

Invented text must give the card (prompt, answer or items, quote checked); near misses give none.
"""

from __future__ import annotations

import pytest

from anastro_quiz.grading_lists import grade_items

from generated import generated_cards


def _cards(tmp_path, body: str):
    return generated_cards(tmp_path, f"# Zorelin\n\n## Main\n\nZorelin, sold under the brand name Zora, is a GnRH agonist used to "
                    f"treat prostate cancer.\n\n{body}", "zorelin.md")


def _prompted(cards, prompt: str):
    return [c for c in cards if c.data.get("prompt") == prompt]


BINDS = ("It rapidly binds to the GnRH receptor cells in the pituitary gland thus leading to an initial increase "
         "in production of luteinizing hormone and thus leading to an initial increase in the production of "
         "testosterone.")


def test_binding_thus_leading_to_two_effects_and_eventually_a_third_is_one_chain(tmp_path):
    cards = _cards(tmp_path, "## Pharmacology\n\nZorelin is a synthetic peptide given by injection. Peak serum "
                             f"concentrations are reached in about two hours. {BINDS} This initial flare may be "
                             "treated with an antiandrogen. Eventually, after about 14–21 days, production of LH is "
                             "greatly reduced due to receptor downregulation, and testosterone is reduced to castrate "
                             "levels.\n")
    (card,) = _prompted(cards, "Zorelin binds to the GnRH receptor cells in the pituitary gland: what follows, "
                               "step by step?")
    assert card.data["answer"].split(" → ") == [
        "An initial increase in production of luteinizing hormone", "an initial increase in the production of "
        "testosterone", "after about 14–21 days: receptor downregulation", "production of LH is greatly reduced",
        "testosterone is reduced to castrate levels"]
    assert card.source.quote == BINDS
    assert card.data["explanation"].startswith("Eventually, after about 14–21 days")


def test_the_chain_stops_where_the_paragraph_tells_no_later_course(tmp_path):
    cards = _cards(tmp_path, f"## Pharmacology\n\nZorelin is a synthetic peptide given by injection. {BINDS}\n")
    (card,) = [c for c in cards if c.data.get("prompt", "").endswith("what follows, step by step?")]
    assert card.data["answer"].count(" → ") == 1


@pytest.mark.parametrize("body", [
    # "It" in a paragraph that opens with another drug: whose binding?
    f"## Pharmacology\n\nLeuprorelin is a related peptide given by injection. Peak serum concentrations are "
    f"reached in about two hours. {BINDS}\n",
    # one effect only: a link, not a chain
    "## Pharmacology\n\nZorelin rapidly binds to the GnRH receptor cells in the pituitary gland thus leading to an "
    "initial increase in production of luteinizing hormone.\n",
])
def test_no_chain_without_the_drug_or_without_two_effects(tmp_path, body):
    cards = _cards(tmp_path, body)
    assert not [c for c in cards if c.data.get("prompt", "").endswith("what follows, step by step?")]


def test_six_most_common_adverse_reactions_ask_any_two(tmp_path):
    cards = _cards(tmp_path, "## Adverse effects\n\nThe most common adverse reactions (incidence 30% or more) were "
                             "stomatitis, infections, diarrhea, peripheral edema, fatigue and rash.\n")
    (card,) = _prompted(cards, "Name two of the most common adverse reactions of zorelin.")
    assert card.data["items"] == ["stomatitis", "infections", "diarrhea", "peripheral edema", "fatigue", "rash"]
    assert card.data["need"] == 2
    assert grade_items("rash and stomatitis", card.data["items"], card.data["need"]).correct
    assert not grade_items("rash", card.data["items"], card.data["need"]).correct


def test_an_example_inside_a_listed_effect_is_accepted_for_it(tmp_path):
    cards = _cards(tmp_path, "## Adverse effects\n\nThe most common side effects seen in trials were "
                             "diarrhea, nausea, leukopenia including neutropenia, anemia, stomach pain, fatigue and "
                             "headache.\n")
    (card,) = _prompted(cards, "Name two of the most common side effects of zorelin.")
    assert "leukopenia (neutropenia)" in card.data["items"]
    assert grade_items("neutropenia, diarrhea", card.data["items"], card.data["need"]).correct


def test_the_lead_list_and_a_later_list_of_common_side_effects_make_one_key(tmp_path):
    cards = _cards(tmp_path, "Common side effects include fever, infection, cough, headache, trouble sleeping, and "
                             "rash.\n\n## Adverse effects\n\nSome of the common side effects of zorelin are nausea and "
                             "diarrhea.\n")
    (card,) = [c for c in cards if c.data.get("prompt", "").startswith("Name ") and "side effects" in c.data["prompt"]]
    assert card.data["prompt"] == "Name two common side effects of zorelin."
    assert card.data["items"][:6] == ["fever", "infection", "cough", "headache", "trouble sleeping", "rash"]
    assert {"nausea", "diarrhea"} <= set(card.data["items"])
    assert card.data["explanation"].startswith("Some of the common side effects of zorelin are")
    assert grade_items("nausea and cough", card.data["items"], card.data["need"]).correct


def test_no_two_of_a_key_of_nine_or_more_side_effects(tmp_path):
    # Readers read "Name two common side effects" keyed with nine and ten items WEAK twice (any
    # generic symptom passes); six were kept. A second list that would take the key past eight
    # leaves no card: a key of the first list alone would mark the second's items wrong.
    (tmp_path / "ten").mkdir(), (tmp_path / "merged").mkdir()
    ten = ("The most common side effects seen in trials were diarrhea, nausea, anemia, stomach pain, infections, "
           "fatigue, headache, alopecia, dizziness and rash.\n")
    assert not [c for c in _cards(tmp_path / "ten", "## Adverse effects\n\n" + ten)
                if c.data.get("prompt", "").startswith("Name two")]
    merged = _cards(tmp_path / "merged", "Common side effects include fever, infection, cough, headache, trouble "
                    "sleeping, and rash.\n\n## Adverse effects\n\nSome of the common side effects of zorelin are "
                    "flu-like symptoms (such as chills and mild pain), nausea and diarrhea.\n")
    assert not [c for c in merged if c.data.get("prompt", "").startswith("Name two")]


def test_six_side_effects_not_called_common_ask_no_two(tmp_path):
    cards = _cards(tmp_path, "## Adverse effects\n\nSide effects include fever, infection, cough, headache, "
                             "insomnia, and rash.\n")
    assert not [c for c in cards if c.data.get("prompt", "").startswith("Name two")]


# --- effects told as several steps, "this pathway", what the drug leaves alone --------------------


FEEDBACK = ("Blockade of the AR by zorelin in the pituitary gland and hypothalamus results in prevention of the negative "
            "feedback of androgens on the hypothalamic–pituitary–gonadal axis (HPG axis) in males and consequent "
            "disinhibition of pituitary luteinizing hormone (LH) secretion. This, in turn, results in an increase in "
            "circulating LH levels and activation of the gonadal production of testosterone and by extension "
            "production of estradiol.")


def test_two_sentences_of_several_steps_each_are_one_chain_for_its_people(tmp_path):
    cards = _cards(tmp_path, f"## Pharmacodynamics\n\n{FEEDBACK}\n")
    (card,) = _prompted(cards, "In males, blockade of the AR by zorelin in the pituitary gland and hypothalamus: what "
                               "follows, step by step?")
    assert card.data["answer"].split(" → ") == [
        "Prevention of the negative feedback of androgens on the HPG axis", "disinhibition of pituitary LH secretion",
        "an increase in circulating LH levels", "activation of the gonadal production of testosterone",
        "production of estradiol"]
    assert card.source.quote.startswith("Blockade of the AR by zorelin")
    assert card.data["explanation"].startswith("Next: This, in turn, results in")


def test_steps_too_long_to_recall_give_no_chain(tmp_path):
    long_step = FEEDBACK.replace("disinhibition of pituitary luteinizing hormone (LH) secretion",
                                 "disinhibition of the secretion of the pituitary hormone that drives the testes")
    cards = _cards(tmp_path, f"## Pharmacodynamics\n\n{long_step}\n")
    assert not [c for c in cards if c.data.get("prompt", "").endswith("what follows, step by step?")]


CDK = ("## Mechanism of action\n\nZorelin inhibits the enzymes cyclin-dependent kinase 4 (CDK4) and cyclin-dependent "
       "kinase 6 (CDK6). These enzymes are responsible for phosphorylating and thus deactivating the retinoblastoma "
       "protein. Blocking this pathway prevents cells from progressing to the S phase, thereby inducing apoptosis "
       "(cell death).\n")


def test_blocking_this_pathway_gives_no_chain_that_skips_the_step_before(tmp_path):
    # the step between (what blocking the enzymes leaves active) is the sentence before's: a chain from
    # "Blocking this pathway ..." alone skips it (the twelfth reading); what they do is asked instead
    cards = _cards(tmp_path, CDK)
    assert not [c for c in cards if c.data.get("prompt", "").endswith("what follows, step by step?")]
    (card,) = _prompted(cards, "What are CDK4 and CDK6 responsible for?")
    assert "retinoblastoma protein" in card.data["answer"]


def test_this_pathway_with_nothing_named_before_it_gives_no_chain(tmp_path):
    cards = _cards(tmp_path, "## Mechanism of action\n\nThe cell cycle is tightly regulated in healthy tissue. Blocking "
                             "this pathway prevents cells from progressing to the S phase, thereby inducing apoptosis.\n")
    assert not [c for c in cards if c.data.get("prompt", "").endswith("what follows, step by step?")]


def test_what_the_drug_leaves_unaffected_is_asked_by_name(tmp_path):
    cards = _cards(tmp_path, "## Pharmacodynamics\n\nZorelin lowers testosterone by at least 90%. Levels of "
                             "corticosteroids and other adrenal steroids are unaffected by zorelin.\n")
    (card,) = _prompted(cards, "Levels of which steroids are unaffected by zorelin?")
    assert card.data["answer"] == "Corticosteroids and other adrenal steroids"


def test_what_the_drug_does_not_lower_is_not_asked_open(tmp_path):
    # the tenth reading: "What does X not lower?" has every level it leaves alone as a right answer
    cards = _cards(tmp_path, "## Pharmacology\n\nZorelin is an antiandrogen. It works by blocking the androgen "
                             "receptor. It does not lower androgen levels.\n")
    assert not _prompted(cards, "What does zorelin not lower?")


def test_another_drug_leaving_levels_unaffected_is_no_card_of_this_article(tmp_path):
    cards = _cards(tmp_path, "## Interactions\n\nLevels of corticosteroids and other adrenal steroids are unaffected "
                             "by letrozole. Letrozole does not lower androgen levels.\n")
    assert not [c for c in cards if "unaffected" in c.data.get("prompt", "") or " not lower" in c.data.get("prompt", "")]


# --- a reason the article points to ------------------------------------------------------------


def test_which_is_a_reason_gives_the_why_with_its_setting_after(tmp_path):
    cards = _cards(tmp_path, "## Adverse effects\n\nZorelin acts as a partial agonist on the endometrium. With time, "
                             "risk of endometrial cancer may be doubled to quadrupled, which is a reason zorelin is "
                             "typically only used for five years.\n")
    (card,) = _prompted(cards, "Why is zorelin typically only used for five years?")
    assert card.data["answer"] == "Risk of endometrial cancer may be doubled to quadrupled with time"


def test_therefore_closing_a_paragraph_asks_why_from_its_opening(tmp_path):
    cards = _cards(tmp_path, "## Cardiotoxicity\n\nZorelin downregulates neuregulin-1 (NRG-1), which is essential for "
                             "the activation of cell survival pathways in cardiomyocytes and the maintenance of cardiac "
                             "function. NRG-1 activates the MAPK pathway in heart muscle cells. Zorelin can therefore "
                             "lead to cardiac dysfunction.\n")
    (card,) = _prompted(cards, "Why can zorelin lead to cardiac dysfunction?")
    assert card.data["answer"] == "It downregulates neuregulin-1 (NRG-1), essential for the maintenance of cardiac function"
    assert card.source.quote == "Zorelin can therefore lead to cardiac dysfunction."
    assert card.data["explanation"].startswith("Zorelin downregulates neuregulin-1")


def test_therefore_without_the_premise_opening_its_paragraph_gives_no_why(tmp_path):
    cards = _cards(tmp_path, "## Cardiotoxicity\n\nHeart failure was seen in trials of many antibodies. Zorelin "
                             "downregulates neuregulin-1 (NRG-1), which is essential for the maintenance of cardiac "
                             "function. Zorelin can therefore lead to cardiac dysfunction.\n")
    assert not _prompted(cards, "Why can zorelin lead to cardiac dysfunction?")
