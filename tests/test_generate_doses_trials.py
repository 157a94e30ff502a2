"""Coverage of the facts a teacher asks first (generate/teacher_doses.py, teacher_trials.py,
teacher_route.short_route): the dose a use gets, wherever the article writes it (a bullet of
a list of uses, a sentence); a trial's two figures side by side; how a drug is taken, from a
sentence too short for anything else.

Each shape has invented text that must give the card (answer and quoted line checked) and near
misses that must give none; one check runs on a real corpus article when it is on this machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from anastro_quiz.generate.pipeline import generate
from anastro_quiz.grading import grade_typed

from generated import generated_cards

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "wiki", Path("/work/shared/corpus/wiki")) if p.is_dir()),
              None)

LEAD = "Zorbicin, sold under the brand name Zorba, is an antiandrogen medication used to treat prostate cancer.\n\n"


def _cards(tmp_path, body: str, name: str = "Zorbicin"):
    return generated_cards(tmp_path, f"# {name}\n\n## Main\n\n{LEAD}{body}", f"{name}.md")


def _asked(cards, answer: str):
    return [c for c in cards if c.data.get("answer") == answer]


# --- doses ---------------------------------------------------------------------------------------


USES = """## Medical uses

Zorbicin is approved for and mainly used in the following indications:

- Advanced prostate cancer in men in combination with surgical castration at 40 mg/day
- Early prostate cancer in men as a monotherapy at 120 mg/day

Zorbicin is also employed for the following off-label indications:

- Acne and hirsutism in women at 20 to 40 mg/day generally in combination with a birth control pill
"""


def test_a_dose_in_a_bullet_of_uses_is_asked_with_its_use_and_quotes_its_line(tmp_path):
    cards = _cards(tmp_path, USES)
    (advanced,) = _asked(cards, "40 mg/day")
    assert advanced.data["prompt"] == ("At what dosage is zorbicin used for advanced prostate cancer in men in "
                                       "combination with surgical castration?")
    assert advanced.data["source"]["quote"] == ("Advanced prostate cancer in men in combination with surgical "
                                                "castration at 40 mg/day")
    assert advanced.type == "typed"
    (early,) = _asked(cards, "120 mg/day")
    assert early.data["prompt"] == "At what dosage is zorbicin used for early prostate cancer in men as a monotherapy?"


def test_a_combination_after_the_dose_is_part_of_the_use(tmp_path):
    cards = _cards(tmp_path, "## Medical uses\n\nZorbicin is used in the following indications:\n\n"
                             "- Hirsutism in women at 20 to 40 mg/day generally in combination with a birth control pill\n")
    (hirsutism,) = _asked(cards, "20 to 40 mg/day")
    assert hirsutism.data["prompt"] == ("At what dosage is zorbicin used for hirsutism in women in combination with a "
                                        "birth control pill?")


def test_a_dose_under_an_off_label_lead_is_not_asked(tmp_path):
    # a niche use's dose is not what a student is examined on (readers kept the approved regimens)
    assert not _asked(_cards(tmp_path, USES), "20 to 40 mg/day")


def test_a_dose_in_a_sentence_is_asked_with_its_population_and_use(tmp_path):
    cards = _cards(tmp_path, "## Medical uses\n\nIn men with advanced disease, zorbicin is typically used at a dosage of "
                             "60 mg/day in the treatment of prostate cancer, for instance after surgery.\n")
    (dose,) = _asked(cards, "60 mg/day")
    assert dose.data["prompt"] == ("In men with advanced disease, at what dosage is zorbicin used in the treatment of "
                                   "prostate cancer?")


def test_one_countrys_regimen_is_not_asked(tmp_path):
    # a regional detail: readers of the Bicalutamide article's "In Japan, ... 80 mg/day" did not keep it
    for place in ("Japan", "the United States"):
        cards = _cards(tmp_path, f"## Medical uses\n\nIn {place}, zorbicin is typically used at a dosage of 60 mg/day "
                                 "in the treatment of prostate cancer.\n")
        assert not _asked(cards, "60 mg/day"), place


def test_a_bound_a_form_or_a_finding_at_a_dose_is_no_dose_card(tmp_path):
    cards = _cards(tmp_path, "## Pharmacology\n\nZorbicin is well tolerated at doses up to 600 mg/day in clinical "
                             "trials of men.\n\nZorbicin is available in 50 mg and 150 mg tablets for oral use.\n\n"
                             "Zorbicin monotherapy at a dosage of 160 mg/day has been found to increase testosterone "
                             "levels by 114%.\n\nThe following are side effects of zorbicin:\n\n"
                             "- Hot flashes in men at 40 mg/day\n")
    assert not any(str(c.data.get("prompt", "")).startswith("At what dosage") for c in cards), \
        [c.data.get("prompt") for c in cards]


def test_a_list_whose_lead_names_another_drug_gives_no_dose_card(tmp_path):
    cards = _cards(tmp_path, "## Medical uses\n\nLeuprorelin is used in the following indications:\n\n"
                             "- Advanced prostate cancer in men at 7.5 mg every 4 weeks\n")
    assert not _asked(cards, "7.5 mg every 4 weeks")


# --- trial figures side by side --------------------------------------------------------------------


def test_a_trial_figure_and_its_comparator_are_asked_as_one_pair(tmp_path):
    quote = ("In studies that compared letrozole plus zorbicin to letrozole plus placebo in men with prostate cancer, "
             "progression-free survival under zorbicin therapy was 21.3 months on average, as compared to 11.2 months "
             "under the placebo arm.")
    (pair,) = _asked(_cards(tmp_path, f"## Medical uses\n\n{quote}\n"), "21.3 months vs 11.2 months")
    assert pair.data["prompt"] == ("In studies that compared letrozole plus zorbicin to letrozole plus placebo in men "
                                   "with prostate cancer, what was the average progression-free survival under zorbicin "
                                   "therapy, compared with the placebo arm?")
    assert pair.data["source"]["quote"] == quote
    for typed in ("21.3 vs 11.2 months", "21.3 months versus 11.2 months", "21.3 and 11.2 months"):
        assert grade_typed(typed, pair.data["answer"], pair.data["accept"]).correct, typed
    assert not grade_typed("11.2 vs 21.3 months", pair.data["answer"], pair.data["accept"]).correct


def test_a_rate_relative_to_placebo_is_asked_as_a_pair(tmp_path):
    # (rates of a few percent in both arms are not: tests/test_generate_rules_reading11.py)
    cards = _cards(tmp_path, "## Side effects\n\nIn the ZEST clinical programme of zorbicin, the rate of raised liver "
                             "enzymes with zorbicin monotherapy was 24.2% relative to 12.0% for placebo.\n")
    (pair,) = _asked(cards, "24.2% vs 12.0%")
    assert pair.data["prompt"] == ("In the ZEST clinical programme of zorbicin, what was the rate of raised liver "
                                   "enzymes with zorbicin monotherapy, compared with placebo?")


def test_figures_of_two_units_or_a_comparator_that_is_a_pronoun_are_no_pair(tmp_path):
    cards = _cards(tmp_path, "## Medical uses\n\nIn one trial of men with prostate cancer, the response rate with "
                             "zorbicin was 40% as compared to 12 months with it.\n\nIn a second trial of men, the "
                             "response rate with zorbicin was 40% as compared to 30% for this.\n")
    assert not any(" vs " in str(c.data.get("answer", "")) for c in cards)


# --- how it is taken ---------------------------------------------------------------------------------


def test_a_five_word_route_sentence_of_the_lead_paragraph_is_asked(tmp_path):
    path = tmp_path / "Zorbicin.md"
    path.write_text("# Zorbicin\n\n## Main\n\nZorbicin, sold under the brand name Zorba, is an antiandrogen used for "
                    "prostate cancer. Specifically it is used for advanced disease. It is given by injection.\n",
                    encoding="utf-8")
    cards = [c for deck in generate([path]).decks for c in deck.cards]
    (route,) = [c for c in cards if c.data.get("prompt") == "How is zorbicin given?"]
    assert route.data["answer"] == "By injection"
    assert route.data["source"]["quote"] == "It is given by injection."


def test_taken_by_mouth_is_not_asked(tmp_path):
    # most drugs are taken by mouth: readers threw every such card away
    path = tmp_path / "Zorbicin.md"
    path.write_text("# Zorbicin\n\n## Main\n\nZorbicin, sold under the brand name Zorba, is an antiandrogen used for "
                    "prostate cancer. Specifically it is used for advanced disease. It is taken by mouth.\n\n"
                    "## Pharmacology\n\nZorbicin is usually taken once daily by mouth with food.\n", encoding="utf-8")
    cards = [c for deck in generate([path]).decks for c in deck.cards]
    assert not any(str(c.data.get("prompt", "")).startswith("How is zorbicin") for c in cards), cards


def test_a_short_sentence_in_a_paragraph_about_another_drug_is_not_asked(tmp_path):
    path = tmp_path / "Zorbicin.md"
    path.write_text("# Zorbicin\n\n## Main\n\nZorbicin is an antiandrogen used for prostate cancer.\n\n"
                    "## Interactions\n\nLeuprorelin is often combined with zorbicin in advanced disease. It is "
                    "taken by injection.\n", encoding="utf-8")
    cards = [c for deck in generate([path]).decks for c in deck.cards]
    assert not any(c.data.get("prompt") == "How is zorbicin taken?" for c in cards)


# --- on a real article ----------------------------------------------------------------------------


def test_bicalutamides_regimens_from_its_list_of_uses_are_cards():
    if CORPUS is None:
        pytest.skip("shared/corpus/wiki is not on this machine")
    cards = [c for deck in generate([CORPUS / "Bicalutamide.md"]).decks for c in deck.cards]
    by_answer = {c.data.get("answer"): c for c in cards}
    assert by_answer["50 mg/day"].data["source"]["quote"].startswith("Metastatic prostate cancer (mPC) in men")
    assert by_answer["150 mg/day"].data["prompt"] == ("At what dosage is bicalutamide used for locally advanced "
                                                      "prostate cancer in men as a monotherapy?")
    assert "3.4% vs 1.9%" not in by_answer  # a few percent in both arms: the eleventh reading read it WEAK


# --- a wiki's list then its next paragraph (readers/markdown.py) --------------------------------------


def test_an_unindented_sentence_after_a_bullet_is_a_paragraph_of_its_own(tmp_path):
    cards = _cards(tmp_path, "## Medical uses\n\nZorbicin is approved for the following indications:\n\n"
                             "- Advanced prostate cancer in men as a monotherapy at 120 mg/day (not approved in the US)\n"
                             "In older men, zorbicin is uniquely used at a dosage of 60 mg/day in the treatment of "
                             "prostate cancer.\n")
    (us,) = _asked(cards, "120 mg/day")
    assert us.data["source"]["quote"] == "Advanced prostate cancer in men as a monotherapy at 120 mg/day (not approved in the US)"
    (older,) = _asked(cards, "60 mg/day")
    assert older.data["source"]["quote"].startswith("In older men, zorbicin is uniquely used")


def test_a_hard_wrapped_bullet_stays_one_item():
    from anastro_quiz.generate.readers.markdown import parse_markdown

    blocks = parse_markdown("Uses:\n\n- Advanced prostate cancer in men in combination with\nCastration at 40 mg/day\n"
                            "- Early prostate cancer in men as a\n  Monotherapy at 120 mg/day\n")
    assert [b.text for b in blocks if b.kind == "item"] == [
        "Advanced prostate cancer in men in combination with Castration at 40 mg/day",
        "Early prostate cancer in men as a Monotherapy at 120 mg/day"]
    assert [b.kind for b in blocks] == ["paragraph", "item", "item"]


# --- the test at baseline, and the prophylaxis beside it (teacher_monitoring.baseline) ----------


BONE = ("## Bone\n\nIn postmenopausal women treated with zorbicin, estrogen falls to very low levels. This state of "
        "deficiency is a strong anti-tumour strategy.\n\nThe suppression of estrogen by zorbicin speeds bone loss and "
        "raises the risk of fractures. Clinical care, therefore, necessitates baseline and serial BMD assessments (e.g. "
        "DEXA scans) and often involves prophylactic intervention with agents like bisphosphonates or denosumab to "
        "mitigate skeletal morbidity.\n")


def test_the_baseline_test_is_asked_with_the_population_the_passage_names(tmp_path):
    cards = _cards(tmp_path, BONE)
    (baseline,) = _asked(cards, "BMD assessments (e.g. DEXA scans)")
    assert baseline.data["prompt"] == ("In postmenopausal women on zorbicin, which assessments are called for at "
                                       "baseline and serially?")
    assert baseline.data["source"]["quote"].startswith("Clinical care, therefore, necessitates baseline and serial")
    (prophylaxis,) = _asked(cards, "Bisphosphonates or denosumab")
    assert prophylaxis.data["prompt"] == ("In postmenopausal women on zorbicin, which agents are given prophylactically "
                                          "to mitigate skeletal morbidity?")


def test_a_passage_that_names_no_population_asks_on_the_drug_alone(tmp_path):
    cards = _cards(tmp_path, "## Bone\n\nClinical care of patients necessitates baseline and periodic liver function tests "
                             "during long courses.\n")
    (liver,) = _asked(cards, "Liver function tests")
    assert liver.data["prompt"] == "On zorbicin, which tests are called for at baseline and periodically?"


def test_baseline_without_a_follow_up_is_not_asked(tmp_path):
    # "a baseline BMD value of 0.9": a figure, not a rule of care
    cards = _cards(tmp_path, "## Bone\n\nIn men on zorbicin, a baseline BMD value of 0.9 g/cm2 was reported in one "
                             "small study of older men.\n")
    assert not any("baseline" in str(c.data.get("prompt", "")) for c in cards)


def test_a_recommended_dose_sentence_is_asked_with_its_use(tmp_path):
    cards = _cards(tmp_path, "## Medical uses\n\nThe recommended dose of zorbicin for advanced prostate cancer is 40 mg "
                             "once daily.\n")
    (dose,) = _asked(cards, "40 mg once daily")
    assert dose.data["prompt"] == "What is the recommended dose of zorbicin for advanced prostate cancer?"


def test_a_pair_without_a_context_needs_the_drug_in_what_it_measured(tmp_path):
    cards = _cards(tmp_path, "## Medical uses\n\nMedian overall survival with zorbicin was 35.3 months, compared with "
                             "31.3 months with placebo.\n\nMedian overall survival was 20.1 months, compared with 18.4 "
                             "months with placebo.\n")
    (pair,) = [c for c in cards if " vs " in str(c.data.get("answer", ""))]
    assert pair.data["answer"] == "35.3 months vs 31.3 months"
    assert pair.data["prompt"] == "What was median overall survival with zorbicin, compared with placebo?"
