"""Coverage the eleventh reading's readers listed as missing: a trial's hazard ratio, the
indications in full when a drug is indicated together with another treatment, and why cancers
with a named mutation are vulnerable to a drug (the reason the article gives). Invented text only:
each shape must give its card (answer and quoted sentence checked), and near misses none."""

from __future__ import annotations

from anastro_quiz.grading import grade_typed
from anastro_quiz.grading_lists import grade_items

from generated import generated_cards


def _cards(tmp_path, body: str, name: str = "Zorbicin"):
    return generated_cards(tmp_path, f"# {name}\n\n{name} is a kinase inhibitor medication used to treat ovarian "
                           f"cancer.\n\n{body}", f"{name}.md")


def _asked(cards, prompt: str):
    return [c for c in cards if c.data.get("prompt") == prompt]


_TRIAL = ("## Efficacy\n\nVELA-3 demonstrated a statistically significant improvement in investigator-assessed "
          "progression-free survival (PFS) in patients randomized to zorbicin compared with those who received placebo, "
          "with a hazard ratio (HR) of 0.42 (95% CI: 0.31, 0.55; p<0.0001).\n")


def test_a_trials_hazard_ratio_is_asked_with_the_trial_and_comparator(tmp_path):
    (hr,) = _asked(_cards(tmp_path, _TRIAL),
                   "In VELA-3, what was the hazard ratio for progression-free survival with zorbicin vs placebo?")
    assert hr.data["answer"] == "0.42"
    assert hr.data["source"]["quote"] == _TRIAL.split("\n\n", 1)[1].strip()
    assert grade_typed("0.42", hr.data["answer"], hr.data["accept"]).correct
    assert not grade_typed("0.55", hr.data["answer"], hr.data["accept"]).correct


def test_a_hazard_ratio_under_history_is_still_asked(tmp_path):
    cards = _cards(tmp_path, _TRIAL.replace("## Efficacy", "## History"))
    assert [c.data["answer"] for c in cards if "hazard ratio" in str(c.data.get("prompt", ""))] == ["0.42"]


def test_another_drugs_hazard_ratio_is_not_asked(tmp_path):
    cards = _cards(tmp_path, _TRIAL.replace("randomized to zorbicin", "randomized to paclitaxel"))
    assert not any("hazard ratio" in str(c.data.get("prompt", "")) for c in cards)


def test_the_hazard_ratios_of_a_regimen_in_a_setting_are_asked_together(tmp_path):
    body = ("## Efficacy\n\nIn early-stage lung cancer, zorbicin-containing regimens improved overall survival (Hazard "
            "ratio (HR) = 0.71) and disease-free survival (HR = 0.58).\n")
    (hr,) = _asked(_cards(tmp_path, body), "In early-stage lung cancer, what were the hazard ratios of "
                                           "zorbicin-containing regimens for overall survival and for disease-free survival?")
    assert hr.data["answer"] == "0.71 and 0.58"
    assert grade_typed("0.71, 0.58", hr.data["answer"], hr.data["accept"]).correct
    # whose regimens, unsaid: no card
    unnamed = body.replace("zorbicin-containing regimens", "combination regimens")
    assert not any("hazard ratio" in str(c.data.get("prompt", "")) for c in _cards(tmp_path, unnamed))


def test_indications_with_a_partner_treatment_are_asked_in_full(tmp_path):
    body = ("## Medical uses\n\nZorbicin is indicated for use in conjunction with platinum chemotherapy in the treatment "
            "of recurrent platinum-sensitive ovarian cancer (rPSOC), advanced high-grade ovarian cancer, and stage III "
            "ovarian cancer (STOC).\n")
    (listed,) = _asked(_cards(tmp_path, body), "Name three forms of ovarian cancer zorbicin is indicated for, with "
                                               "platinum chemotherapy.")
    assert listed.data["items"] == ["recurrent platinum-sensitive ovarian cancer (rPSOC)", "advanced high-grade ovarian "
                                    "cancer", "stage III ovarian cancer (STOC)"]
    assert listed.data["need"] == 3
    # the initials the article gives are accepted
    assert grade_items("rPSOC, STOC, advanced high-grade ovarian cancer", listed.data["items"], need=3).correct
    # the disease itself is still asked alone
    assert any(c.data.get("prompt") == "What is zorbicin used to treat?" for c in _cards(tmp_path, body))


_VULNERABLE = ("## Mechanism of action\n\nZorbicin acts as an inhibitor of the enzyme ATR. KRAS4 mutations may "
               "predispose people to some forms of cancer. However, these cancers sometimes have a unique vulnerability, "
               "as the cancer cells have increased reliance on ATR to survive replication stress and enable them to "
               "keep dividing.\n")


def test_why_cancers_with_a_named_mutation_are_vulnerable_is_asked(tmp_path):
    (card,) = _asked(_cards(tmp_path, _VULNERABLE), "What unique vulnerability can cancers with KRAS4 mutations have?")
    assert card.data["answer"] == "Increased reliance on ATR to survive replication stress"
    assert card.data["source"]["quote"].startswith("However, these cancers sometimes have a unique vulnerability")


def test_a_vulnerability_of_cancers_nothing_names_is_not_asked(tmp_path):
    unnamed = _VULNERABLE.replace("KRAS4 mutations may predispose people to some forms of cancer.",
                                  "Some people are predisposed to some forms of cancer.")
    assert not any("vulnerability" in str(c.data.get("prompt", "")) for c in _cards(tmp_path, unnamed))


_RESISTANCE = ("## Pharmacology\n\n### Resistance mechanisms in lung cancer\n\nZorbicin is only effective for a certain "
               "time. Currently, several mechanisms have been found:\n\n- KIT mutations\n- MET amplification\n"
               "- Histologic transformation\n- Interleukin 8 signaling mediated resistance\n")


def test_a_bulleted_list_of_resistance_mechanisms_is_asked_whole(tmp_path):
    (listed,) = _asked(_cards(tmp_path, _RESISTANCE), "Name three resistance mechanisms to zorbicin in lung cancer.")
    assert listed.data["items"] == ["KIT mutations", "MET amplification", "Histologic transformation",
                                    "Interleukin 8 signaling mediated resistance"]
    assert listed.data["source"]["quote"] == ("Currently, several mechanisms have been found: KIT mutations; MET "
                                              "amplification; Histologic transformation; Interleukin 8 signaling "
                                              "mediated resistance")
    assert grade_items("MET amplification, KIT mutations, histologic transformation", listed.data["items"], need=3).correct


def test_a_bulleted_list_nothing_names_or_of_long_dated_items_is_not_asked(tmp_path):
    unnamed = _RESISTANCE.replace("### Resistance mechanisms in lung cancer", "### Other findings")
    assert not any(str(c.data.get("prompt", "")).startswith("Name three") for c in _cards(tmp_path, unnamed))
    dated = ("## Medical uses\n\nZorbicin is approved for various conditions:\n\n- Advanced kidney cancer (US FDA approved "
             "in March 2009)\n- Prevention of organ rejection after renal transplant (US FDA April 2010)\n"
             "- Pancreatic neuroendocrine tumors (May 2011)\n")
    assert not any(str(c.data.get("prompt", "")).startswith("Name ") for c in _cards(tmp_path, dated))


_WITH_OTHERS = ("## Interactions\n\nA Dutch study presented at a meeting in 2015 found that after three years, 6.2% "
                "of women who took only zorbicin had a relapse, compared with 14% who took either ketoconazole, "
                "itraconazole or clarithromycin, drugs considered to be the strongest CYP3A4 inhibitors.\n")


def test_an_events_rate_on_the_drug_alone_and_with_others_is_asked_as_a_pair(tmp_path):
    (pair,) = _asked(_cards(tmp_path, _WITH_OTHERS), "After three years, what share of women taking zorbicin alone "
                                                     "had a relapse, compared with those who took the strongest CYP3A4 "
                                                     "inhibitors?")
    assert pair.data["answer"] == "6.2% vs 14%"
    assert grade_typed("6.2 vs 14%", pair.data["answer"], pair.data["accept"]).correct
    # without what the sentence says they are, the other drugs are named
    named = _WITH_OTHERS.replace(", drugs considered to be the strongest CYP3A4 inhibitors", "")
    assert _asked(_cards(tmp_path, named), "After three years, what share of women taking zorbicin alone had a "
                                           "relapse, compared with those who took ketoconazole, itraconazole or "
                                           "clarithromycin?")
