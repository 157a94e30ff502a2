"""The text signals selection weighs (generate/prompt_signals.py), and what they keep out of decks."""

from __future__ import annotations

import pytest

from anastro_quiz.generate import generate_decks
from anastro_quiz.generate.prompt_signals import about_something_else, side_study, unnamed_study, verbless


@pytest.mark.parametrize("quote, side", [
    ("A study has found that topical 2% progesterone cream increases skin elasticity.", True),
    ("Recent research has shown that 7–10% of women may not receive the full benefit.", True),
    ("In all of the published case reports of liver toxicity, the onset was within 6 months.", True),
    ("In dose-ranging studies, severe fatigue was observed at doses of 240 mg/day and above.", True),
    ("Seizures have occurred in approximately 1% of patients treated with enzalutamide.", False),
    ("In the ATAC trial, the reduction was approximately 6.1% in the lumbar spine.", False),
])
def test_one_unnamed_studys_finding_is_a_side_note(quote, side):
    assert side_study(quote) is side


@pytest.mark.parametrize("quote, other", [
    ("Steady state levels of afimoxifene are achieved after 8 weeks of daily tamoxifen administration.", True),
    ("The half-life of afimoxifene is 14 days.", True),
    ("Peak levels of tamoxifen occur after 3 to 7 hours.", False),
    ("Seizures have occurred in approximately 1% of patients.", False),
])
def test_a_figure_about_another_substance(quote, other):
    assert about_something_else(quote, {"tamoxifen", "nolvadex"}) is other


def test_which_trial_and_what_the_figure_is():
    assert unnamed_study("After more than _____ the group that received anastrozole had better results.")
    assert not unnamed_study("In the ATAC trial, after more than _____ the group that received anastrozole ...")
    assert verbless("Bicalutamide: Peripheral precocious puberty in boys at _____ with an aromatase inhibitor")
    assert not verbless("Steady-state concentrations of enzalutamide are achieved within _____ of treatment.")


def test_side_figures_are_not_asked_and_a_headline_one_is(tmp_path):
    doc = tmp_path / "tam.md"
    doc.write_text("# Tamoxifen\n\n## Pharmacokinetics\n\n"
                   "The elimination half-life of tamoxifen is 5 hours.\n"
                   "The half-life of afimoxifene is 14 days.\n"
                   "A study has found that topical 2% tamoxifen gel reduces breast density.\n", encoding="utf-8")
    answers = {str(c.data.get("answer")) for d in generate_decks([doc]) for c in d.cards}
    assert "5 hours" in answers and not answers & {"14 days", "2%"}, answers


def test_an_adverse_effect_named_first_is_not_another_substance():
    quote = "Hyperlipidemia, the excess of fats in the blood, was reported in 12% of patients receiving letrozole."
    assert not about_something_else(quote, {"letrozole"})


@pytest.mark.parametrize("prompt, vague", [
    ("What can over-suppression of estradiol in men lead to?", True),
    ("For some women, what can tamoxifen cause?", True),
    ("In breast tissue, tamoxifen acts as an ER antagonist: with what effect?", False),
    ("Why does bicalutamide have a theoretical risk of birth defects?", False),
])
def test_an_effect_asked_with_nothing_to_say_which(prompt, vague):
    from anastro_quiz.generate.prompt_signals import open_consequence

    assert open_consequence(prompt) is vague


def test_an_open_effect_blank_and_a_list_item_blank_are_not_asked(tmp_path):
    doc = tmp_path / "enza.md"
    doc.write_text("# Enzalutamide\n\n## Pharmacology\n\n"
                   "Enzalutamide inhibits the nuclear translocation of androgen receptors.\n"
                   "Enzalutamide blocks the binding of androgens to the androgen receptor in prostate cells.\n\n"
                   "## Resistance\n\n- Increase in intra-tumoral androgen biosynthesis mediated by AKR1C3 enzyme\n",
                   encoding="utf-8")
    texts = [str(c.data.get("text") or c.data.get("prompt")) for d in generate_decks([doc]) for c in d.cards]
    assert not any(t.startswith("Enzalutamide inhibits the {{c1::") and t.endswith("}}.") for t in texts), texts
    assert not any("AKR1C3" in t and "{{c1::" in t for t in texts), texts
