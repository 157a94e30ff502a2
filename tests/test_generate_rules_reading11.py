"""Rules from the cards the eleventh reading read WEAK: minor figures (a span of percentages
studies found, the body's daily output of a substance, a rate of a few percent in both arms of
a trial) are not asked, while the figures readers kept beside them still are. Invented text only."""

from __future__ import annotations

import pytest

from anastro_quiz.generate.reading_weights import daily_production, found_span

from generated import generated_cards


def _answers(cards) -> list[str]:
    return [str(c.data.get("answer", "")) for c in cards]


_SIDE_EFFECTS = ("# Zorbicin\n\nZorbicin is an antiandrogen medication used to treat prostate cancer.\n\n"
                 "## Side effects\n\n"
                 "Zorbicin has been found to lower prolactin levels by 12 to 31% in men.\n\n"
                 "The rates of breast tenderness with zorbicin have been found to range from 2 to 6%.\n\n"
                 "In 3-8% of cases, zorbicin is associated with heart failure, which can be fatal.\n\n"
                 "Hot flashes occur in up to 60% of men treated with zorbicin monotherapy.\n")


def test_a_span_of_percentages_studies_found_is_not_asked(tmp_path):
    answers = _answers(generated_cards(tmp_path, _SIDE_EFFECTS))
    assert "12 to 31%" not in answers and "2 to 6%" not in answers, answers
    # a span told as a fact, and a single figure, stay
    assert "3-8%" in answers and "60%" in answers, answers


@pytest.mark.parametrize("quote, answer, found", [
    ("Zorbicin has been found to lower prolactin levels by 12 to 31% in men.", "12 to 31%", True),
    ("The rates of rash with zorbicin range from 1 to 4%.", "1 to 4%", True),
    ("In 3-8% of cases, zorbicin is associated with heart failure.", "3-8%", False),
    ("Zorbicin has been found to lower prolactin levels by 25% in men.", "25%", False),
    ("The half-life of zorbicin has been found to range from 5 to 7 days.", "5 to 7 days", False),
])
def test_found_span_is_a_span_of_percentages_told_as_a_finding(quote, answer, found):
    assert found_span(quote, answer) is found


_PHYSIOLOGY = ("# Zorbicin\n\nZorbicin is a steroid hormone made mainly in the adrenal glands.\n\n## Physiology\n\n"
               "Approximately 20 to 30 mg of zorbicin is produced per day in adults.\n\n"
               "In women, approximately 40 to 60% of circulating zorbicin is produced in the ovaries.\n")


def test_how_much_the_body_makes_a_day_is_not_asked_but_where_it_is_made_is(tmp_path):
    answers = _answers(generated_cards(tmp_path, _PHYSIOLOGY))
    assert "20 to 30 mg" not in answers, answers
    assert "40 to 60%" in answers, answers


@pytest.mark.parametrize("quote, answer, production", [
    ("Approximately 40 to 50 µg of zorbicin is produced per day in men.", "40 to 50 µg", True),
    ("The adrenal glands secrete zorbicin; its daily production is about 25 mg.", "25 mg", True),
    ("In women, approximately 40 to 60% of circulating zorbicin is produced in the ovaries.", "40 to 60%", False),
    ("Zorbicin is given at 50 mg per day.", "50 mg", False),
])
def test_daily_production_is_a_mass_the_body_makes_a_day(quote, answer, production):
    assert daily_production(quote, answer) is production


def _trial(drug_rate: str, placebo_rate: str) -> str:
    return ("# Zorbicin\n\nZorbicin is an antiandrogen medication used to treat prostate cancer.\n\n## Side effects\n\n"
            "In the ZEST clinical programme of zorbicin, the rate of raised liver enzymes with zorbicin monotherapy "
            f"was {drug_rate} relative to {placebo_rate} for placebo.\n")


def test_a_rate_of_a_few_percent_in_both_arms_is_not_asked_as_a_pair(tmp_path):
    cards = generated_cards(tmp_path, _trial("4.2%", "2.0%"))
    assert not any(" vs " in a for a in _answers(cards)), _answers(cards)
    # nor either figure alone, blanked beside the other
    assert not any("_____" in str(c.data.get("prompt", "")) and "placebo" in str(c.data.get("prompt", ""))
                   for c in cards)


def test_a_rate_that_differs_widely_from_placebo_is_still_asked_as_a_pair(tmp_path):
    (pair,) = [c for c in generated_cards(tmp_path, _trial("42%", "12%")) if c.data.get("answer") == "42% vs 12%"]
    assert pair.data["prompt"] == ("In the ZEST clinical programme of zorbicin, what was the rate of raised liver "
                                   "enzymes with zorbicin monotherapy, compared with placebo?")


def _prompt_of(cards, prompt: str):
    return [c for c in cards if c.data.get("prompt") == prompt]


_DOSES = ("# Veltozole\n\nVeltozole is an aromatase inhibitor used to treat breast cancer.\n\n## Medical uses\n\n"
          "Veltozole is available in the form of 2 mg oral tablets. No other forms are available.\n\n"
          "## Pharmacodynamics\n\nVeltozole inhibits aromatase in a dose-dependent way. As such, 2 mg/day is "
          "considered to be the minimal dosage required to achieve maximal suppression of aromatase with veltozole.\n")


def test_a_tablet_strength_is_not_asked_beside_a_dose_of_the_same_amount(tmp_path):
    answers = _answers(generated_cards(tmp_path, _DOSES, "Veltozole.md"))
    assert "2 mg/day" in answers, answers
    assert "2 mg" not in answers, answers
    # the strength alone is still asked
    alone = _DOSES.replace("As such, 2 mg/day", "As such, 4 mg/day")
    answers = _answers(generated_cards(tmp_path, alone, "Veltozole.md"))
    assert "2 mg" in answers and "4 mg/day" in answers, answers


_CLEARANCE = ("# Veltozole\n\nVeltozole is an aromatase inhibitor used to treat breast cancer.\n\n## Pharmacokinetics\n\n"
              "The elimination half-life of veltozole is 30 hours. The medication is eliminated predominantly by "
              "metabolism in the liver (80 to 90%) but also by excretion by the kidneys unchanged (9%). Veltozole is "
              "excreted primarily in urine but also to a lesser extent in feces.\n")


def test_the_main_route_of_excretion_is_not_asked_where_metabolism_is_what_is_main(tmp_path):
    cards = generated_cards(tmp_path, _CLEARANCE, "Veltozole.md")
    assert not _prompt_of(cards, "By which route is veltozole mainly excreted?")
    (main,) = _prompt_of(cards, "How is veltozole mainly eliminated?")
    assert main.data["answer"] == "By metabolism in the liver"
    assert main.data["explanation"] == "80 to 90% of a dose."
    assert main.data["source"]["quote"].startswith("The medication is eliminated predominantly by metabolism")
    # an article that says nothing of metabolism asks the route
    alone = _CLEARANCE.replace(" The medication is eliminated predominantly by metabolism in the liver (80 to 90%) but "
                               "also by excretion by the kidneys unchanged (9%).", "")
    (route,) = _prompt_of(generated_cards(tmp_path, alone, "Veltozole.md"), "By which route is veltozole mainly excreted?")
    assert route.data["answer"] == "Urine"
